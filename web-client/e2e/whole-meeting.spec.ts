// A whole demo meeting from the browser, set-up to close (issue 13 "Tests", README "Run a whole meeting from the
// browser"), with no REST call from the test: the administrator creates the accounts, the meeting and its
// participants; the secretary builds the agenda, uploads two PDFs with a progress bar each, imports 215 remote rooms
// from a CSV (first a file with one bad line: that line is named and nothing is imported) and issues two KIOSK links
// (shown once, with a QR code); the chair opens the meeting, publishes the hall feed from the console's camera
// (Chromium's fake camera), runs the list of speakers with a reorder (the keyboard/touch buttons), runs an election
// and a secret yes/no poll with a proxy and a paper ballot, and closes the meeting. Room A's kiosk shows the hall
// feed, then the hall in its speaker tile while a delegate in the hall has the floor, then room B once room B gets
// the floor — given in one click on the room wall, which pages through the 215 rooms and marks room B's raised hand
// and room A's lost connection (MV15, MV18, MV19, MV28).
// Needs a video bridge: run by WholeMeetingVideoIT (project "meeting", inside the test's network namespace with Janus).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { viAdmin as wa } from '../src/i18n/admin.vi';
import { viConsoles as w } from '../src/i18n/consoles.vi';
import { viHall as wh } from '../src/i18n/hall.vi';
import { PASSWORD } from './global-setup';
import { go } from './consoles';
import { live, vi } from './helpers';
import { makePdf } from './pdf';

const OUT = '../docs/screenshots';
const suffix = Date.now().toString(36);
const title = `Kỳ họp thứ 11 HĐND tỉnh ${suffix}`;
const people = {
  chair: { username: `chu-toa-${suffix}`, name: 'Phạm Quốc Bảo', role: 'CHAIR' },
  secretary: { username: `thu-ky-${suffix}`, name: 'Vũ Thị Thu', role: 'SECRETARY' },
  d1: { username: `db1-${suffix}`, name: 'Ngô Thị Lan', role: 'DELEGATE' },
  d2: { username: `db2-${suffix}`, name: 'Trịnh Văn Minh', role: 'DELEGATE' },
  d3: { username: `db3-${suffix}`, name: 'Lý Thị Ngọc', role: 'DELEGATE' },
  d4: { username: `db4-${suffix}`, name: 'Mai Văn Phúc', role: 'DELEGATE' },
};
const agenda = ['Khai mạc kỳ họp', 'Báo cáo tình hình kinh tế - xã hội', 'Bầu Phó Chủ tịch Hội đồng nhân dân'];

function roomsCsv(bad: boolean): string {
  const lines = ['code,name,district'];
  for (let i = 1; i <= 215; i++) lines.push(`XA${String(i).padStart(3, '0')},"Điểm cầu xã số ${i}, huyện Châu Thành",Huyện Châu Thành`);
  if (bad) lines[57] = 'XA057,"Thiếu một cột"'; // line 58 of the file: two fields instead of three
  return lines.join('\n') + '\n';
}

