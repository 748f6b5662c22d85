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
  await page.getByLabel(vi['signin.username']).fill(username);
  await page.getByLabel(vi['signin.password']).fill(PASSWORD);
  await page.getByRole('button', { name: vi['signin.submit'] }).click();
  await expect(page).toHaveURL(new RegExp(`#/m/${meeting()}`));
  await live(page);
  return { context, page };
}

/** The connection badge says live. */
export async function live(page: Page): Promise<void> {
  await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
}

export async function tab(page: Page, name: 'nav.agenda' | 'nav.speak' | 'nav.vote' | 'nav.people'): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: vi[name] }).click();
}

export async function checkIn(page: Page): Promise<void> {
  await tab(page, 'nav.agenda');
  const button = page.getByRole('button', { name: vi['meeting.checkIn'] });
  if (await button.isVisible()) await button.click();
  await expect(page.getByText(vi['meeting.checkedIn'])).toBeVisible();
}

export async function openDocument(page: Page, id: string, pageNumber = 1): Promise<void> {
  await page.goto(`/#/m/${meeting()}/doc/${id}/${pageNumber}`);
  await expect(page.locator('.viewer')).toHaveAttribute('data-first-page-ms', /\d+/, { timeout: 30_000 });
}
