// The chair console (issue 13) in Vietnamese and English, as PNGs in docs/screenshots/ (README "Screenshots"):
// a meeting in session with a speaker on the floor, two waiting, a running secret poll and an election's result.
import { expect, test, type Page } from '@playwright/test';
import { viConsoles } from '../src/i18n/consoles.vi';
import { enConsoles } from '../src/i18n/consoles.en';
import { vi } from './helpers';
import { en } from '../src/i18n/en';
import { consoleMeeting, go, signInTo } from './consoles';
import { makePdf } from './pdf';

const OUT = '../docs/screenshots';
const laptop = { width: 1366, height: 900 };

for (const lang of ['vi', 'en'] as const) {
  const w = lang === 'vi' ? viConsoles : enConsoles;
  const words = lang === 'vi' ? vi : en;
  // the whole console in one picture: a window as tall as the page (a full-page shot repeats the sticky top bar)
  const shot = async (page: Page, name: string) => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: laptop.width, height: Math.max(laptop.height, height) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${OUT}/${lang}-${name}.png` });
    await page.setViewportSize(laptop);
  };

  test(`chair console in ${lang}`, async ({ browser }, info) => {
    test.setTimeout(240_000);
    const m = await consoleMeeting(info.project.use.baseURL!, lang === 'vi' ? 'Kỳ họp thứ 9 HĐND tỉnh' : '9th session of the provincial council');
    const options = { locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: laptop };
    const people = [];
    for (const u of [m.chair, ...m.delegates.slice(0, 3)]) {
      const t = await signInTo(browser, u, m.id, options);
      await t.page.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
      people.push(t);
    }
    const [chair, d1, d2, d3] = people;
    const c = chair.page;
    await go(c, m.id, '/chair');
    const status = c.getByTestId('chair-status');
    await status.getByRole('button', { name: w['chair.open'] }).click();
    await shot(c, '20-chair-confirm');
    await status.getByRole('button', { name: w['chair.confirm'] }).click();
    await expect(status).toHaveAttribute('data-status', 'OPEN');
    for (const d of [d1, d2, d3]) {
      await go(d.page, m.id, '');
      await d.page.getByTestId('check-in').click();
      await expect(d.page.getByTestId('checked-in')).toBeVisible();
      await go(d.page, m.id, '/speak');
      await d.page.getByRole('button', { name: new RegExp(words['speak.request']) }).click();
    }
    await c.locator(`[data-item="${m.items[1].id}"]`).getByRole('button', { name: w['chair.makeCurrent'] }).click();
    const queue = c.getByTestId('chair-queue');
    await expect(queue.locator('li')).toHaveCount(3);
    await queue.locator('li').first().getByRole('button', { name: w['chair.grant'] }).click();

    const creator = c.getByTestId('poll-creator');
    await creator.getByLabel(w['chair.template']).selectOption('election');
    await creator.getByLabel(w['chair.pollTitle']).fill(lang === 'vi' ? 'Bầu Phó Chủ tịch HĐND tỉnh' : 'Election of the council\'s vice-chair');
    await creator.getByLabel(w['chair.pollOptions']).fill('Nguyễn Thị Hồng\nTrần Quốc Huy');
    await creator.getByLabel(w['chair.pollRule']).selectOption('RELATIVE');
    await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
    const polls = c.getByTestId('chair-polls');
    await polls.locator('[data-status="DRAFT"]').getByRole('button', { name: w['chair.pollOpen'] }).click();
    for (const [d, who] of [[d2, 'Trần Quốc Huy'], [d3, 'Trần Quốc Huy'], [d1, 'Nguyễn Thị Hồng']] as const) {
      await go(d.page, m.id, '/vote');
      const b = d.page.locator('section.poll .ballot').first();
      await b.getByRole('button', { name: who }).click();
      await b.getByRole('button', { name: words['vote.continue'] }).click();
      await b.getByRole('button', { name: words['vote.confirm'] }).click();
      await expect(b.getByTestId('receipt')).toBeVisible();
    }
    await polls.locator('[data-status="OPEN"]').getByRole('button', { name: w['chair.pollClose'] }).click();
    await expect(polls.locator('[data-status="CLOSED"]')).toHaveCount(1);

    await creator.getByLabel(w['chair.template']).selectOption('members');
    await creator.getByLabel(w['chair.pollTitle']).fill(lang === 'vi' ? 'Thông qua Nghị quyết dự toán ngân sách 2027' : 'Adopt the 2027 budget resolution');
    await creator.getByLabel(w['chair.pollSecrecy']).selectOption('SECRET');
    await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
    await polls.locator('[data-status="DRAFT"]').getByRole('button', { name: w['chair.pollOpen'] }).click();
    await expect(polls.locator('[data-status="OPEN"]')).toHaveCount(1);
    await go(d1.page, m.id, '/vote');
    const ballot = d1.page.locator('section.poll .ballot').first();
    await ballot.getByRole('button', { name: words['option.YES'], exact: true }).click();
    await ballot.getByRole('button', { name: words['vote.continue'] }).click();
    await ballot.getByRole('button', { name: words['vote.confirm'] }).click();
    await expect(polls.locator('[data-status="OPEN"]').getByTestId('chair-progress')).toContainText('1');
    await c.waitForTimeout(2500); // the speaker's clock has run a little
    await shot(c, '21-chair-console');
    await c.setViewportSize({ width: 1180, height: 820 });
    await c.evaluate(() => window.scrollTo(0, 0));
    await c.screenshot({ path: `${OUT}/${lang}-22-chair-console-tablet.png` });
    for (const t of people) await t.context.close();
  });
}

for (const lang of ['vi', 'en'] as const) {
  const w = lang === 'vi' ? viConsoles : enConsoles;
  test(`secretary page and the kiosk without a link in ${lang}`, async ({ browser }, info) => {
    test.setTimeout(180_000);
    const m = await consoleMeeting(info.project.use.baseURL!, lang === 'vi' ? 'Kỳ họp chuyên đề HĐND tỉnh' : 'Special session of the provincial council');
    const options = { locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: laptop };
    const sec = await signInTo(browser, m.chair, m.id, options);
    const p = sec.page;
    await go(p, m.id, '/secretary');
    const docs = p.getByTestId('document-upload');
    await docs.getByLabel(w['sec.attachTo']).selectOption(m.items[2].id);
    await docs.locator('input[name=pdfs]').setInputFiles([
      { name: 'Danh-sach-ung-cu-vien.pdf', mimeType: 'application/pdf', buffer: makePdf(3) },
      { name: 'not-a-pdf.pdf', mimeType: 'application/pdf', buffer: Buffer.from('x') },
    ]);
    await expect(docs.locator('[data-upload="Danh-sach-ung-cu-vien.pdf"]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const rooms = p.getByTestId('rooms-panel');
    const csv = ['code,name,district', 'DA01,"UBND xã Tiên Dương",Huyện Đông Anh', ',"Điểm cầu thiếu mã",Huyện Sóc Sơn'].join('\n');
    await rooms.locator('input[name=csv]').setInputFiles({ name: 'rooms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(rooms.getByTestId('import-errors')).toBeVisible();
    const good = ['code,name,district', 'DA01,"UBND xã Tiên Dương",Huyện Đông Anh', 'DA02,"UBND xã Vân Nội",Huyện Đông Anh'].join('\n');
    await rooms.locator('input[name=csv]').setInputFiles({ name: 'rooms2.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect(rooms.getByTestId('import-result')).toBeVisible();
    await rooms.locator('input[name=csv]').setInputFiles({ name: 'rooms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(rooms.getByTestId('import-errors')).toBeVisible();
    await rooms.getByRole('button', { name: /DA01/ }).click();
    await rooms.getByRole('button', { name: w['sec.issue.KIOSK'] }).click();
    await expect(rooms.getByTestId('issued').locator('svg')).toBeVisible();
    const height = await p.evaluate(() => document.documentElement.scrollHeight);
    await p.setViewportSize({ width: laptop.width, height: Math.max(laptop.height, height) });
    await p.evaluate(() => window.scrollTo(0, 0)); // the sticky top bar would cover the tabs of a scrolled page
    await p.screenshot({ path: `${OUT}/${lang}-23-secretary.png` });
    await sec.context.close();

    const anon = await browser.newContext(options);
    const kiosk = await anon.newPage();
    await kiosk.goto('/kiosk.html');
    await expect(kiosk.locator('#howto')).toBeVisible();
    await kiosk.screenshot({ path: `${OUT}/${lang}-24-kiosk-without-link.png` });
    await anon.close();
  });
}
