// The chair console's later slices (issue 13, branch chair2) in Chromium, on a meeting of their own: the chair stops
// presenting and a following tablet stays on its page, reading freely (PR4); agenda items' time against the plan
// (AG3); attendance of the hall and of each remote room; the secretary sets who may read a document (DA1–DA4).
import { expect, request, test, type Page } from '@playwright/test';
import { PASSWORD } from './global-setup';
import { viConsoles as w } from '../src/i18n/consoles.vi';
import { viChair2 as w2 } from '../src/i18n/chair2.vi';
import { vi } from './helpers';
import { consoleMeeting, go, signInTo, type ConsoleMeeting } from './consoles';

let m: ConsoleMeeting;

async function openPage(page: Page, path: string) {
  await page.goto(`/#/m/${m.id}${path}`);
  await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
}

test.beforeAll(async ({ }, info) => {
  m = await consoleMeeting(info.project.use.baseURL!, `Kỳ họp thứ 10 — bàn điều hành ${Date.now()}`);
});

test('the chair stops presenting; the following tablet stays on its page and reads freely (PR4)', async ({ browser }) => {
  const chair = await signInTo(browser, m.chair, m.id);
  const d1 = await signInTo(browser, m.delegates[0], m.id);
  const c = chair.page;
  await go(c, m.id, '/chair');
  const present = c.getByTestId('chair-present');
  await expect(present.getByRole('button', { name: w2['chair.presentStop'] })).toHaveCount(0); // nothing to stop
  await present.getByLabel(w['chair.presentDoc']).selectOption(m.documentId);
  await present.getByLabel(w['chair.presentPage']).fill('3');
  await present.getByRole('button', { name: w['chair.presentGo'] }).click();
  await expect(present.getByRole('status')).toContainText('Tờ trình dự toán 2027');
  const viewer = d1.page.locator('.viewer');
  await expect(viewer).toHaveAttribute('data-page', '3', { timeout: 30_000 });

  await present.getByRole('button', { name: w2['chair.presentStop'] }).click();
  await expect(present.getByRole('status')).toHaveText(w['chair.presentNone']);
  await expect(present.getByRole('button', { name: w2['chair.presentStop'] })).toHaveCount(0);
  // the tablet keeps its page, offers no "back to the chair's page", and moves freely
  await expect(d1.page.getByRole('button', { name: vi['viewer.rejoin'].split('(')[0].trim() })).toHaveCount(0);
  await expect(viewer).toHaveAttribute('data-page', '3');
  await d1.page.getByRole('button', { name: vi['viewer.next'] }).click();
  await expect(viewer).toHaveAttribute('data-page', '4');
  await go(d1.page, m.id, '');
  await expect(d1.page.locator('.presenting')).toHaveCount(0); // no "presenting now" banner

  // presenting again moves the tablet again
  await present.getByLabel(w['chair.presentPage']).fill('2');
  await present.getByRole('button', { name: w['chair.presentGo'] }).click();
  await expect(d1.page.locator('.viewer')).toHaveAttribute('data-page', '2', { timeout: 30_000 });
  for (const t of [chair, d1]) await t.context.close();
});

test('each agenda item\'s time runs against its plan and turns red when over (AG3)', async ({ browser }) => {
  test.setTimeout(240_000);
  const chair = await signInTo(browser, m.chair, m.id);
  const c = chair.page;
  const [first, second] = m.items;
  // the plan is set in the agenda editor: one minute for the opening
  await openPage(c, '/secretary');
  const row = c.getByTestId('agenda-editor').locator(`[data-item="${first.id}"]`);
  await row.getByRole('button', { name: w['sec.edit'] }).click();
  await c.getByTestId('agenda-editor').locator('input[name=minutes]').first().fill('1');
  await c.getByTestId('agenda-editor').getByRole('button', { name: w['sec.save'] }).click();
  await expect(row).toContainText(w['chair.planned'].replace('{n}', '1'));

  await go(c, m.id, '/chair');
  const item = (id: string) => c.getByTestId('chair-console').locator(`[data-item="${id}"]`);
  await item(first.id).getByRole('button', { name: w['chair.makeCurrent'] }).click();
  const firstTiming = item(first.id).getByTestId('item-timing');
  await expect(firstTiming).toContainText(/đã họp 0:0\d \/ dự kiến 1 phút/);
  await expect(firstTiming).toHaveAttribute('data-over', 'false');
  await c.waitForTimeout(3_000);
  await item(second.id).getByRole('button', { name: w['chair.makeCurrent'] }).click();
  await expect(item(second.id).getByTestId('item-timing')).toContainText(/đã họp 0:0\d/);
  const frozen = await firstTiming.textContent();
  await c.waitForTimeout(2_000);
  await expect(firstTiming).toHaveText(frozen!); // its clock stopped when the next item began
  expect(frozen).not.toContain('0:00');

  // back to the opening: its time adds up and, past the minute, shows how far over in colour
  await item(first.id).getByRole('button', { name: w['chair.makeCurrent'] }).click();
  await expect(firstTiming).toHaveAttribute('data-over', 'true', { timeout: 80_000 });
  await expect(firstTiming.locator('.badge.bad')).toContainText(/quá 0:0\d/);
  expect(await firstTiming.evaluate((e) => getComputedStyle(e).color)).not.toBe(await item(second.id).getByTestId('item-timing').evaluate((e) => getComputedStyle(e).color));
  // the times come from the ledger: a reload shows the same
  await c.reload();
  await expect(item(first.id).getByTestId('item-timing')).toHaveAttribute('data-over', 'true');
  await expect(item(second.id).getByTestId('item-timing')).toContainText(/đã họp 0:0\d/);
  await chair.context.close();
});

