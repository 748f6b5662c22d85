// Kiosk and wall without passwords in URLs (issue 13, AD1): a room signs in only with its KIOSK link, the wall only
// with the chair's own session; without either each page says what to do and asks the server nothing (no retry
// loop); a link that is not valid stops with a sentence after one try.
import { expect, request, test, type Page } from '@playwright/test';
import { PASSWORD } from './global-setup';
import { meeting, signIn } from './helpers';
import { viConsoles as w } from '../src/i18n/consoles.vi';

/** Requests to /api from the page during {@code ms}. */
async function apiCalls(page: Page, ms: number, run: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) calls.push(new URL(r.url()).pathname); });
  await run();
  await page.waitForTimeout(ms);
  return calls;
}

test('a kiosk opened without a link says what to do and asks the server nothing', async ({ page }) => {
  const calls = await apiCalls(page, 6000, async () => { await page.goto('/kiosk.html'); });
  await expect(page.locator('#howto')).toBeVisible();
  await expect(page.locator('#howto')).toContainText('kiosk.html#token=');
  await expect(page.locator('#stage')).toBeHidden();
  await expect(page.locator('body')).not.toContainText(/BAD_MESSAGE|username|Error/);
  expect(calls).toEqual([]);
});

test('a kiosk link that is not valid stops after one try with a sentence', async ({ page }) => {
  const calls = await apiCalls(page, 7000, async () => { await page.goto('/kiosk.html#token=not-a-real-room-link-000000000000'); });
  await expect(page.locator('#state')).toContainText('This room link is no longer valid');
  expect(calls).toEqual(['/api/auth/kiosk']);
});

test('the room kiosk signs in with its KIOSK link only and raises its hand', async ({ browser, baseURL }) => {
  const api = await request.newContext({ baseURL });
  const token = (await (await api.post('/api/auth/login', { data: { username: 'chair', password: PASSWORD } })).json()).accessToken;
  const auth = { Authorization: `Bearer ${token}` };
  const rooms = (await (await api.get(`/api/meetings/${meeting()}/rooms`, { headers: auth })).json()).rooms as { roomId: string; code: string; name: string }[];
  const room = rooms.find((r) => r.code === 'room2')!;
  const issued = await api.post(`/api/meetings/${meeting()}/rooms/${room.roomId}/credentials`, { headers: auth, data: { kind: 'KIOSK' } });
  expect(issued.status()).toBe(201);
  const link = new URL((await issued.json()).url as string);
  expect(link.hash).toMatch(/^#token=/);
  expect(link.href).not.toMatch(/password|user=/);

  const chair = await signIn(browser, 'chair');
  await chair.page.goto(`/#/m/${meeting()}/chair`);
  const remove = chair.page.getByRole('button', { name: `${w['chair.remove']}: ${room.name}` });
  await expect(chair.page.getByTestId('chair-speakers')).toBeVisible();
  if (await remove.isVisible()) await remove.click(); // a request left from an earlier run against the same server
  await expect(remove).toHaveCount(0);

  const context = await browser.newContext();
  const kiosk = await context.newPage();
  await kiosk.goto(`/kiosk.html${link.hash}`);
  // no video server in this run: the room is connected and says the video is unavailable
  await expect(kiosk.locator('#state')).toContainText('Video unavailable', { timeout: 30_000 });
  await kiosk.locator('#hand').click();
  await expect(kiosk.locator('#hand')).toHaveClass(/on/);
  const queue = await (await api.get(`/api/meetings/${meeting()}/snapshot`, { headers: auth })).json();
  const mine = (queue.speakers.waiting as { id: string; displayName: string }[]).find((e) => e.displayName === room.name);
  expect(mine).toBeTruthy();
  await context.close();
  // the chair takes the room off the list again from the console (the other scenarios find the queue as it was)
  await expect(remove).toBeVisible();
  await remove.click();
  await expect(remove).toHaveCount(0);
  await chair.context.close();
  await api.dispose();
});

test('the room wall uses the chair\'s own session; without one it says what to do', async ({ browser }) => {
  const anon = await browser.newContext();
  const page = await anon.newPage();
  const calls = await apiCalls(page, 6000, async () => { await page.goto('/wall.html'); });
  await expect(page.locator('#howto')).toBeVisible();
  expect(calls).toEqual([]);
  await anon.close();

  const chair = await signIn(browser, 'chair');
  await chair.page.goto(`/#/m/${meeting()}/chair`);
  const [wall] = await Promise.all([chair.context.waitForEvent('page'), chair.page.getByRole('link', { name: new RegExp(w['chair.wall']) }).click()]);
  expect(wall.url()).not.toMatch(/password|user=/);
  // the wall speaks the console's language (D37: the chair's app is in Vietnamese here); this e2e server has no bridge
  await expect(wall.locator('#state')).toContainText('Không có hình', { timeout: 30_000 });
  await expect(wall.locator('#howto')).toBeHidden();
  await chair.context.close();
});
