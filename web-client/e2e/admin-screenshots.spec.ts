// The administration page (issue 13, D29) in Vietnamese and English, as PNGs in docs/screenshots/: the accounts
// with a new password shown once, and the meetings with the participants and roles of one meeting.
import { expect, test, type Page } from '@playwright/test';
import { viAdmin } from '../src/i18n/admin.vi';
import { enAdmin } from '../src/i18n/admin.en';
import { PASSWORD } from './global-setup';

const OUT = '../docs/screenshots';
const laptop = { width: 1366, height: 900 };

for (const lang of ['vi', 'en'] as const) {
  const w = lang === 'vi' ? viAdmin : enAdmin;
  const shot = async (page: Page, name: string) => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: laptop.width, height: Math.max(laptop.height, height) });
    await page.screenshot({ path: `${OUT}/${lang}-${name}.png` });
    await page.setViewportSize(laptop);
  };

  test(`administration in ${lang}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: laptop });
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
    await page.reload();
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('a.card.meeting').first().or(page.locator('[data-conn]')).first()).toBeVisible();
    await page.getByTestId('nav-admin').first().click();
    const accounts = page.getByTestId('accounts-panel');
    // Fresh people (the demo's accounts must keep exactly one meeting for the tablet scenarios).
    const suffix = `${lang}${Date.now().toString(36)}`;
    const people = [['Lò Văn Sáng', 'CHAIR'], ['Hà Thị Thu', 'SECRETARY'], ['Quàng Văn Tỉnh', 'DELEGATE'], ['Vi Thị Uyên', 'DELEGATE'],
      ['Sầm Văn Việt', 'OBSERVER']].map(([name, role], i) => ({ name, role, username: `nguoi${i + 1}-${suffix}` }));
    const form = page.getByTestId('create-account');
    for (const p of people) {
      await form.getByLabel(w['admin.username']).fill(p.username);
      await form.getByLabel(w['admin.displayName']).fill(p.name);
      await form.getByLabel(w['admin.password']).fill(PASSWORD);
      await form.getByRole('button', { name: w['admin.create'] }).click();
      await expect(accounts.locator(`tr[data-username="${p.username}"]`)).toBeVisible();
    }
    const row = accounts.locator(`tr[data-username="${people[3].username}"]`);
    await row.getByRole('button', { name: w['admin.reset'] }).click();
    await accounts.getByRole('alertdialog').getByRole('button', { name: w['admin.confirm'] }).click();
    await expect(accounts.getByTestId('new-password-value')).toHaveText(/^[A-Za-z0-9]{20,}$/);
    await shot(page, '40-admin-accounts');

    await page.getByRole('link', { name: w['admin.tabMeetings'], exact: true }).click();
    const create = page.getByTestId('create-meeting');
    await create.getByLabel(w['admin.meetingTitle']).fill(lang === 'vi' ? 'Kỳ họp thứ 10 HĐND tỉnh' : '10th session of the provincial council');
    await create.getByLabel(w['admin.startsAt']).fill('2027-04-20T08:00');
    await create.getByLabel(w['admin.location'], { exact: true }).fill(lang === 'vi' ? 'Hội trường tỉnh ủy' : 'Provincial hall');
    await create.getByLabel(w['admin.template']).selectOption({ label: 'Demo council' });
    await create.getByRole('button', { name: w['admin.createMeeting'] }).click();
    const parts = page.getByTestId('participants-panel');
    const add = parts.getByTestId('add-participant');
    for (const p of people) {
      await add.getByLabel(w['admin.account']).selectOption({ label: `${p.name} (${p.username})` });
      await add.getByLabel(w['admin.role']).selectOption(p.role);
      await add.getByRole('button', { name: w['admin.add'] }).click();
      await expect(parts.locator(`li[data-username="${p.username}"] select`)).toHaveValue(p.role);
    }
    await expect(parts.getByRole('status')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '41-admin-meetings');
    await context.close();
  });
}
