// The chair console's later slices (issue 13, D32) in Vietnamese and English, as PNGs in docs/screenshots/: the
// agenda's time against the plan (one item over), a page presented with *Stop presenting*, the hall's and the
// remote rooms' attendance (connected, lost, not connected); the secretary's *Who may read* on a document.
import { expect, request, test, type Page } from '@playwright/test';
import { viConsoles } from '../src/i18n/consoles.vi';
import { enConsoles } from '../src/i18n/consoles.en';
import { viChair2 } from '../src/i18n/chair2.vi';
import { enChair2 } from '../src/i18n/chair2.en';
import { PASSWORD } from './global-setup';
import { consoleMeeting, go, signInTo } from './consoles';

const OUT = '../docs/screenshots';
const laptop = { width: 1366, height: 900 };

async function shot(page: Page, path: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: laptop.width, height: Math.max(laptop.height, height) });
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky top bar would cover the tabs of a scrolled page
  await page.screenshot({ path });
  await page.setViewportSize(laptop);
}

for (const lang of ['vi', 'en'] as const) {
  const w = lang === 'vi' ? viConsoles : enConsoles;
  const w2 = lang === 'vi' ? viChair2 : enChair2;
  test(`chair console timings, rooms and document access in ${lang}`, async ({ browser, baseURL }, info) => {
    test.setTimeout(300_000);
    const m = await consoleMeeting(info.project.use.baseURL!, lang === 'vi' ? 'Kỳ họp thứ 10 HĐND tỉnh' : '10th session of the provincial council');
    const api = await request.newContext({ baseURL });
    const auth = async (u: string) => ({ Authorization: `Bearer ${(await (await api.post('/api/auth/login', { data: { username: u, password: PASSWORD } })).json()).accessToken}` });
    const admin = await auth('admin');
    const chairAuth = await auth(m.chair);
    // the plan: 1 minute for the opening, 30 for the report (set over REST here; the agenda editor does it in chair2.spec.ts)
    await api.patch(`/api/meetings/${m.id}/agenda/${m.items[0].id}`, { headers: chairAuth, data: { durationMinutes: 1 } });
    await api.patch(`/api/meetings/${m.id}/agenda/${m.items[1].id}`, { headers: chairAuth, data: { durationMinutes: 30 } });
    await api.patch(`/api/meetings/${m.id}/agenda/${m.items[2].id}`, { headers: chairAuth, data: { durationMinutes: 20 } });
    await api.put(`/api/meetings/${m.id}/current-item`, { headers: chairAuth, data: { itemId: m.items[0].id } });
    const csv = 'code,name,district\nsa-1,UBND xã Tiên Dương,Huyện Đông Anh\nsa-2,UBND xã Vân Nội,Huyện Đông Anh\nsa-3,UBND xã Nam Hồng,Huyện Đông Anh\n';
    expect((await api.post(`/api/meetings/${m.id}/rooms/import`, { headers: { ...admin, 'Content-Type': 'text/csv' }, data: csv })).status()).toBe(200);
    const rooms = (await (await api.get(`/api/meetings/${m.id}/rooms`, { headers: admin })).json()).rooms as { roomId: string; code: string }[];
    const link = async (code: string) => new URL((await (await api.post(`/api/meetings/${m.id}/rooms/${rooms.find((r) => r.code === code)!.roomId}/credentials`,
      { headers: chairAuth, data: { kind: 'KIOSK' } })).json()).url as string).hash;
    const participants = (await (await api.get(`/api/meetings/${m.id}/participants`, { headers: admin })).json()).participants as { accountId: string; username: string }[];
    const idOf = (u: string) => participants.find((p) => p.username === u)!.accountId;

    const options = { locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: laptop };
    const chair = await signInTo(browser, m.chair, m.id, options);
    await chair.page.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
    const c = chair.page;
    const kiosks = [];
    for (const code of ['sa-1', 'sa-2']) {
      const k = await browser.newContext();
      await (await k.newPage()).goto(`/kiosk.html${await link(code)}`);
      kiosks.push(k);
    }
    for (const u of m.delegates.slice(0, 2)) {
      await api.put(`/api/meetings/${m.id}/attendance/${idOf(u)}`, { headers: chairAuth, data: { status: 'PRESENT' } });
    }
    await api.put(`/api/meetings/${m.id}/attendance/${idOf(m.delegates[2])}`, { headers: chairAuth,
      data: { status: 'REMOTE', roomId: rooms.find((r) => r.code === 'sa-2')!.roomId } });
    await go(c, m.id, '/chair');
    const att = c.getByTestId('chair-attendance');
    await expect(att.locator('[data-state="connected"]')).toHaveCount(2, { timeout: 30_000 });
    await kiosks[1].close(); // room sa-2 drops out
    await expect(att.locator('[data-state="lost"]')).toHaveCount(1, { timeout: 30_000 });

    const present = c.getByTestId('chair-present');
    await present.getByLabel(w['chair.presentDoc']).selectOption(m.documentId);
    await present.getByLabel(w['chair.presentPage']).fill('2');
    await present.getByRole('button', { name: w['chair.presentGo'] }).click();
    await expect(present.getByRole('button', { name: w2['chair.presentStop'] })).toBeVisible();

    // the opening runs past its minute while the report waits its turn
    const item = (id: string) => c.getByTestId('chair-console').locator(`[data-item="${id}"]`);
    await expect(item(m.items[0].id).getByTestId('item-timing')).toHaveAttribute('data-over', 'true', { timeout: 90_000 });
    await c.waitForTimeout(6_000); // a few seconds over
    await item(m.items[1].id).getByRole('button', { name: w['chair.makeCurrent'] }).click();
    await c.waitForTimeout(4_000);
    await shot(c, `${OUT}/${lang}-27-chair-timings-rooms.png`);
    await kiosks[0].close();

    await c.goto(`/#/m/${m.id}/secretary`);
    const box = c.locator(`[data-testid=doc-access][data-doc="${m.documentId}"]`);
    await box.getByRole('button', { name: new RegExp(w2['sec.accessEdit']) }).click();
    await box.getByLabel(new RegExp(w2['sec.access.CONFIDENTIAL'])).check();
    await box.getByLabel(m.names[m.delegates[0]]).check();
    await box.getByLabel(m.names[m.delegates[1]]).check();
    await c.getByTestId('document-upload').scrollIntoViewIfNeeded();
    await shot(c, `${OUT}/${lang}-28-secretary-access.png`);
    await chair.context.close();
    await api.dispose();
  });
}
