// Every main screen in Vietnamese and English, as PNGs in docs/screenshots/ (README: "Screenshots"). Run against a
// server where the global set-up has published the test documents (TabletAppE2EIT with -Dplenum.e2e.project=screenshots).
import { expect, test, type Page } from '@playwright/test';
import { checkIn, openDocument, signIn, tab, vi } from './helpers';
import { en } from '../src/i18n/en';

const OUT = '../docs/screenshots';
const tablet = { width: 1180, height: 820 };
const portrait = { width: 820, height: 1180 };
const phone = { width: 390, height: 844 };

for (const lang of ['vi', 'en'] as const) {
  const words = lang === 'vi' ? vi : en;
  const options = { locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: tablet };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${lang}-${name}.png` });

  test(`screens in ${lang}`, async ({ browser }) => {
    test.setTimeout(300_000);
    // the sign-in screen
    const anon = await browser.newContext(options);
    await anon.addInitScript((l) => localStorage.setItem('plenum.locale', l), lang);
    const signin = await anon.newPage();
    await signin.goto('/');
    await expect(signin.getByRole('button', { name: words['signin.submit'] })).toBeVisible();
    await shot(signin, '01-sign-in');
    await signin.setViewportSize(phone);
    await shot(signin, '01-sign-in-phone');
    await anon.close();

    const chair = await signIn(browser, 'chair', options);
    const d1 = await signIn(browser, 'delegate1', options);
    const d2 = await signIn(browser, 'delegate2', options);
    for (const t of [chair, d1, d2]) {
      await t.page.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
      await t.page.reload();
    }
    await checkIn(d1.page);
    await checkIn(d2.page);
    await checkIn(chair.page);
    const d3 = await signIn(browser, 'delegate3', options); // four of seven present: the quorum is reached
    await checkIn(d3.page);
    await d3.context.close();

    // the meeting: agenda with the current item and its documents
    await tab(d1.page, 'nav.agenda');
    await expect(d1.page.getByRole('heading', { name: words['meeting.agenda'] })).toBeVisible();
    await shot(d1.page, '02-meeting');
    await d1.page.setViewportSize(phone);
    await shot(d1.page, '02-meeting-phone');
    await d1.page.setViewportSize(tablet);

    // the document viewer with thumbnails, and in portrait
    await openDocument(d1.page, process.env.PLENUM_E2E_DOC200!);
    await d1.page.waitForTimeout(800);
    await shot(d1.page, '03-viewer');
    await d1.page.setViewportSize(portrait);
    await d1.page.waitForTimeout(800);
    await shot(d1.page, '03-viewer-portrait');
    await d1.page.setViewportSize(tablet);

    // speak: delegate 2 has the floor, delegate 1 waits
    await tab(d2.page, 'nav.speak');
    await tab(chair.page, 'nav.speak');
    await d2.page.getByRole('button', { name: new RegExp(words['speak.request']) }).click();
    await chair.page.locator('.queue li').first().getByRole('button').click();
    await d1.page.goto(d1.page.url().replace(/\/doc\/.*$/, '/speak'));
    await d1.page.getByRole('button', { name: new RegExp(words['speak.pointOfOrder']) }).click();
    await d1.page.waitForTimeout(2500);
    await shot(d1.page, '04-speak');
    await shot(chair.page, '04-speak-chair');
    await chair.page.getByRole('button', { name: words['speak.end'] }).click();
    await d1.page.getByRole('button', { name: words['speak.withdraw'] }).click();

    // vote: the ballot, the confirmation, the receipt, the chair's view, the result
    await tab(chair.page, 'nav.vote');
    await tab(d1.page, 'nav.vote');
    await tab(d2.page, 'nav.vote');
    const motion = lang === 'vi' ? 'Thông qua Nghị quyết dự toán ngân sách năm 2027' : 'Adopt the 2027 budget resolution';
    await chair.page.getByLabel(words['vote.motion']).fill(motion);
    await chair.page.getByLabel(words['vote.secrecy']).selectOption('SECRET');
    await chair.page.getByRole('button', { name: words['vote.create'] }).click();
    await chair.page.locator('.draft', { hasText: motion }).getByRole('button', { name: words['vote.openPoll'] }).click();
    const poll = (p: Page) => p.locator('section.poll', { hasText: motion }).first(); // the newest
    await expect(poll(d1.page)).toBeVisible();
    await shot(d1.page, '05-ballot');
    await poll(d1.page).getByRole('button', { name: words['option.YES'], exact: true }).click();
    await poll(d1.page).getByRole('button', { name: words['vote.continue'] }).click();
    await shot(d1.page, '06-confirm');
    await poll(d1.page).getByRole('button', { name: words['vote.confirm'] }).click();
    await expect(poll(d1.page).getByTestId('receipt')).toBeVisible();
    await shot(d1.page, '07-receipt');
    await poll(d2.page).getByRole('button', { name: words['option.YES'], exact: true }).click();
    await poll(d2.page).getByRole('button', { name: words['vote.continue'] }).click();
    await poll(d2.page).getByRole('button', { name: words['vote.confirm'] }).click();
    await expect(poll(d2.page).getByTestId('receipt')).toBeVisible();
    await shot(chair.page, '08-vote-chair');
    await poll(chair.page).getByRole('button', { name: words['vote.closePoll'] }).click();
    await expect(poll(d1.page).locator('.result')).toBeVisible();
    await poll(d1.page).getByRole('button', { name: words['vote.check'] }).click();
    await d1.page.waitForTimeout(600);
    await shot(d1.page, '09-result');

    // members
    await tab(d1.page, 'nav.people');
    await shot(d1.page, '10-people');

    // the session ended
    await d2.page.evaluate(async () => {
      const t = JSON.parse(localStorage.getItem('plenum.session')!).accessToken;
      await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${t}` } });
    });
    await expect(d2.page.getByRole('heading', { name: words['ended.title'] })).toBeVisible();
    await shot(d2.page, '11-session-ended');
    for (const t of [chair, d1, d2]) await t.context.close();
  });
}
