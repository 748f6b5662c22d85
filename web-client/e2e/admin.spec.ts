// The administrator sets up a meeting in the browser (issue 13, D29), no REST call from the test: signs in, creates
// two accounts, resets one password (shown once), disables and enables an account, creates a meeting from the demo
// meeting's agenda (template), adds the two people with their roles and changes one role; then the new delegate
// signs in with the password shown and lands in that meeting with the template's agenda.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { viAdmin } from '../src/i18n/admin.vi';
import { PASSWORD } from './global-setup';
import { live } from './helpers';

const w = viAdmin;

async function signInAs(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${username}] page error: ${e.message}`));
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('plenum.locale', 'vi'));
  await page.reload();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  // settled: the list of meetings, or the one meeting the app went straight into
  await expect(page.locator('a.card.meeting').first().or(page.locator('[data-conn]')).or(page.getByRole('alert')).first()).toBeVisible();
  return page;
}

test('the administrator creates accounts and a meeting from a template; the new delegate sees it', async ({ browser }) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  const delegate = { username: `dai-bieu-${suffix}`, name: 'Bùi Thị Hạnh' };
  const chair = { username: `chu-toa-${suffix}`, name: 'Tạ Quang Vinh' };
  const title = `Kỳ họp chuyên đề ${suffix}`;

  const admin = await signInAs(browser, 'admin', PASSWORD);
  await admin.getByTestId('nav-admin').first().click();
  await expect(admin).toHaveURL(/#\/admin/);
  const accounts = admin.getByTestId('accounts-panel');
  await expect(accounts.locator('tr[data-username="admin"]')).toBeVisible();

  // Two accounts through the form.
  const form = admin.getByTestId('create-account');
  for (const p of [delegate, chair]) {
    await form.getByLabel(w['admin.username']).fill(p.username);
    await form.getByLabel(w['admin.displayName']).fill(p.name);
    await form.getByLabel(w['admin.password']).fill(PASSWORD);
    await form.getByRole('button', { name: w['admin.create'] }).click();
    await expect(accounts.getByRole('status')).toContainText(w['admin.created'].replace('{name}', p.name));
    await expect(accounts.locator(`tr[data-username="${p.username}"]`)).toBeVisible();
  }
  // The same username again is refused in words.
  await form.getByLabel(w['admin.username']).fill(delegate.username.toUpperCase());
  await form.getByLabel(w['admin.displayName']).fill('Trùng tên');
  await form.getByLabel(w['admin.password']).fill(PASSWORD);
  await form.getByRole('button', { name: w['admin.create'] }).click();
  await expect(accounts.getByRole('alert')).toHaveText(w['admin.taken']);

  // Search narrows the table.
  await accounts.getByLabel(w['admin.search']).fill(suffix);
  await expect(accounts.locator('tbody tr[data-username]')).toHaveCount(2);

  // Disable and enable the chair's account.
  const chairRow = accounts.locator(`tr[data-username="${chair.username}"]`);
  await chairRow.getByRole('button', { name: w['admin.disable'] }).click();
  await expect(chairRow).toContainText(w['admin.disabled']);
  await chairRow.getByRole('button', { name: w['admin.enable'] }).click();
  await expect(chairRow).toContainText(w['admin.active']);

  // Reset the delegate's password: confirmed, then shown once.
  const row = accounts.locator(`tr[data-username="${delegate.username}"]`);
  await row.getByRole('button', { name: w['admin.reset'] }).click();
  await accounts.getByRole('alertdialog').getByRole('button', { name: w['admin.confirm'] }).click();
  const shown = accounts.getByTestId('new-password-value');
  await expect(shown).toHaveText(/^[A-Za-z0-9]{20,}$/);
  const newPassword = (await shown.textContent())!.trim();
  await accounts.getByRole('button', { name: w['admin.hide'] }).click();
  await expect(shown).toHaveCount(0);

  // A meeting from the demo meeting's agenda.
  await admin.getByRole('link', { name: w['admin.tabMeetings'], exact: true }).click();
  const meetings = admin.getByTestId('meetings-panel');
  const create = admin.getByTestId('create-meeting');
  await create.getByLabel(w['admin.meetingTitle']).fill(title);
  await create.getByLabel(w['admin.startsAt']).fill('2027-03-15T08:00');
  await create.getByLabel(w['admin.template']).selectOption({ label: 'Demo council' });
  await create.getByRole('button', { name: w['admin.createMeeting'] }).click();
  await expect(meetings.getByRole('status')).toContainText(title);

  // Its participants: the delegate first as an observer, then made a delegate; the chair as chair.
  const parts = admin.getByTestId('participants-panel');
  await expect(parts.getByRole('heading', { level: 2 })).toContainText(title);
  await expect(parts).toContainText(w['admin.noParticipants']);
  const add = parts.getByTestId('add-participant');
  await add.getByLabel(w['admin.account']).selectOption({ label: `${delegate.name} (${delegate.username})` });
  await add.getByLabel(w['admin.role']).selectOption('OBSERVER');
  await add.getByRole('button', { name: w['admin.add'] }).click();
  const delegateItem = parts.locator(`li[data-username="${delegate.username}"]`);
  await expect(delegateItem.locator('select')).toHaveValue('OBSERVER');
  await delegateItem.locator('select').selectOption('DELEGATE');
  await expect(parts.getByRole('status')).toHaveText(w['admin.saved']);
  await expect(delegateItem).toContainText(w['admin.voting']);
  await add.getByLabel(w['admin.account']).selectOption({ label: `${chair.name} (${chair.username})` });
  await add.getByLabel(w['admin.role']).selectOption('CHAIR');
  await add.getByRole('button', { name: w['admin.add'] }).click();
  await expect(parts.locator(`li[data-username="${chair.username}"] select`)).toHaveValue('CHAIR');
  await expect(parts.locator('li[data-username]')).toHaveCount(2);

  // The delegate signs in with the password shown (the first one no longer works) and lands in the meeting.
  const old = await signInAs(browser, delegate.username, PASSWORD);
  await expect(old.getByRole('alert')).toBeVisible();
  await old.context().close();
  const d = await signInAs(browser, delegate.username, newPassword);
  await expect(d).toHaveURL(/#\/m\/[0-9a-f-]{36}/);
  await live(d);
  await expect(d.locator('header h1').first()).toContainText(title);
  const items = d.locator('.agenda .item');
  expect(await items.count()).toBeGreaterThanOrEqual(3);
  await expect(items.first().locator('.ttl')).not.toBeEmpty();
  await expect(d.locator('.agenda').getByRole('link')).toHaveCount(0); // the template's documents are not copied
  await expect(d.getByTestId('nav-admin')).toHaveCount(0); // not an administrator
});
