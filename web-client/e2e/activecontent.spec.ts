// Active content and upload metadata in the secretary's page (issue 15, DU6, DU8) in Chromium: a PDF whose catalog
// runs JavaScript on opening and launches cmd.exe on closing is published with the app's upload (title and agenda
// item in headers) and shown with what was removed; a new version carries a 2,000-character Vietnamese note in a
// header. Screenshots of the document list in both languages: docs/screenshots/{vi,en}-25-secretary-active-content.png.
import { expect, request, test } from '@playwright/test';
import { viConsoles } from '../src/i18n/consoles.vi';
import { enConsoles } from '../src/i18n/consoles.en';
import { vi } from './helpers';
import { makePdf } from './pdf';
import { PASSWORD } from './global-setup';
import { consoleMeeting, go, signInTo, type ConsoleMeeting } from './consoles';

const OUT = '../docs/screenshots';
let m: ConsoleMeeting;

test.beforeAll(async ({ }, info) => {
  m = await consoleMeeting(info.project.use.baseURL!, `Kỳ họp — nội dung động ${Date.now()}`);
});

/**
 * makePdf's file with an incremental update that replaces its catalog (object 1) by one with an /OpenAction
 * JavaScript and a /AA that launches cmd.exe when the document closes.
 */
function activePdf(pages: number): Buffer {
  const base = makePdf(pages);
  const text = base.toString('latin1');
  const prev = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const catalog = '1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> '
    + '/AA << /WC << /S /Launch /F (C:\\\\Windows\\\\System32\\\\cmd.exe) >> >> >>\nendobj\n';
  const at = base.length;
  const xref = at + Buffer.byteLength(catalog, 'latin1');
  const tail = `xref\n0 1\n0000000000 65535 f \n1 1\n${String(at).padStart(10, '0')} 00000 n \n`
    + `trailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([base, Buffer.from(catalog + tail, 'latin1')]);
}

test('an uploaded PDF with JavaScript and a launch action is shown with what was removed; a 2,000-character note travels in a header', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const w = viConsoles;
  const sec = await signInTo(browser, m.chair, m.id);
  const p = sec.page;
  await go(p, m.id, '/secretary' as '');
  const docs = p.getByTestId('document-upload');
  await docs.getByLabel(w['sec.attachTo']).selectOption(m.items[2].id);
  await docs.locator('input[name=pdfs]').setInputFiles({ name: 'Tờ trình có mã độc.pdf', mimeType: 'application/pdf', buffer: activePdf(3) });
  await expect(docs.locator('[data-upload="Tờ trình có mã độc.pdf"]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const row = docs.locator('.docs li', { hasText: 'Tờ trình có mã độc' });
  const badge = row.getByTestId('active-content');
  await expect(badge).toHaveAttribute('data-removed', 'true');
  await expect(badge).toHaveText(w['sec.activeRemoved'].replace('{kinds}', `${w['activeContent.JAVASCRIPT']}, ${w['activeContent.LAUNCH']}`));

  // a new version with a long Vietnamese change note (the input allows 2,000 characters): more than an address holds
  const note = 'Những ý kiến đóng góp về dự thảo được tổng hợp đầy đủ. '.repeat(40).slice(0, 2000);
  await docs.getByLabel(w['sec.versionOf']).selectOption({ label: 'Tờ trình có mã độc' });
  await docs.getByLabel(w['sec.versionNote']).fill(note);
  await docs.locator('input[name=version]').setInputFiles({ name: 'to-trinh-v2.pdf', mimeType: 'application/pdf', buffer: makePdf(2) });
  await expect(row).toContainText(vi['meeting.version'].replace('{n}', '2'), { timeout: 60_000 });
  await expect(row.getByTestId('active-content')).toHaveCount(0); // version 2 is clean

  // what the server stored: the title, the item, the note; version 1 flagged, with the uploaded file's hash kept
  const api = await request.newContext({ baseURL: info.project.use.baseURL });
  const token = (await (await api.post('/api/auth/login', { data: { username: m.chair, password: PASSWORD } })).json()).accessToken;
  const list = await (await api.get(`/api/meetings/${m.id}/documents`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const doc = list.documents.find((d: { title: string }) => d.title === 'Tờ trình có mã độc');
  expect(doc.agendaItemIds).toEqual([m.items[2].id]);
  expect(doc.versions[0].activeContent).toEqual(['JAVASCRIPT', 'LAUNCH']);
  expect(doc.versions[0].originalSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(doc.versions[1].changeNote).toBe(note);
  await api.dispose();

  // the badge of version 1 shown for the screenshots: publish the same file once more
  await docs.locator('input[name=pdfs]').setInputFiles({ name: 'Phụ lục có mã độc.pdf', mimeType: 'application/pdf', buffer: activePdf(2) });
  await expect(docs.locator('.docs li', { hasText: 'Phụ lục có mã độc' }).getByTestId('active-content')).toBeVisible({ timeout: 60_000 });
  for (const lang of ['vi', 'en'] as const) {
    await p.evaluate((l) => localStorage.setItem('plenum.locale', l), lang);
    await p.reload();
    await expect(p.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
    const words = lang === 'vi' ? viConsoles : enConsoles;
    await expect(docs.getByTestId('active-content').first()).toContainText(words['activeContent.JAVASCRIPT']);
    await docs.scrollIntoViewIfNeeded();
    await docs.screenshot({ path: `${OUT}/${lang}-25-secretary-active-content.png` });
  }
  await sec.context.close();
});
