// Annotations the server could not carry to a new version (docs/protocol.md AN10) shown to their author: a delegate
// highlights words on pages 2 and 3 of a fresh document; the secretary publishes version 2, whose words are different;
// both highlights stay on version 1 with `annotation.orphaned` (TEXT_NOT_FOUND) to their author, whose viewer (now on
// version 2) counts them on the annotation list button and lists them with why, "place on page N" (an edit of the
// placement: it is then drawn on the page of version 2) and "delete". Delegate 2 never sees them (private).
// Screenshots vi-15-orphans.png and en-15-orphans.png.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD } from './global-setup';
import { makePdf } from './pdf';
import { meeting, openDocument, signIn, vi } from './helpers';
import { viTablet3 } from '../src/i18n/tablet3.vi';
import { enTablet3 } from '../src/i18n/tablet3.en';

async function secretary(request: APIRequestContext) {
  const res = await request.post('/api/auth/login', { data: { username: 'secretary', password: PASSWORD } });
  return { Authorization: `Bearer ${(await res.json()).accessToken}` };
}

async function highlightWords(page: Page, n: number) {
  const span = page.locator(`.page[data-page-number="${n}"] .textLayer span`, { hasText: 'Budget line' }).first();
  await expect(span).toBeVisible({ timeout: 20_000 });
  await span.scrollIntoViewIfNeeded();
  // the page may still move under the pointer: pdf.js takes over from the page's picture after it (D38) and pages
  // above settle their heights; drag only once the words stay put
  let box = (await span.boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(250);
    const again = (await span.boundingBox())!;
    if (again.x === box.x && again.y === box.y && again.width === box.width) break;
    box = again;
  }
  const before = await page.locator(`.page[data-page-number="${n}"] g[data-kind="HIGHLIGHT"]`).count();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const made = page.locator(`.page[data-page-number="${n}"] g[data-kind="HIGHLIGHT"]`);
  await expect(made).toHaveCount(before + 1, { timeout: 10_000 });
  return (await made.last().getAttribute('data-annotation-id'))!;
}

test('annotations not carried to a new version are listed to their author, who places one on a page and deletes the other', async ({ browser, request }) => {
  const auth = await secretary(request);
  const snapshot = await (await request.get(`/api/meetings/${meeting()}/snapshot`, { headers: auth })).json();
  const item = (snapshot.agenda.items as { id: string }[])[1].id;
  const title = `Tờ trình sửa đổi ${Date.now()}`;
  const up = await request.post(`/api/meetings/${meeting()}/documents?title=${encodeURIComponent(title)}&agendaItemIds=${item}`, {
    headers: { ...auth, 'Content-Type': 'application/pdf', 'X-Filename': 'to-trinh.pdf' }, data: makePdf(3) });
  expect(up.status()).toBe(201);
  const doc = (await up.json()).id as string;

  const d1 = await signIn(browser, 'delegate1');
  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d1.page, doc, 2);
  await d1.page.locator('button[data-tool="highlight"]').click();
  await d1.page.getByTestId('visibility').selectOption('PRIVATE');
  const a = await highlightWords(d1.page, 2);
  const b = await highlightWords(d1.page, 3);
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);
  await d1.page.locator('button[data-tool="none"]').click();
  await d1.page.locator('.page[data-page-number="2"]').scrollIntoViewIfNeeded();
  await expect(d1.page.getByTestId('orphan-count')).toHaveCount(0);

  // version 2: the same pages, other words ("Budget line" is gone); a fresh token (the e2e server's live 20 s)
  const v2 = await request.post(`/api/meetings/${meeting()}/documents/${doc}/versions?note=${encodeURIComponent('Sửa số liệu')}`, {
    headers: { ...(await secretary(request)), 'Content-Type': 'application/pdf', 'X-Filename': 'to-trinh-v2.pdf' },
    data: makePdf(3, { words: (p) => `Du toan dieu chinh, khoan ${p}. Revised estimate ${p}.` }) });
  expect(v2.status()).toBe(201);

  // the author's viewer moves to version 2 and counts the two annotations left behind
  await expect(d1.page.getByTestId('orphan-count')).toContainText('2', { timeout: 30_000 });
  await expect(d1.page.locator('.page[data-page-number="2"] .textLayer')).toContainText('Revised estimate', { timeout: 30_000 });
  await expect(d1.page.locator(`g[data-annotation-id="${a}"]`)).toHaveCount(0); // not drawn on version 2
  await d1.page.getByTestId('annotation-list-toggle').click();
  const orphans = d1.page.getByTestId('orphans');
  await expect(orphans).toContainText(viTablet3['orphan.title']);
  const rowA = orphans.locator(`li[data-annotation-id="${a}"]`);
  const rowB = orphans.locator(`li[data-annotation-id="${b}"]`);
  await expect(rowA).toContainText('Budget line 2');
  await expect(rowB).toContainText('Budget line 3');
  // the server's notice says why (TEXT_NOT_FOUND), in words
  await expect(rowA).toHaveAttribute('data-orphan-reason', 'TEXT_NOT_FOUND', { timeout: 20_000 });
  await expect(rowA).toContainText(viTablet3['orphan.reason.TEXT_NOT_FOUND']);
  await expect(rowA).not.toContainText('TEXT_NOT_FOUND');
  await d1.page.screenshot({ path: '../docs/screenshots/vi-15-orphans.png' });
  await d1.page.locator('button.lang').first().click();
  await expect(orphans).toContainText(enTablet3['orphan.title']);
  await expect(rowA).toContainText(enTablet3['orphan.reason.TEXT_NOT_FOUND']);
  await expect(rowA.getByTestId('orphan-place')).toHaveText(enTablet3['orphan.place'].replace('{page}', '2'));
  await d1.page.screenshot({ path: '../docs/screenshots/en-15-orphans.png' });
  await d1.page.locator('button.lang').first().click();
  await expect(rowA.getByTestId('orphan-delete')).toHaveText(vi['ann.delete']);

  // place the first on page 2 of version 2: drawn there, kept by the server (still there after a reload)
  await rowA.getByTestId('orphan-place').click();
  await expect(rowA).toHaveCount(0);
  await expect(d1.page.locator(`.page[data-page-number="2"] g[data-annotation-id="${a}"]`)).toBeAttached();
  // delete the second
  await rowB.getByTestId('orphan-delete').click();
  await expect(orphans).toHaveCount(0);
  await expect(d1.page.getByTestId('orphan-count')).toHaveCount(0);
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);
  await d1.page.reload();
  await expect(d1.page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
  await expect(d1.page.locator(`.page[data-page-number="2"] g[data-annotation-id="${a}"]`)).toBeAttached({ timeout: 20_000 });
  await expect(d1.page.getByTestId('orphan-count')).toHaveCount(0);

  // private all along: delegate 2 sees neither, on either version
  await openDocument(d2.page, doc, 2);
  await expect(d2.page.locator(`g[data-annotation-id="${a}"], g[data-annotation-id="${b}"]`)).toHaveCount(0);
  for (const t of [d1, d2]) await t.context.close();
});
