// "Sign in with <provider>" end to end (protocol §1.1): the sign-in page lists the provider, the browser goes to the
// provider's own login and consent pages, comes back signed in (no token in any URL), and signing out continues at
// the provider (RP-initiated logout). Run by SingleSignOnE2EIT with playwright.sso.config.ts: a server configured for
// a real OpenID provider (node-oidc-provider) at PLENUM_OP_URL. Also writes the sign-in page to docs/screenshots/.
import { expect, test } from '@playwright/test';
import { vi } from '../src/i18n/vi';
import { en } from '../src/i18n/en';

const OUT = '../docs/screenshots';
const OP = process.env.PLENUM_OP_URL!;
const PROVIDER = 'Cổng đăng nhập tỉnh';

test('a person signs in with the provider and signs out at the provider', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  await page.goto('/');
  const button = page.getByRole('link', { name: vi['signin.with'].replace('{provider}', PROVIDER) });
  await expect(button).toBeVisible();
  await page.screenshot({ path: `${OUT}/vi-01-sign-in-sso.png` });
  await button.click();

  // the provider's own pages: its login form, then its consent
  await expect(page).toHaveURL(new RegExp(`^${OP}/interaction/`));
  await page.locator('input[name=login]').fill('tran.binh');
  await page.locator('input[name=password]').fill('mat-khau-tinh');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click(); // "Continue": Plenum may read the profile

  // back in Plenum, signed in as the account created at this first sign-in
  await expect(page.locator('.who')).toHaveText('Trần Thị Bình', { timeout: 15_000 });
  await expect(page).toHaveURL((u) => u.origin === new URL(process.env.PLENUM_BASE_URL!).origin && !u.search.includes('signin'));
  const plenumUrls = urls.filter((u) => u.startsWith(process.env.PLENUM_BASE_URL!));
  for (const u of plenumUrls) expect(u, 'no token in a Plenum URL').not.toMatch(/token|[?&]code=/i);
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('plenum.session')))!);
  expect(stored.refreshToken.length).toBeGreaterThan(20);

  // signing out ends Plenum's session and continues at the provider
  await page.getByRole('button', { name: vi['signout'] }).click();
  await expect(page).toHaveURL(new RegExp(`^${OP}/session/end`));
  expect(await page.evaluate(() => localStorage.getItem('plenum.session'))).toBeNull();
  await context.close();
});

test('the sign-in page in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.addInitScript(() => localStorage.setItem('plenum.locale', 'en'));
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('link', { name: en['signin.with'].replace('{provider}', PROVIDER) })).toBeVisible();
  await page.screenshot({ path: `${OUT}/en-01-sign-in-sso.png` });
  await context.close();
});

test('a refused sign-in is shown in words, not codes', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto('/?signin=oidc'); // no sign-in of this browser has finished
  await expect(page.getByRole('alert')).toHaveText(vi['signin.sso.NOT_AUTHENTICATED']);
  await context.close();
});
