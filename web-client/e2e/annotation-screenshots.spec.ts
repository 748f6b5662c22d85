// The annotation tools in Vietnamese and English, as PNGs in docs/screenshots/ (project "screenshots", with
// screenshots.spec.ts): a delegate's page with ink, a highlighter stroke, shapes and a note, another delegate's
// shared stroke, the note dialog, and the offline waiting count.
import { expect, test, type Page } from '@playwright/test';
import { openDocument, signIn } from './helpers';

const OUT = '../docs/screenshots';

async function drag(page: Page, from: [number, number], to: [number, number], steps = 12) {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps });
  await page.mouse.up();
}

for (const lang of ['vi', 'en'] as const) {
  test(`annotation tools in ${lang}`, async ({ browser }) => {
    const options = { locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: { width: 1180, height: 820 } };
    const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${lang}-${name}.png` });
    const d1 = await signIn(browser, 'delegate1', options);
    const d2 = await signIn(browser, 'delegate2', options);
    for (const t of [d1, d2]) {
      // the language switch of the top bar (no reload)
      if ((await t.page.locator('html').getAttribute('lang')) !== lang) await t.page.getByRole('button', { name: /English|Tiếng Việt/ }).click();
      await expect(t.page.locator('html')).toHaveAttribute('lang', lang);
    }
    const page = 40 + Math.floor(Math.random() * 150); // a page no earlier run has drawn on
    await openDocument(d2.page, process.env.PLENUM_E2E_DOC200!, page);
    await openDocument(d1.page, process.env.PLENUM_E2E_DOC200!, page);
    const svg = d1.page.locator(`.page[data-page-number="${page}"] svg.plenum-ink`);
    await svg.scrollIntoViewIfNeeded();
    const b = (await svg.boundingBox())!;
    // delegate 2 shares a circle around the title
    const svg2 = d2.page.locator(`.page[data-page-number="${page}"] svg.plenum-ink`);
    await svg2.scrollIntoViewIfNeeded();
    const b2 = (await svg2.boundingBox())!;
    await d2.page.locator('button[data-tool="ellipse"]').click();
    await d2.page.locator('button[data-color="blue"]').click();
    await d2.page.getByTestId('visibility').selectOption('SHARED');
    await drag(d2.page, [b2.x + 100, b2.y + 70], [b2.x + 560, b2.y + 170]);
    // delegate 1: pen, highlighter pen, rectangle, arrow, note
    await d1.page.getByTestId('visibility').selectOption('SHARED');
    await d1.page.locator('button[data-tool="pen"]').click();
    await drag(d1.page, [b.x + 120, b.y + 330], [b.x + 420, b.y + 300], 30);
    await d1.page.locator('button[data-tool="highlighter"]').click();
    await d1.page.locator('button[data-color="yellow"]').click();
    await drag(d1.page, [b.x + 110, b.y + 232], [b.x + 560, b.y + 232], 20);
    await d1.page.locator('button[data-tool="rectangle"]').click();
    await d1.page.locator('button[data-color="green"]').click();
    await drag(d1.page, [b.x + 100, b.y + 400], [b.x + 500, b.y + 520]);
    await d1.page.locator('button[data-tool="arrow"]').click();
    await d1.page.locator('button[data-color="red"]').click();
    await drag(d1.page, [b.x + 700, b.y + 560], [b.x + 520, b.y + 470]);
    await d1.page.getByTestId('visibility').selectOption('PRIVATE');
    await d1.page.locator('button[data-tool="note"]').click();
    await d1.page.mouse.click(b.x + 720, b.y + 250);
    await d1.page.getByTestId('note-dialog').locator('textarea').fill(lang === 'vi'
      ? 'Đề nghị làm rõ số liệu mục này trước khi biểu quyết.' : 'Ask for the figures of this line before the vote.');
    await shot(d1.page, '12-annotate-note');
    await d1.page.getByTestId('note-save').click();
    await expect(d1.page.locator(`.page[data-page-number="${page}"] g[data-kind="ELLIPSE"]`)).toHaveCount(1);
    await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0);
    await d1.page.locator('button[data-tool="pen"]').click();
    await d1.page.waitForTimeout(500);
    await shot(d1.page, '12-annotate');
    // offline: what waits is counted
    await d1.context.setOffline(true);
    await d1.page.locator('button[data-tool="arrow"]').click();
    await drag(d1.page, [b.x + 260, b.y + 570], [b.x + 130, b.y + 545]);
    await expect(d1.page.getByTestId('annotations-waiting')).toBeVisible();
    await d1.page.waitForTimeout(300);
    await shot(d1.page, '13-annotate-offline');
    await d1.context.setOffline(false);
    await expect(d1.page.getByTestId('annotations-waiting')).toHaveCount(0, { timeout: 30_000 });
    for (const t of [d1, d2]) await t.context.close();
  });
}
