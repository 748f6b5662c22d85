// The secretary's page (issue 13, slice 3) in Chromium: the agenda built and edited, two PDFs uploaded at once with
// their progress and a new version, 215 remote rooms imported from a CSV (a file with one bad line is refused with
// that line named and nothing imported), a KIOSK link issued with its QR code, opened by a room, then revoked.
import { expect, test } from '@playwright/test';
import { viConsoles as w } from '../src/i18n/consoles.vi';
import { vi } from './helpers';
import { makePdf } from './pdf';
import { consoleMeeting, go, signInTo, type ConsoleMeeting } from './consoles';

let m: ConsoleMeeting;

test.beforeAll(async ({ }, info) => {
  m = await consoleMeeting(info.project.use.baseURL!, `Kỳ họp chuyên đề — thư ký ${Date.now()}`);
});

function roomsCsv(bad: boolean): string {
  const lines = ['code,name,district'];
  for (let i = 1; i <= 215; i++) lines.push(`X${String(i).padStart(3, '0')},"Điểm cầu xã số ${i}, huyện Đông Anh",Huyện Đông Anh`);
  if (bad) lines[100] = ',"Điểm cầu không có mã",Huyện Sóc Sơn'; // line 101 of the file
  return lines.join('\n') + '\n';
}

test('the secretary builds the agenda, uploads documents with progress, imports rooms and issues a kiosk link', async ({ browser }) => {
  test.setTimeout(240_000);
  const sec = await signInTo(browser, m.chair, m.id);
  const p = sec.page;
  await go(p, m.id, '/secretary');

  // the agenda: a sub-item with a planned duration, renamed, the last item moved up, one removed after a confirmation
  const agenda = p.getByTestId('agenda-editor');
  const add = p.getByTestId('agenda-add');
  await add.getByLabel(w['sec.newItem']).fill('Thảo luận tại tổ');
  await add.getByLabel(w['sec.itemParent']).selectOption({ index: 2 });
  await add.getByLabel(w['sec.itemMinutes']).fill('45');
  await add.getByRole('button', { name: w['sec.addItem'] }).click();
  const sub = agenda.locator('li', { hasText: 'Thảo luận tại tổ' });
  await expect(sub.locator('.num')).toHaveText('2.1');
  await expect(sub).toContainText('dự kiến 45 phút');
  const subItem = agenda.locator(`[data-item="${await sub.getAttribute('data-item')}"]`); // its text turns into a form
  await subItem.getByRole('button', { name: w['sec.edit'] }).click();
  await subItem.getByLabel(w['sec.itemTitle']).fill('Thảo luận tại tổ đại biểu');
  await subItem.getByRole('button', { name: w['sec.save'] }).click();
  await expect(agenda.locator('li', { hasText: 'Thảo luận tại tổ đại biểu' })).toBeVisible();
  await agenda.getByRole('button', { name: `${w['chair.up']}: ${m.items[2].title}` }).click();
  await expect(agenda.locator(`[data-item="${m.items[2].id}"] .num`)).toHaveText('2');
  await agenda.getByRole('button', { name: `${w['sec.remove']}: ${m.items[0].title}` }).click();
  await agenda.getByRole('button', { name: w['chair.confirm'] }).click();
  await expect(agenda.locator(`[data-item="${m.items[0].id}"]`)).toHaveCount(0);

  // two PDFs at once, each with its progress, attached to an item; then a new version with a note
  const docs = p.getByTestId('document-upload');
  await docs.getByLabel(w['sec.attachTo']).selectOption(m.items[1].id);
  await docs.locator('input[name=pdfs]').setInputFiles([
    { name: 'Bao-cao-KTXH.pdf', mimeType: 'application/pdf', buffer: makePdf(30, { bytes: 3_000_000 }) },
    { name: 'Du-thao-nghi-quyet.pdf', mimeType: 'application/pdf', buffer: makePdf(4) },
  ]);
  for (const name of ['Bao-cao-KTXH.pdf', 'Du-thao-nghi-quyet.pdf']) {
    await expect(docs.locator(`[data-upload="${name}"]`)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(docs.locator(`[data-upload="${name}"] [role=progressbar]`)).toHaveAttribute('aria-valuenow', '100');
    await expect(docs.locator('.docs li', { hasText: name.replace('.pdf', '') })).toContainText(vi['meeting.version'].replace('{n}', '1'));
  }
  await docs.getByLabel(w['sec.versionOf']).selectOption({ label: 'Du-thao-nghi-quyet' });
  await docs.getByLabel(w['sec.versionNote']).fill('Sửa Điều 3 theo ý kiến thẩm tra');
  await docs.locator('input[name=version]').setInputFiles({ name: 'Du-thao-v2.pdf', mimeType: 'application/pdf', buffer: makePdf(5) });
  await expect(docs.locator('.docs li', { hasText: 'Du-thao-nghi-quyet' })).toContainText(vi['meeting.version'].replace('{n}', '2'), { timeout: 60_000 });
  // a file that is not a PDF is refused in words
  await docs.locator('input[name=pdfs]').setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
  await expect(docs.locator('[data-upload="ghi-chu.pdf"]')).toHaveAttribute('data-state', 'failed');
  await expect(docs.locator('[data-upload="ghi-chu.pdf"] .what')).toHaveText(w['error.UNSUPPORTED_DOCUMENT']);

  // 215 rooms: a file with one bad line is refused with that line named, nothing imported; the corrected one passes
  const rooms = p.getByTestId('rooms-panel');
  await rooms.locator('input[name=csv]').setInputFiles({ name: 'diem-cau.csv', mimeType: 'text/csv', buffer: Buffer.from(roomsCsv(true)) });
  await expect(rooms.getByTestId('import-errors')).toContainText(w['sec.lineError'].replace('{line}', '101').replace(': {message}', ''));
  await expect(rooms).toContainText(w['sec.roomCount'].replace('{n}', '0'));
  await rooms.locator('input[name=csv]').setInputFiles({ name: 'diem-cau.csv', mimeType: 'text/csv', buffer: Buffer.from(roomsCsv(false)) });
  await expect(rooms.getByTestId('import-result')).toContainText('215', { timeout: 60_000 });
  await expect(rooms).toContainText(w['sec.roomCount'].replace('{n}', '215'));
  await expect(rooms.getByTestId('import-errors')).toHaveCount(0);

  // a KIOSK link with its QR code, shown once; the room opens it; then it is revoked
  await rooms.getByLabel(w['sec.findRoom']).fill('X042');
  await rooms.getByRole('button', { name: /X042/ }).click();
  await rooms.getByRole('button', { name: w['sec.issue.KIOSK'] }).click();
  const url = await rooms.getByTestId('issued-url').textContent();
  expect(url).toMatch(/\/kiosk\.html#token=/);
  await expect(rooms.getByTestId('issued').locator('svg')).toBeVisible();
  const room = await browser.newContext();
  const kiosk = await room.newPage();
  await kiosk.goto(`/kiosk.html${new URL(url!).hash}`);
  await expect(kiosk.locator('#state')).toContainText('Video unavailable', { timeout: 30_000 });
  await rooms.getByTestId('credentials').getByRole('button', { name: w['sec.revoke'] }).click();
  await expect(rooms.getByTestId('credentials')).toContainText(w['credential.REVOKED']);
  await expect(rooms.getByTestId('issued')).toHaveCount(0);
  await expect(kiosk.locator('#state')).toContainText('This room link is no longer valid', { timeout: 30_000 });
  await room.close();
  await sec.context.close();
});
