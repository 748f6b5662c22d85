// Shared steps of the scenarios: a person signs in on their own tablet (a browser context of its own) and lands in
// the demo meeting, live.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { vi } from '../src/i18n/vi';
import { PASSWORD } from './global-setup';

export { vi };

export interface Tablet { context: BrowserContext; page: Page }

export const meeting = () => process.env.PLENUM_E2E_MEETING!;

export async function signIn(browser: Browser, username: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Tablet> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${username}] page error: ${e.message}`));
  await page.goto('/');
  await page.locator('input[name=username]').fill(username); // by name: the form may be in either language
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`#/m/${meeting()}`));
  await live(page);
  return { context, page };
}

/** The connection badge says live. */
export async function live(page: Page): Promise<void> {
  await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
}

const TABS = { 'nav.agenda': '', 'nav.speak': '/speak', 'nav.vote': '/vote', 'nav.people': '/people' };

/** A tab of the meeting, by its address (the same in both languages). */
export async function tab(page: Page, name: keyof typeof TABS): Promise<void> {
  await page.locator(`nav a[href="#/m/${meeting()}${TABS[name]}"]`).click();
}

export async function checkIn(page: Page): Promise<void> {
  await tab(page, 'nav.agenda');
  await expect(page.getByTestId('check-in').or(page.getByTestId('checked-in'))).toBeVisible();
  if (await page.getByTestId('check-in').isVisible()) await page.getByTestId('check-in').click();
  await expect(page.getByTestId('checked-in')).toBeVisible();
}

export async function openDocument(page: Page, id: string, pageNumber = 1): Promise<void> {
  await page.goto(`/#/m/${meeting()}/doc/${id}/${pageNumber}`);
  await expect(page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
}