/** Admin REST for the fixture only (what the administrator and secretary screens do, tested elsewhere). */
async function adminApi(baseURL: string) {
  const api = await request.newContext({ baseURL });
  const login = async (username: string) =>
    ({ Authorization: `Bearer ${(await (await api.post('/api/auth/login', { data: { username, password: PASSWORD } })).json()).accessToken}` });
  return { api, admin: await login('admin'), login };
}

test('the chair sees the hall\'s attendance and each remote room connected, lost or not connected', async ({ browser, baseURL }) => {
  const { api, admin, login } = await adminApi(baseURL!);
  const csv = 'code,name,district\nhx-a,Điểm cầu xã An Phú,Huyện Châu Thành\nhx-b,Điểm cầu xã Bình Hòa,Huyện Châu Thành\n';
  const imported = await api.post(`/api/meetings/${m.id}/rooms/import`, { headers: { ...admin, 'Content-Type': 'text/csv' }, data: csv });
  expect(imported.status(), await imported.text()).toBe(200);
  const rooms = (await (await api.get(`/api/meetings/${m.id}/rooms`, { headers: admin })).json()).rooms as { roomId: string; code: string; name: string }[];
  const roomA = rooms.find((r) => r.code === 'hx-a')!;
  const roomB = rooms.find((r) => r.code === 'hx-b')!;
  const chairAuth = await login(m.chair);
  const issued = await api.post(`/api/meetings/${m.id}/rooms/${roomA.roomId}/credentials`, { headers: chairAuth, data: { kind: 'KIOSK' } });
  expect(issued.status()).toBe(201);
  const link = new URL((await issued.json()).url as string);

  const chair = await signInTo(browser, m.chair, m.id);
  const c = chair.page;
  await go(c, m.id, '/chair');
  const att = c.getByTestId('chair-attendance');
  const room = (id: string) => att.locator(`[data-room="${id}"]`);
  await expect(room(roomA.roomId)).toHaveAttribute('data-state', 'offline');
  await expect(room(roomB.roomId)).toContainText(w2['chair.att.offline']);
  await expect(att.getByTestId('att-rooms-count')).toHaveText('0/2');

  // a delegate checks in in the hall; another attends through room A (the room checks them in, AT3)
  const d1 = await signInTo(browser, m.delegates[0], m.id);
  await go(d1.page, m.id, '');
  await d1.page.getByTestId('check-in').click();
  await expect(att.getByTestId('att-hall')).toContainText(m.names[m.delegates[0]]);
  await expect(att.getByTestId('att-hall')).toContainText(w2['chair.attHallCount'].replace('{n}', '1').replace('{of}', '5'));

  const kioskContext = await browser.newContext();
  const kiosk = await kioskContext.newPage();
  await kiosk.goto(`/kiosk.html${link.hash}`);
  await expect(room(roomA.roomId)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(room(roomA.roomId)).toContainText(w2['chair.att.connected']);
  await expect(att.getByTestId('att-rooms-count')).toHaveText('1/2');
  const d2 = m.delegates[1];
  const d2id = (await (await api.get(`/api/meetings/${m.id}/participants`, { headers: admin })).json()).participants
    .find((p: { username: string }) => p.username === d2).accountId as string;
  const remote = await api.put(`/api/meetings/${m.id}/attendance/${d2id}`, { headers: chairAuth, data: { status: 'REMOTE', roomId: roomA.roomId } });
  expect(remote.status(), await remote.text()).toBe(200);
  await expect(room(roomA.roomId)).toContainText(m.names[d2]);

  // the room's screen goes away: the console says the connection is lost, and lists it first
  await kioskContext.close();
  await expect(room(roomA.roomId)).toHaveAttribute('data-state', 'lost', { timeout: 30_000 });
  await expect(room(roomA.roomId)).toContainText(w2['chair.att.lost']);
  await expect(att.locator('[data-room]').first()).toHaveAttribute('data-room', roomA.roomId);
  await expect(att.getByTestId('att-rooms-count')).toHaveText('0/2');
  await api.dispose();
  for (const t of [chair, d1]) await t.context.close();
});

async function docVisible(page: Page, title: string, visible: boolean) {
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(visible ? 1 : 0, { timeout: 20_000 });
}

test('the secretary sets who may read a document: confidential, by role, everyone (DA1–DA4)', async ({ browser, baseURL }) => {
  const { api, admin } = await adminApi(baseURL!);
  const username = `sec-${Date.now().toString(36)}`;
  const made = await api.post('/api/accounts', { headers: admin, data: { username, displayName: 'Hà Thu Trang', password: PASSWORD } });
  expect(made.status()).toBe(201);
  const put = await api.put(`/api/meetings/${m.id}/participants`, { headers: admin, data: { accountId: (await made.json()).id, role: 'SECRETARY' } });
  expect(put.status()).toBe(200);
  await api.dispose();

  const title = 'Tờ trình dự toán 2027';
  const [u1, u2] = m.delegates;
  const sec = await signInTo(browser, username, m.id);
  const d1 = await signInTo(browser, u1, m.id);
  const d2 = await signInTo(browser, u2, m.id);
  for (const d of [d1, d2]) await go(d.page, m.id, '');
  await docVisible(d2.page, title, true);
  const s = sec.page;
  await openPage(s, '/secretary');
  const box = s.locator(`[data-testid=doc-access][data-doc="${m.documentId}"]`);
  await expect(box.getByTestId('access-summary')).toHaveText(w2['sec.access.EVERYONE']);

  // confidential with nobody named is refused in words before anything is sent
  await box.getByRole('button', { name: `${w2['sec.accessEdit']}: ${title}` }).click();
  await box.getByLabel(new RegExp(w2['sec.access.CONFIDENTIAL'])).check();
  await box.getByRole('button', { name: w['sec.save'] }).click();
  await expect(box.getByRole('alert')).toHaveText(w2['sec.accessNeedsPerson']);
  // confidential for d1: d2's tablet loses the document, d1 keeps it
  await box.getByLabel(m.names[u1]).check();
  await box.getByRole('button', { name: w['sec.save'] }).click();
  await expect(box).toHaveAttribute('data-kind', 'CONFIDENTIAL');
  await expect(box.getByTestId('access-summary')).toContainText(w2['sec.access.CONFIDENTIAL']);
  await expect(box.getByTestId('access-summary')).toContainText(m.names[u1]);
  await docVisible(d2.page, title, false);
  await docVisible(d1.page, title, true);

  // delegates by role: d2 reads it again
  await box.getByRole('button', { name: `${w2['sec.accessEdit']}: ${title}` }).click();
  await box.getByLabel(new RegExp(w2['sec.access.ROLES'])).check();
  await box.getByLabel(vi['role.DELEGATE']).check();
  await box.getByRole('button', { name: w['sec.save'] }).click();
  await expect(box.getByTestId('access-summary')).toHaveText(`${w2['sec.access.ROLES']}: ${vi['role.DELEGATE']}`);
  await docVisible(d2.page, title, true);

  // and back to everyone
  await box.getByRole('button', { name: `${w2['sec.accessEdit']}: ${title}` }).click();
  await box.getByLabel(new RegExp(w2['sec.access.EVERYONE'])).check();
  await box.getByRole('button', { name: w['sec.save'] }).click();
  await expect(box.getByTestId('access-summary')).toHaveText(w2['sec.access.EVERYONE']);
  await expect(s.locator('body')).not.toContainText(/\bCONFIDENTIAL\b|\bEVERYONE\b|\bDELEGATE\b/);
  for (const t of [sec, d1, d2]) await t.context.close();
});
