// The people picker (issue 12, "shared with people", docs/protocol.md AN5 PEOPLE): delegate 1 makes a private note,
// then, in the annotation menu, shares it with delegate 2 only, found by typing part of her name without accents.
// Delegate 2 sees it appear live; delegate 3, on the same page, never gets it — not live, not after a reload. Then the
// same from the annotation tools: the next note goes to the people chosen there (delegate 3 this time).
import { expect, test, type Page } from '@playwright/test';
import { openDocument, signIn } from './helpers';
import { viPeople } from '../src/i18n/people.vi';

const doc200 = () => process.env.PLENUM_E2E_DOC200!;
// a page no other scenario writes on, different on a rerun against the same server (a click on an earlier run's
// note would open that note instead of making one)
const PAGE = 60 + Math.floor(Math.random() * 40);

const drawn = (page: Page, id: string) => page.locator(`.page[data-page-number="${PAGE}"] g[data-annotation-id="${id}"]`);

async function openList(page: Page) {
  if (!(await page.getByTestId('annotation-list').isVisible())) await page.getByTestId('annotation-list-toggle').click();
  await expect(page.getByTestId('annotation-list')).toBeVisible();
}

/** Delegate 1 puts a note on the page at (x, y) of the ink layer with the visibility chosen in the tools. */
async function note(page: Page, text: string, x: number, y: number): Promise<string> {
  const svg = page.locator(`.page[data-page-number="${PAGE}"] svg.plenum-ink`);
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  const before = await page.locator(`.page[data-page-number="${PAGE}"] g[data-kind="NOTE"]`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-annotation-id')));
  await page.locator('button[data-tool="note"]').click();
  await page.mouse.click(box.x + x, box.y + y);
  await page.getByTestId('note-dialog').locator('textarea').fill(text);
  await page.getByTestId('note-save').click();
  const made = page.locator(`.page[data-page-number="${PAGE}"] g[data-kind="NOTE"]`);
  await expect(made).toHaveCount(before.length + 1);
  const ids = await made.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-annotation-id')));
  await expect(page.getByTestId('annotations-waiting')).toHaveCount(0);
  await page.locator('button[data-tool="none"]').click();
  return ids.find((id) => !before.includes(id))!;
}

test('a delegate shares a note with one chosen delegate: she sees it live, a third delegate never does', async ({ browser }) => {
  const a = await signIn(browser, 'delegate1'); // Lê Văn Cường
  const b = await signIn(browser, 'delegate2'); // Phạm Thị Dung
  const c = await signIn(browser, 'delegate3'); // Hoàng Văn Em
  for (const t of [a, b, c]) await openDocument(t.page, doc200(), PAGE);

  // a private note first (nobody else gets it)
  await a.page.getByTestId('visibility').selectOption('PRIVATE');
  const id = await note(a.page, `Chỉ gửi chị Dung ${Date.now()}`, 300, 200);
  await expect(drawn(b.page, id)).toHaveCount(0);

  // the annotation menu: "chosen people" opens the picker; typing "thi dung" (no accents) leaves one person
  await openList(a.page);
  const row = a.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`);
  await row.getByTestId('annotation-visibility').selectOption('PEOPLE');
  const picker = row.getByTestId('people-picker');
  await expect(picker).toBeVisible();
  await expect(picker.getByTestId('picker-confirm')).toBeDisabled(); // nobody chosen yet
  // the other participants, the author not among them, each row touch-sized
  await expect(picker.getByTestId('picker-person').filter({ hasText: 'Lê Văn Cường' })).toHaveCount(0);
  await expect(picker.getByTestId('picker-person').filter({ hasText: 'Hoàng Văn Em' })).toHaveCount(1);
  const rowBox = (await picker.getByTestId('picker-person').first().boundingBox())!;
  expect(rowBox.height).toBeGreaterThanOrEqual(44);
  await picker.getByTestId('picker-search').fill('thi dung');
  await expect(picker.getByTestId('picker-person')).toHaveCount(1);
  await expect(picker.getByTestId('picker-person')).toContainText('Phạm Thị Dung');
  await picker.getByTestId('picker-person').click();
  await expect(picker.getByTestId('picker-count')).toHaveText(viPeople['picker.chosen'].replace('{n}', '1'));
  await picker.getByTestId('picker-confirm').click();
  await expect(picker).toHaveCount(0);
  await expect(row).toHaveAttribute('data-visibility', 'PEOPLE');
  await expect(row.getByTestId('annotation-people')).toContainText('Phạm Thị Dung');
  await expect(a.page.getByTestId('annotations-waiting')).toHaveCount(0);

  // B sees it live, without a reload; C, on the same page, does not — and not after a reload either (annotation.sync)
  await expect(drawn(b.page, id)).toBeAttached({ timeout: 20_000 });
  await expect(drawn(b.page, id)).toHaveAttribute('data-visibility', 'PEOPLE');
  await expect(drawn(c.page, id)).toHaveCount(0);
  await c.page.reload();
  await expect(c.page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
  await expect(c.page.locator(`.page[data-page-number="${PAGE}"] svg.plenum-ink`)).toBeAttached();
  await expect(drawn(c.page, id)).toHaveCount(0);
  await a.page.screenshot({ path: '../docs/screenshots/vi-16-people-picker-shared.png' });

  // the annotation tools: "chosen people" for what is drawn next opens the same picker; C this time, found by "Em"
  await a.page.getByTestId('annotation-list-toggle').click();
  await a.page.getByTestId('visibility').selectOption('PEOPLE');
  const tools = a.page.getByTestId('annotation-tools').getByTestId('people-picker');
  await expect(tools).toBeVisible();
  await tools.getByTestId('picker-search').fill('Hoàng');
  await tools.getByTestId('picker-person').filter({ hasText: 'Hoàng Văn Em' }).click();
  await a.page.screenshot({ path: '../docs/screenshots/vi-16-people-picker.png' });
  await tools.getByTestId('picker-confirm').click();
  await expect(tools).toHaveCount(0);
  const second = await note(a.page, `Gửi anh Em ${Date.now()}`, 200, 320);
  await expect(drawn(c.page, second)).toBeAttached({ timeout: 20_000 });
  await expect(drawn(b.page, second)).toHaveCount(0);
  await expect(drawn(b.page, id)).toBeAttached(); // the first one is still B's
  await expect(drawn(c.page, id)).toHaveCount(0);

  // the picker in English
  await a.page.evaluate(() => localStorage.setItem('plenum.locale', 'en'));
  await a.page.reload();
  await expect(a.page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
  await a.page.getByTestId('visibility').selectOption('PEOPLE');
  const en = a.page.getByTestId('annotation-tools').getByTestId('people-picker');
  await expect(en.getByTestId('picker-search')).toHaveAttribute('placeholder', 'Search by name');
  await en.getByTestId('picker-search').fill('dung');
  await a.page.screenshot({ path: '../docs/screenshots/en-16-people-picker.png' });
  for (const t of [a, b, c]) await t.context.close();
});