/** A person signs in on a browser context of their own, in Vietnamese; lands in their one meeting, or the list. */
async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${username}] page error: ${e.message}`));
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('plenum.locale', 'vi'));
  await page.reload();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('a.card.meeting').first().or(page.locator('[data-conn]')).first()).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Frames decoded in a video element over a second (0: nothing arrives). */
async function framesIn(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (sel) => {
    const v = document.querySelector<HTMLVideoElement>(sel);
    if (!v || !v.srcObject || v.videoWidth === 0) return 0;
    const before = v.getVideoPlaybackQuality().totalVideoFrames;
    await new Promise((r) => setTimeout(r, 1000));
    return v.getVideoPlaybackQuality().totalVideoFrames - before;
  }, selector);
}

/** What room A's kiosk watches (for the failure message). */
const kioskState = (page: Page) => page.evaluate(() => {
  const k = (window as any).plenumKiosk;
  return JSON.stringify({ speaker: k.watching.speaker.feed, chair: k.watching.chair.feed, ...k.hall(), state: document.querySelector('#state')!.textContent });
});

const sameStream = (page: Page, a: string, b: string) => page.evaluate(([x, y]) =>
  document.querySelector<HTMLVideoElement>(x)!.srcObject !== null
  && document.querySelector<HTMLVideoElement>(x)!.srcObject === document.querySelector<HTMLVideoElement>(y)!.srcObject, [a, b]);

test('a whole meeting from the browser: administrator, secretary, chair, kiosks and the room wall', async ({ browser }) => {
  test.setTimeout(900_000);

  // ---- the administrator: six accounts, the meeting, its participants with their roles
  const admin = await signIn(browser, 'admin');
  await admin.getByTestId('nav-admin').first().click();
  const accounts = admin.getByTestId('accounts-panel');
  const form = admin.getByTestId('create-account');
  for (const p of Object.values(people)) {
    await form.getByLabel(wa['admin.username']).fill(p.username);
    await form.getByLabel(wa['admin.displayName']).fill(p.name);
    await form.getByLabel(wa['admin.password']).fill(PASSWORD);
    await form.getByRole('button', { name: wa['admin.create'] }).click();
    await expect(accounts.locator(`tr[data-username="${p.username}"]`)).toBeVisible();
  }
  await admin.getByRole('link', { name: wa['admin.tabMeetings'], exact: true }).click();
  const create = admin.getByTestId('create-meeting');
  await create.getByLabel(wa['admin.meetingTitle']).fill(title);
  await create.getByLabel(wa['admin.startsAt']).fill('2027-06-20T08:00');
  await create.getByRole('button', { name: wa['admin.createMeeting'] }).click();
  await expect(admin.getByTestId('meetings-panel').getByRole('status')).toContainText(title);
  const parts = admin.getByTestId('participants-panel');
  await expect(parts.getByRole('heading', { level: 2 })).toContainText(title);
  const add = parts.getByTestId('add-participant');
  for (const p of Object.values(people)) {
    await add.getByLabel(wa['admin.account']).selectOption({ label: `${p.name} (${p.username})` });
    await add.getByLabel(wa['admin.role']).selectOption(p.role);
    await add.getByRole('button', { name: wa['admin.add'] }).click();
    await expect(parts.locator(`li[data-username="${p.username}"] select`)).toHaveValue(p.role);
  }
  await admin.context().close();

  // ---- the secretary: agenda, two PDFs with progress, 215 rooms, two KIOSK links
  const sec = await signIn(browser, people.secretary.username);
  await expect(sec).toHaveURL(/#\/m\/[0-9a-f-]{36}/);
  const meeting = /#\/m\/([0-9a-f-]{36})/.exec(sec.url())![1];
  await live(sec);
  await expect(sec.locator('header h1').first()).toContainText(title);
  await go(sec, meeting, '/secretary');
  const editor = sec.getByTestId('agenda-editor');
  const newItem = sec.getByTestId('agenda-add');
  for (const [i, item] of agenda.entries()) {
    await newItem.getByLabel(w['sec.newItem']).fill(item);
    await newItem.getByLabel(w['sec.itemMinutes']).fill(String([10, 60, 30][i]));
    await newItem.getByRole('button', { name: w['sec.addItem'] }).click();
    await expect(editor.locator('li', { hasText: item }).locator('.num')).toHaveText(String(i + 1));
  }
  const docs = sec.getByTestId('document-upload');
  const item2 = await editor.locator('li', { hasText: agenda[1] }).getAttribute('data-item');
  await docs.getByLabel(w['sec.attachTo']).selectOption(item2!);
  const files = ['Bao-cao-KTXH-2026.pdf', 'Du-thao-nghi-quyet-du-toan-2027.pdf'];
  await docs.locator('input[name=pdfs]').setInputFiles([
    { name: files[0], mimeType: 'application/pdf', buffer: makePdf(24, { bytes: 3_000_000 }) },
    { name: files[1], mimeType: 'application/pdf', buffer: makePdf(6) },
  ]);
  for (const name of files) {
    await expect(docs.locator(`[data-upload="${name}"] [role=progressbar]`)).toBeVisible();
    await expect(docs.locator(`[data-upload="${name}"]`)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(docs.locator(`[data-upload="${name}"] [role=progressbar]`)).toHaveAttribute('aria-valuenow', '100');
  }
  const rooms = sec.getByTestId('rooms-panel');
  await rooms.locator('input[name=csv]').setInputFiles({ name: 'diem-cau.csv', mimeType: 'text/csv', buffer: Buffer.from(roomsCsv(true)) });
  await expect(rooms.getByTestId('import-errors')).toContainText(w['sec.lineError'].replace('{line}', '58').replace(': {message}', ''));
  await expect(rooms).toContainText(w['sec.roomCount'].replace('{n}', '0'));
  await rooms.locator('input[name=csv]').setInputFiles({ name: 'diem-cau.csv', mimeType: 'text/csv', buffer: Buffer.from(roomsCsv(false)) });
  await expect(rooms.getByTestId('import-result')).toContainText('215', { timeout: 60_000 });
  await expect(rooms).toContainText(w['sec.roomCount'].replace('{n}', '215'));
  const links: Record<string, string> = {};
  for (const code of ['XA007', 'XA123']) {
    await rooms.getByLabel(w['sec.findRoom']).fill(code);
    await rooms.getByRole('button', { name: new RegExp(code) }).click();
    await rooms.getByRole('button', { name: w['sec.issue.KIOSK'] }).click();
    await expect(rooms.getByTestId('issued').locator('svg')).toBeVisible(); // the QR code to print
    for (const earlier of Object.values(links)) await expect(rooms.getByTestId('issued-url')).not.toHaveText(earlier);
    links[code] = (await rooms.getByTestId('issued-url').textContent())!;
    expect(links[code]).toMatch(/\/kiosk\.html#token=/);
  }
  await sec.context().close();

  // ---- the chair: opens the meeting, publishes the hall feed, opens the room wall
  const c = await signIn(browser, people.chair.username);
  c.on('console', (m) => { if (m.type() !== 'log') console.log(`[chair] ${m.type()}: ${m.text()}`); });
  await expect(c).toHaveURL(new RegExp(`#/m/${meeting}`));
  await go(c, meeting, '/chair');
  const status = c.getByTestId('chair-status');
  await status.getByRole('button', { name: w['chair.open'] }).click();
  await status.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(status).toHaveAttribute('data-status', 'OPEN');
  const hall = c.getByTestId('chair-hall-feed');
  await hall.getByRole('button', { name: wh['hall.start'] }).click();
  await expect(hall.locator('[role=status]')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
  const [wall] = await Promise.all([c.context().waitForEvent('page'), c.getByRole('link', { name: new RegExp(w['chair.wall']) }).click()]);
  expect(wall.url()).not.toMatch(/password|token|user=/);

  // ---- room A's kiosk with its link: the hall feed in the chair tile
  const kioskA = await (await browser.newContext()).newPage();
  kioskA.on('console', (m) => console.log(`[kiosk A] ${m.type()}: ${m.text()}`));
  await kioskA.goto(`/kiosk.html${new URL(links.XA007).hash}`);
  await expect(kioskA.locator('#state')).toContainText('Connected', { timeout: 60_000 });
  await expect.poll(() => framesIn(kioskA, '#chair'), { timeout: 60_000 }).toBeGreaterThan(3);

  // ---- the wall: 215 rooms and the hall, 12 a page; room A on video on the first page
  const tile = (roomName: string) => wall.locator('#wall .tile', { has: wall.locator('.label', { hasText: new RegExp(`^${roomName}$`) }) });
  await expect(wall.locator('#page')).toHaveText('Trang 1/18', { timeout: 30_000 }); // 216 tiles
  await expect(wall.locator('#wall .tile')).toHaveCount(12);
  await expect(tile('Hội trường')).toBeVisible();
  const roomA = 'Điểm cầu xã số 7, huyện Châu Thành';
  const roomB = 'Điểm cầu xã số 123, huyện Châu Thành';
  await expect(tile(roomA)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const roomAId = await tile(roomA).getAttribute('data-room');
  await expect.poll(() => framesIn(wall, `#wall .tile[data-room="${roomAId}"] video`), { timeout: 60_000 }).toBeGreaterThan(0);
  const firstPage = await wall.locator('#wall .tile .label').allTextContents();
  await wall.getByRole('button', { name: 'Trang sau' }).click();
  await expect(wall.locator('#page')).toHaveText('Trang 2/18');
  await expect(wall.locator('#wall .tile')).toHaveCount(12);
  expect(await wall.locator('#wall .tile .label').allTextContents()).not.toEqual(firstPage);
  await expect(wall.locator('#wall .tile').first()).toHaveAttribute('data-state', 'offline');
  await expect(wall.locator('#wall .tile').first()).toContainText('Chưa kết nối');
  await wall.getByRole('button', { name: 'Trang trước' }).click();
  await expect(wall.locator('#page')).toHaveText('Trang 1/18');

  // ---- delegates arrive on their tablets; d4 stays away and gives a proxy to d1
  const tablets: Page[] = [];
  for (const p of [people.d1, people.d2, people.d3]) {
    const t = await signIn(browser, p.username);
    await go(t, meeting, '');
    await t.getByTestId('check-in').click();
    await expect(t.getByTestId('checked-in')).toBeVisible();
    tablets.push(t);
  }
  const [t1, t2, t3] = tablets;
  await expect(status).toContainText(/\b3\/\d\b/);
  await c.getByRole('button', { name: w['chair.nextItem'] }).click();
  await c.getByRole('button', { name: w['chair.nextItem'] }).click();
  await expect(t2.locator('.current')).toContainText(agenda[1]);

  // ---- the list of speakers: two requests and one added by the chair, reordered with the buttons
  const speakers = c.getByTestId('chair-speakers');
  const queue = c.getByTestId('chair-queue');
  const names = () => queue.locator('li .who').allTextContents();
  for (const t of [t1, t3]) {
    await go(t, meeting, '/speak');
    await t.getByRole('button', { name: new RegExp(vi['speak.request']) }).click();
  }
  await speakers.getByLabel(w['chair.addWho']).selectOption({ label: people.d2.name });
  await speakers.getByRole('button', { name: w['chair.add'], exact: true }).click();
  await expect.poll(names).toEqual([people.d1.name, people.d3.name, people.d2.name]);
  await speakers.getByRole('button', { name: `${w['chair.down']}: ${people.d1.name}` }).click();
  await expect.poll(names).toEqual([people.d3.name, people.d1.name, people.d2.name]);
  await speakers.getByRole('button', { name: `${w['chair.up']}: ${people.d2.name}` }).click();
  await expect.poll(names).toEqual([people.d3.name, people.d2.name, people.d1.name]);
  await expect(t1.getByText(vi['speak.position'].replace('{n}', '3'))).toBeVisible();

  // a delegate in the hall has the floor: the kiosk's and the wall's speaker tiles show the hall feed (MV19, MV28)
  await queue.locator('li', { hasText: people.d3.name }).getByRole('button', { name: w['chair.grant'] }).click();
  await expect(speakers.getByTestId('chair-speaking')).toContainText(people.d3.name);
  await expect(kioskA.locator('#speaker-name')).toHaveText(people.d3.name);
  try {
    await expect.poll(() => sameStream(kioskA, '#speaker', '#chair'), { timeout: 60_000 }).toBe(true);
  } catch (e) {
    console.log(`kiosk A: ${await kioskState(kioskA)}; hall feed: ${await hall.locator('[role=status]').getAttribute('data-state')}; `
      + `wall: ${await wall.locator('#state').textContent()}`);
    throw e;
  }
  await expect.poll(() => framesIn(kioskA, '#speaker'), { timeout: 30_000 }).toBeGreaterThan(3);
  await expect(wall.locator('#speaker-box')).toHaveAttribute('data-source', 'hall', { timeout: 30_000 });
  await expect.poll(() => framesIn(wall, '#speaker'), { timeout: 30_000 }).toBeGreaterThan(3);
  await wall.screenshot({ path: `${OUT}/vi-32-wall-hall-on-floor.png` });

  // ---- room B's kiosk raises its hand: the wall marks it and lists it first; one click gives it the floor
  const kioskB = await (await browser.newContext()).newPage();
  await kioskB.goto(`/kiosk.html${new URL(links.XA123).hash}`);
  await expect(kioskB.locator('#state')).toContainText('Connected', { timeout: 60_000 });
  await kioskB.locator('#hand').click();
  await expect(kioskB.locator('#hand')).toHaveClass(/on/);
  await expect(tile(roomB)).toHaveAttribute('data-hand', 'true', { timeout: 30_000 });
  await expect(tile(roomB)).toContainText('Xin phát biểu');
  await expect(wall.locator('#hands')).toContainText('1');
  await expect(queue.locator('li', { hasText: roomB })).toBeVisible();
  const roomBId = await tile(roomB).getAttribute('data-room');
  await expect.poll(() => framesIn(wall, `#wall .tile[data-room="${roomBId}"] video`), { timeout: 60_000 }).toBeGreaterThan(0);
  await wall.screenshot({ path: `${OUT}/vi-31-wall.png` });
  // the same wall in English (it speaks the language the app was switched to on this browser), then back
  for (const lang of ['en', 'vi']) {
    await wall.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
    await wall.reload();
    await expect(tile(roomB)).toHaveAttribute('data-hand', 'true', { timeout: 30_000 });
    await expect.poll(() => framesIn(wall, `#wall .tile[data-room="${roomBId}"] video`), { timeout: 60_000 }).toBeGreaterThan(0);
    if (lang === 'en') {
      await expect(wall.locator('#hands')).toContainText('Rooms asking to speak: 1');
      await wall.screenshot({ path: `${OUT}/en-31-wall.png` });
    }
  }
  await tile(roomB).getByRole('button', { name: `Mời phát biểu: ${roomB}` }).click();
  await expect(speakers.getByTestId('chair-speaking')).toContainText(roomB);
  await expect(tile(roomB)).toContainText('Đang phát biểu');
  await expect(wall.locator('#speaker-box')).toHaveAttribute('data-source', 'feed', { timeout: 30_000 });
  // room A's kiosk: the speaker tile switches from the hall to room B's camera; the chair tile keeps the hall
  await expect(kioskA.locator('#speaker-name')).toHaveText(roomB);
  await expect.poll(() => kioskA.evaluate(() => (window as any).plenumKiosk.watching.speaker.feed !== null), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => sameStream(kioskA, '#speaker', '#chair'), { timeout: 30_000 }).toBe(false);
  await expect.poll(() => framesIn(kioskA, '#speaker'), { timeout: 60_000 }).toBeGreaterThan(3);
  expect(await framesIn(kioskA, '#chair')).toBeGreaterThan(0);
  await kioskA.screenshot({ path: `${OUT}/vi-33-kiosk-room-on-floor.png` });
  await speakers.getByRole('button', { name: w['chair.end'] }).click();
  await expect(speakers).toContainText(w['chair.nobody']);

  // ---- room A's screen goes away: the wall marks its connection lost
  await kioskA.context().close();
  await expect(tile(roomA)).toHaveAttribute('data-state', 'lost', { timeout: 30_000 });
  await expect(tile(roomA)).toContainText('Mất kết nối');

  // ---- a proxy, an election and a secret yes/no poll with the proxy and a paper ballot
  const proxies = c.getByTestId('chair-proxies');
  await proxies.getByLabel(w['chair.proxyGiver']).selectOption({ label: people.d4.name });
  await proxies.getByLabel(w['chair.proxyHolder']).selectOption({ label: people.d1.name });
  await proxies.getByRole('button', { name: w['chair.proxySet'] }).click();
  await expect(proxies).toContainText(w['chair.proxyLine'].replace('{giver}', people.d4.name).replace('{holder}', people.d1.name));

  const polls = c.getByTestId('chair-polls');
  const creator = c.getByTestId('poll-creator');
  const election = 'Bầu Phó Chủ tịch HĐND tỉnh';
  await creator.getByLabel(w['chair.template']).selectOption('election');
  await creator.getByLabel(w['chair.pollTitle']).fill(election);
  await creator.getByLabel(w['chair.pollOptions']).fill('Nguyễn Thị Hồng\nTrần Quốc Huy');
  await creator.getByLabel(w['chair.pollRule']).selectOption('RELATIVE');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  const e = polls.locator('[data-poll]', { hasText: election });
  await e.getByRole('button', { name: w['chair.pollOpen'] }).click();
  await expect(e).toHaveAttribute('data-status', 'OPEN');
  await vote(t2, meeting, election, 'Trần Quốc Huy');
  await vote(t3, meeting, election, 'Nguyễn Thị Hồng');
  await paper(c, election, people.d1.name, 'Trần Quốc Huy');
  await expect(e.getByTestId('chair-progress')).toContainText('3/');
  await e.getByRole('button', { name: w['chair.pollClose'] }).click();
  const eDone = polls.locator('[data-status="CLOSED"]', { hasText: election });
  await expect(eDone.locator('.verdict')).toHaveText(vi['verdict.ELECTED']);
  await expect(eDone).toContainText(vi['vote.electedList'].replace('{names}', 'Trần Quốc Huy'));

  const budget = 'Thông qua Nghị quyết dự toán ngân sách 2027';
  await creator.getByLabel(w['chair.template']).selectOption('members');
  await creator.getByLabel(w['chair.pollTitle']).fill(budget);
  await creator.getByLabel(w['chair.pollSecrecy']).selectOption('SECRET');
  await creator.getByRole('button', { name: w['chair.pollCreate'] }).click();
  const b = polls.locator('[data-poll]', { hasText: budget });
  await b.getByRole('button', { name: w['chair.pollOpen'] }).click();
  await expect(b).toHaveAttribute('data-status', 'OPEN');
  await go(t1, meeting, '/vote');
  await expect(t1.locator('section.poll', { hasText: budget }).locator('.ballot')).toHaveCount(2); // their own and d4's
  await vote(t1, meeting, budget, vi['option.YES']);
  await vote(t1, meeting, budget, vi['option.YES']); // for d4, by proxy
  await paper(c, budget, people.d2.name, vi['option.NO']);
  await vote(t3, meeting, budget, vi['option.YES']);
  await expect(b.getByTestId('chair-progress')).toContainText('4/');
  await b.getByRole('button', { name: w['chair.pollClose'] }).click();
  const bDone = polls.locator('[data-status="CLOSED"]', { hasText: budget });
  await expect(bDone.locator('.verdict')).toHaveText(vi['verdict.ADOPTED']); // 3 yes: a majority of all members
  await expect(bDone).toContainText(vi['rule.ABSOLUTE_OF_MEMBERS']);

  // ---- the chair closes the meeting; the tablets see it closed
  await status.getByRole('button', { name: w['chair.close'] }).click();
  await status.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(status).toHaveAttribute('data-status', 'CLOSED');
  await go(t2, meeting, '');
  await expect(t2.locator('.summary .badge').first()).toHaveText(vi['status.CLOSED']);
  await kioskB.context().close();
  for (const t of tablets) await t.context().close();
  await c.context().close();
});

