// The text highlight tool (issue 12: "highlighter on text", docs/protocol.md AN3's HIGHLIGHT shape): a delegate selects
// words on a page's text layer with the highlight tool chosen and shared visibility; the selection becomes a HIGHLIGHT
// annotation (quads over the words, the quote) that the other delegate sees live, over the same words.
import { expect, test, type Page } from '@playwright/test';
import { openDocument, signIn } from './helpers';

const doc200 = () => process.env.PLENUM_E2E_DOC200!;
const PAGE = 11;

/** The page's second text line ("Ngan sach nam 2027, muc N. Budget line N.", e2e/pdf.ts) on its text layer. */
async function words(page: Page) {
  const span = page.locator(`.page[data-page-number="${PAGE}"] .textLayer span`, { hasText: 'Budget line' }).first();
  await expect(span).toBeVisible({ timeout: 20_000 });
  await span.scrollIntoViewIfNeeded();
  return span;
}

test('a delegate highlights words on the text layer; the shared highlight reaches the other delegate over the same words', async ({ browser }) => {
  const d1 = await signIn(browser, 'delegate1');
  const d2 = await signIn(browser, 'delegate2');
  await openDocument(d1.page, doc200(), PAGE);
  await openDocument(d2.page, doc200(), PAGE);
  const highlights = (p: Page) => p.locator(`.page[data-page-number="${PAGE}"] g[data-kind="HIGHLIGHT"]`);
  const before = await highlights(d2.page).count();

  await d1.page.locator('button[data-tool="highlight"]').click();
  await d1.page.getByTestId('visibility').selectOption('SHARED');
  // select the line with the mouse, as a finger or a pen would on the text layer
  const span = await words(d1.page);
  const box = (await span.boundingBox())!;
  await d1.page.mouse.move(box.x + 2, box.y + box.height / 2);
  await d1.page.mouse.down();
  await d1.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await d1.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
  await d1.page.mouse.up();

  const mine = highlights(d1.page).last();
  await expect(mine).toBeAttached({ timeout: 10_000 });
  await expect(mine).toHaveAttribute('data-visibility', 'SHARED');
  await expect(mine).toHaveAttribute('data-mine', 'true');
  expect(await d1.page.evaluate(() => window.getSelection()?.isCollapsed ?? true)).toBe(true); // the selection became the highlight
  await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0); // acknowledged after commit
  const id = (await mine.getAttribute('data-annotation-id'))!;

  // delegate 2 sees it live, drawn over the same words
  const theirs = d2.page.locator(`.page[data-page-number="${PAGE}"] g[data-annotation-id="${id}"]`);
  await expect(theirs).toHaveAttribute('data-kind', 'HIGHLIGHT', { timeout: 20_000 });
  await expect(theirs).toHaveAttribute('data-mine', 'false');
  await expect(highlights(d2.page)).toHaveCount(before + 1);
  const quad = (await theirs.locator('polygon').first().boundingBox())!;
  const target = (await (await words(d2.page)).boundingBox())!;
  // the quad covers the selected words (same page size on both tablets; a few px of rounding either way)
  expect(quad.width).toBeGreaterThan(target.width * 0.8);
  expect(Math.abs(quad.x - target.x)).toBeLessThan(12);
  expect(Math.abs(quad.y + quad.height / 2 - (target.y + target.height / 2))).toBeLessThan(target.height);

  // the quote is kept with it: delegate 2's annotation list names the highlighted words
  await d2.page.getByTestId('annotation-list-toggle').click();
  await expect(d2.page.locator(`[data-testid="annotation-list"] li[data-annotation-id="${id}"]`)).toContainText('Budget line');
  for (const t of [d1, d2]) await t.context.close();
});
