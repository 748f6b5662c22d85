// The annotation menu (the list of the page's annotations, docs/protocol.md AN5, AN8): the author makes a private note
// shared and private again after creating it, and the chair hides someone's shared note from the other delegates and
// shows it again — each change reaching the other tablets live. Screenshots 14-annotation-menu-* (vi, en).
import { expect, test, type Page } from '@playwright/test';
import { openDocument, signIn, vi } from './helpers';

const doc200 = () => process.env.PLENUM_E2E_DOC200!;
const PAGE = 7;

async function openList(page: Page) {
  if (!(await page.getByTestId('annotation-list').isVisible())) await page.getByTestId('annotation-list-toggle').click();
  await expect(page.getByTestId('annotation-list')).toBeVisible();
}

const drawn = (page: Page, id: string) => page.locator(`.page[data-page-number="${PAGE}"] g[data-annotation-id="${id}"]`);

test('the author changes who sees a note after making it; the chair hides it and shows it again', async ({ browser }) => {
  const d1 = await signIn(browser, 'delegate1');
  await openDocument(d1.page, doc200(), PAGE);
  const svg = d1.page.locator(`.page[data-page-number="${PAGE}"] svg.plenum-ink`);
  await expect(svg).toBeAttached();
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  const text = `Cần làm rõ số liệu ${Date.now()}`;
  await d1.page.locator('button[data-tool="note"]').click();
  await d1.page.getByTestId('visibility').selectOption('PRIVATE');
  await d1.page.mouse.click(box.x + 320, box.y + 180);
  await d1.page.getByTestId('note-dialog').locator('textarea').fill(text);
  await d1.page.getByTestId('note-save').click();
  const mine = d1.page.locator(`.page[data-page-number="${PAGE}"] g[data-kind="NOTE"][data-visibility="PRIVATE"]`).last();
  await expect(mine).toBeAttached();
  const id = (await mine.getAttribute('data-annotation-id'))!;
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);
  await d1.page.locator('button[data-tool="none"]').click();

  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d2.page, doc200(), PAGE);
  await expect(drawn(d2.page, id)).toHaveCount(0); // private: never sent to delegate 2

  // the author opens the page's annotations and makes the note shared: delegate 2 sees it at once
  await openList(d1.page);
  const row = d1.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`);
  await expect(row).toContainText(vi['ann.byMe']);
  await row.getByTestId('annotation-visibility').selectOption('SHARED');
  await expect(row).toHaveAttribute('data-visibility', 'SHARED');
  await expect(drawn(d2.page, id)).toBeAttached({ timeout: 20_000 });
  await openList(d2.page);
  const theirs = d2.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`);
  await expect(theirs).toContainText('Lê Văn Cường'); // delegate 1's name, no menu for someone else's note
  await expect(theirs.locator('select, button')).toHaveCount(0);

  // the chair hides it: gone from delegate 2, still shown to its author as hidden by the chair
  const chair = await signIn(browser, 'chair');
  await openDocument(chair.page, doc200(), PAGE);
  await openList(chair.page);
  const chairRow = chair.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`);
  await chairRow.getByTestId('annotation-hide').click();
  await expect(chairRow).toHaveAttribute('data-moderation', 'HIDDEN');
  await expect(drawn(d2.page, id)).toHaveCount(0, { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-moderation', 'HIDDEN');
  await expect(row).toContainText(vi['ann.hiddenByChair']);
  await chair.page.screenshot({ path: '../docs/screenshots/vi-14-annotation-menu-chair.png' });
  await d1.page.screenshot({ path: '../docs/screenshots/vi-14-annotation-menu-author.png' });

  // and shows it again
  await chairRow.getByTestId('annotation-show').click();
  await expect(drawn(d2.page, id)).toBeAttached({ timeout: 20_000 });

  // the author makes it private again: gone from delegate 2 and from the chair
  await row.getByTestId('annotation-visibility').selectOption('PRIVATE');
  await expect(drawn(d2.page, id)).toHaveCount(0, { timeout: 20_000 });
  await expect(drawn(chair.page, id)).toHaveCount(0, { timeout: 20_000 });
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);

  // the same screens in English: shared again, hidden by the chair
  await row.getByTestId('annotation-visibility').selectOption('SHARED');
  await expect(drawn(chair.page, id)).toBeAttached({ timeout: 20_000 });
  await chairRow.getByTestId('annotation-hide').click();
  await expect(row).toHaveAttribute('data-moderation', 'HIDDEN');
  for (const t of [chair, d1]) {
    await t.page.evaluate(() => localStorage.setItem('plenum.locale', 'en'));
    await t.page.reload();
    await expect(t.page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
    await openList(t.page);
    await expect(t.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`)).toBeVisible();
  }
  await chair.page.screenshot({ path: '../docs/screenshots/en-14-annotation-menu-chair.png' });
  await d1.page.screenshot({ path: '../docs/screenshots/en-14-annotation-menu-author.png' });
  for (const t of [d1, d2, chair]) await t.context.close();
});
