// A meeting of its own for the console scenarios (issue 13), so that they can open and close it without touching
// the demo meeting the tablet scenarios use: the administrator creates fresh accounts (a chair and four delegates),
// the meeting with three agenda items and a 6-page PDF over REST (the administrator and secretary screens that
// will do this in the browser are later slices of issue 13). People sign in on their own browser contexts.
import { expect, request, type Browser, type Page } from '@playwright/test';
import { PASSWORD } from './global-setup';
import { makePdf } from './pdf';
import type { Tablet } from './helpers';

export interface ConsoleMeeting {
  id: string; items: { id: string; title: string }[]; documentId: string;
  chair: string; delegates: string[]; names: Record<string, string>;
}

export async function consoleMeeting(baseURL: string, title: string): Promise<ConsoleMeeting> {
  const api = await request.newContext({ baseURL });
  const token = async (username: string) =>
    (await (await api.post('/api/auth/login', { data: { username, password: PASSWORD } })).json()).accessToken as string;
  const admin = { Authorization: `Bearer ${await token('admin')}` };
  const suffix = Date.now().toString(36);
  const people = [
    { key: 'chair', name: 'Đỗ Minh Khôi', role: 'CHAIR' },
    { key: 'd1', name: 'Ngô Thị Lan', role: 'DELEGATE' },
    { key: 'd2', name: 'Trịnh Văn Minh', role: 'DELEGATE' },
    { key: 'd3', name: 'Lý Thị Ngọc', role: 'DELEGATE' },
    { key: 'd4', name: 'Mai Văn Phúc', role: 'DELEGATE' },
  ];
  const res = await api.post('/api/meetings', { headers: admin, data: { title, agenda: ['Khai mạc kỳ họp', 'Báo cáo tình hình kinh tế - xã hội', 'Bầu Phó Chủ tịch Hội đồng nhân dân'] } });
  expect(res.status(), await res.text()).toBe(201);
  const meeting = (await res.json()).id as string;
  const names: Record<string, string> = {};
  const usernames: Record<string, string> = {};
  for (const p of people) {
    const username = `${p.key}-${suffix}`;
    const made = await api.post('/api/accounts', { headers: admin, data: { username, displayName: p.name, password: PASSWORD } });
    expect(made.status(), await made.text()).toBe(201);
    const account = await made.json();
    const put = await api.put(`/api/meetings/${meeting}/participants`, { headers: admin, data: { accountId: account.id, role: p.role } });
    expect(put.status(), await put.text()).toBe(200);
    names[username] = p.name;
    usernames[p.key] = username;
  }
  const snapshot = await (await api.get(`/api/meetings/${meeting}/snapshot`, { headers: admin })).json();
  const items = (snapshot.agenda.items as { id: string; title: string }[]).map(({ id, title }) => ({ id, title }));
  const upload = await api.post(`/api/meetings/${meeting}/documents?title=${encodeURIComponent('Tờ trình dự toán 2027')}&agendaItemIds=${items[1].id}`, {
    headers: { ...admin, 'Content-Type': 'application/pdf', 'X-Filename': 'to-trinh.pdf' }, data: makePdf(6),
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const documentId = (await upload.json()).id as string;
  await api.dispose();
  return { id: meeting, items, documentId, chair: usernames.chair, delegates: ['d1', 'd2', 'd3', 'd4'].map((k) => usernames[k]), names };
}

/** Signs in on a context of its own; a person with one meeting lands in it. */
export async function signInTo(browser: Browser, username: string, meetingId: string,
  options: Parameters<Browser['newContext']>[0] = {}): Promise<Tablet> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${username}] page error: ${e.message}`));
  await page.goto('/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`#/m/${meetingId}`));
  await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
  return { context, page };
}

export async function go(page: Page, meetingId: string, path: '' | '/speak' | '/vote' | '/people' | '/chair'): Promise<void> {
  await page.goto(`/#/m/${meetingId}${path}`);
  await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
}