/** A delegate casts the first ballot still to cast in that poll (their own, then a proxy's). */
async function vote(page: Page, meeting: string, pollTitle: string, option: string) {
  if (!page.url().endsWith('/vote')) await go(page, meeting, '/vote');
  const poll = page.locator('section.poll', { hasText: pollTitle });
  const receipts = await poll.getByTestId('receipt').count();
  const ballot = poll.locator('.ballot:not(:has([data-testid=receipt]))').first();
  await ballot.getByRole('button', { name: option, exact: true }).click();
  await ballot.getByRole('button', { name: vi['vote.continue'] }).click();
  await ballot.getByRole('button', { name: vi['vote.confirm'] }).click();
  await expect(poll.getByTestId('receipt')).toHaveCount(receipts + 1);
}

/** The chair enters a paper ballot for a voter. */
async function paper(c: Page, pollTitle: string, voter: string, option: string) {
  const poll = c.getByTestId('chair-polls').locator('[data-status="OPEN"]', { hasText: pollTitle });
  await poll.getByText(w['chair.paper']).click();
  await poll.getByLabel(w['chair.paperWho']).selectOption({ label: voter });
  await poll.getByLabel(option, { exact: true }).check();
  await poll.getByRole('button', { name: w['chair.paperEnter'] }).click();
  await expect(poll.getByRole('status').filter({ hasText: voter })).toBeVisible();
}
