// The minutes screen (issue 14, D35), project "minutesui" (it closes the demo meeting, so it runs alone:
// -Dplenum.e2e.project=minutesui): the chair closes the meeting, the secretary writes the texts (a control
// character is refused in words), previews the draft PDF, the chair approves after a confirmation, the secretary then
// the chair sign with their PKCS#12 keys (made here with openssl under a test CA, in the server's
// minutes.signing_keys_dir that TabletAppE2EIT hands over as PLENUM_E2E_SIGNING_KEYS_DIR), and a delegate sees the
// signed minutes. Each screen follows the others' steps live, without a reload (minutes.* events, MN9), and shows
// every signature in words: signer, time, PAdES level, verdict. Under TabletAppE2EIT the keys are issued by the test's
// CA, which the server trusts, and signed PAdES-BASELINE-LT with the test's TSA and OCSP responder
// (PLENUM_E2E_SIGNING_KEYS_ISSUED); alone, the keys are made here with openssl (B-B, not trusted).
// Screenshots 50–53 in both languages go to docs/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, request, test, type Page } from '@playwright/test';
import { viMinutes as w } from '../src/i18n/minutes.vi';
import { viMinutesSig as ws } from '../src/i18n/minutes-sig.vi';
import { viConsoles } from '../src/i18n/consoles.vi';
import { PASSWORD } from './global-setup';
import { live, meeting, signIn, vi } from './helpers';

const OUT = '../docs/screenshots';
const KEYS = process.env.PLENUM_E2E_SIGNING_KEYS_DIR;
const ISSUED = !!process.env.PLENUM_E2E_SIGNING_KEYS_ISSUED;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** A test CA, and for each account a key and certificate under it as <account id>.p12 with its .pass (Pkcs12Signers). */
function provisionKeys(accounts: Record<string, string>): void {
  const dir = mkdtempSync(join(tmpdir(), 'minutesui-pki-'));
  const ca = join(dir, 'ca');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '30',
    '-subj', '/CN=Plenum e2e test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const ext = join(dir, 'leaf.ext');
  writeFileSync(ext, 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  for (const [id, name] of Object.entries(accounts)) {
    const leaf = join(dir, id);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${leaf}.key`, '-out', `${leaf}.csr`, '-subj', `/CN=${name}`, '-utf8');
    openssl('x509', '-req', '-in', `${leaf}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${leaf}.crt`,
      '-days', '30', '-extfile', ext);
    openssl('pkcs12', '-export', '-inkey', `${leaf}.key`, '-in', `${leaf}.crt`, '-certfile', `${ca}.crt`, '-name', 'signer',
      '-out', join(KEYS!, `${id}.p12`), '-passout', 'pass:e2e-pass-123');
    writeFileSync(join(KEYS!, `${id}.pass`), 'e2e-pass-123\n');
  }
}

const minutesTab = (page: Page) => page.locator(`nav a[href="#/m/${meeting()}/minutes"]`);
const lang = (page: Page) => page.locator('button.lang').first();

/** The page in Vietnamese, then in English (the language button), back to Vietnamese: docs/screenshots/{vi,en}-<name>.png. */
async function shots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.screenshot({ path: `${OUT}/vi-${name}.png` });
  await lang(page).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: `${OUT}/en-${name}.png` });
  await lang(page).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.setViewportSize(size);
}

test('minutes: close, write, approve, sign twice, read as a delegate', async ({ browser }, info) => {
  test.setTimeout(600_000);
  expect(KEYS, 'PLENUM_E2E_SIGNING_KEYS_DIR: the server\'s minutes.signing_keys_dir (TabletAppE2EIT sets both)').toBeTruthy();
  const api = await request.newContext({ baseURL: info.project.use.baseURL });
  const accounts: Record<string, string> = {};
  for (const u of ['secretary', 'chair']) {
    const token = (await (await api.post('/api/auth/login', { data: { username: u, password: PASSWORD } })).json()).accessToken;
    const me = await (await api.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).json();
    accounts[me.id] = me.displayName;
  }
  if (!ISSUED) provisionKeys(accounts);

  const chair = await signIn(browser, 'chair');
  const secretary = await signIn(browser, 'secretary');
  const delegate = await signIn(browser, 'delegate1');
  for (const t of [chair, secretary, delegate]) t.context.on('page', (p) => { if (p !== t.page) p.close().catch(() => undefined); });

  // before the minutes are signed a delegate has no minutes tab in an open meeting
  await expect(minutesTab(delegate.page)).toHaveCount(0);

  // the chair closes the meeting from the console (asked twice)
  await chair.page.goto(`/#/m/${meeting()}/chair`);
  await live(chair.page);
  const status = chair.page.getByTestId('chair-status');
  await status.getByRole('button', { name: viConsoles['chair.close'] }).click();
  await status.getByRole('button', { name: viConsoles['chair.confirm'] }).click();
  await expect(status).toHaveAttribute('data-status', 'CLOSED');

  // the secretary reaches the minutes from the secretary page's tabs: a draft
  await secretary.page.goto(`/#/m/${meeting()}/secretary`);
  await live(secretary.page);
  await minutesTab(secretary.page).click();
  const sm = secretary.page.getByTestId('minutes');
  await expect(sm).toHaveAttribute('data-state', 'DRAFT');
  await expect(sm).toContainText(w['min.state.DRAFT']);
  const texts = secretary.page.getByTestId('minutes-texts');
  await texts.getByLabel(w['min.number']).fill('12/BB-HĐND');
  const first = texts.locator('fieldset').first();
  // a control character is refused by the server (MN3) and said in words; nothing is stored
  await first.getByLabel(w['min.summary']).fill('Sai\u0007ký tự');
  await texts.getByTestId('minutes-save').click();
  await expect(sm.getByTestId('minutes-error')).toHaveText(vi['error.BAD_MESSAGE']);
  await first.getByLabel(w['min.summary']).fill('Hội đồng nghe báo cáo và thảo luận; các ý kiến thống nhất với tờ trình.');
  await first.getByLabel(w['min.decision']).fill('Thông qua chương trình kỳ họp.');
  await texts.getByTestId('minutes-save').click();
  await expect(sm.getByRole('status')).toHaveText(w['min.saved'].replace('{n}', '1'));
  await expect(texts).toContainText(w['min.edits'].replace('{n}', '1'));
  // the draft PDF through the authenticated fetch, as a blob URL
  await sm.getByTestId('minutes-preview').click();
  const link = sm.getByTestId('minutes-pdf-link');
  await expect(link).toHaveAttribute('href', /^blob:/);
  // the panel checked the %PDF- signature of what it fetched; its size on the link (the blob itself is not
  // readable from the test: the page's Content-Security-Policy keeps fetch to 'self')
  expect(Number(await link.getAttribute('data-size'))).toBeGreaterThan(5000);
  await shots(secretary.page, '50-minutes-draft-secretary');
  // from here the secretary's page is never reloaded: a mark on its window must survive every step (MN9)
  const mark = (p: Page) => p.evaluate(() => { (window as unknown as { kept?: number }).kept = 1; });
  const kept = (p: Page) => p.evaluate(() => (window as unknown as { kept?: number }).kept);
  await mark(secretary.page);

  // the chair sees the secretary's texts read-only and approves after a confirmation
  await minutesTab(chair.page).click();
  const cm = chair.page.getByTestId('minutes');
  await expect(cm).toHaveAttribute('data-state', 'DRAFT');
  await expect(chair.page.getByTestId('minutes-texts').locator('fieldset').first().getByLabel(w['min.decision']))
    .toHaveValue('Thông qua chương trình kỳ họp.');
  await chair.page.getByTestId('minutes-approve').click();
  await expect(chair.page.getByText(w['min.confirmApprove'])).toBeVisible();
  await shots(chair.page, '51-minutes-approve-chair');
  await chair.page.getByTestId('minutes-approve-confirm').click();
  await expect(cm).toHaveAttribute('data-state', 'FINAL');
  await expect(chair.page.getByTestId('minutes-final-sha')).toHaveText(/^[0-9a-f]{64}$/);
  // the chair signs after the secretary: the page says so and offers no button yet
  await expect(chair.page.getByText(w['min.signWaitSecretary'])).toBeVisible();

  await mark(chair.page);

  // the secretary's screen shows the approval by itself (minutes.approved on the socket); the secretary signs
  await expect(sm).toHaveAttribute('data-state', 'FINAL');
  expect(await kept(secretary.page)).toBe(1);
  await expect(secretary.page.getByTestId('minutes-texts').getByLabel(w['min.number'])).toBeDisabled();
  await secretary.page.getByTestId('minutes-sign').click();
  await expect(sm).toHaveAttribute('data-state', 'SIGNED_BY_SECRETARY', { timeout: 120_000 });
  // the signatures come with their DSS validation (MN9), seconds on a busy machine
  await expect(secretary.page.getByTestId('minutes-signature-SECRETARY')).toContainText(accounts[Object.keys(accounts)[0]], { timeout: 120_000 });

  // ... and the chair's screen shows the secretary's signature by itself, then the chair signs
  await expect(cm).toHaveAttribute('data-state', 'SIGNED_BY_SECRETARY', { timeout: 120_000 });
  await expect(chair.page.getByTestId('minutes-signature-SECRETARY')).toBeVisible();
  expect(await kept(chair.page)).toBe(1);
  await chair.page.getByTestId('minutes-sign').click();
  await expect(cm).toHaveAttribute('data-state', 'SIGNED', { timeout: 120_000 });
  await expect(cm).toContainText(w['min.state.SIGNED']);
  await expect(chair.page.getByTestId('minutes-signature-CHAIR')).toContainText(accounts[Object.keys(accounts)[1]], { timeout: 120_000 });
  await expect(chair.page.getByTestId('minutes-sha')).toHaveText(/^[0-9a-f]{64}$/);
  // MN9: both signatures in words, as DSS validates the stored PDF
  for (const role of ['SECRETARY', 'CHAIR']) {
    const sig = chair.page.getByTestId(`minutes-signature-${role}`);
    await expect(sig).toHaveAttribute('data-level', ISSUED ? 'PAdES-BASELINE-LT' : 'PAdES-BASELINE-B');
    await expect(sig).toHaveAttribute('data-status', ISSUED ? 'VALID' : 'UNTRUSTED');
    await expect(sig).toContainText(ws[ISSUED ? 'msig.level.PAdES-BASELINE-LT' : 'msig.level.PAdES-BASELINE-B']);
    await expect(sig.getByTestId('minutes-signature-status')).toHaveText(ws[ISSUED ? 'msig.status.VALID' : 'msig.status.UNTRUSTED']);
    if (ISSUED) await expect(sig).toContainText(ws['msig.cert.GOOD']);
  }
  // the secretary's screen, never reloaded, follows the chair's signature too
  await expect(sm).toHaveAttribute('data-state', 'SIGNED', { timeout: 120_000 });
  await expect(secretary.page.getByTestId('minutes-signature-CHAIR')).toBeVisible();
  expect(await kept(secretary.page)).toBe(1);
  await shots(chair.page, '52-minutes-signed-chair');

  // a delegate: the minutes tab of the closed meeting, the signed minutes without the texts, and the signed PDF
  await delegate.page.goto(`/#/m/${meeting()}`);
  await live(delegate.page);
  await minutesTab(delegate.page).click();
  const dm = delegate.page.getByTestId('minutes');
  await expect(dm).toHaveAttribute('data-state', 'SIGNED');
  await expect(delegate.page.getByTestId('minutes-texts')).toHaveCount(0);
  await expect(delegate.page.getByTestId('minutes-signature-SECRETARY')).toBeVisible();
  await expect(delegate.page.getByTestId('minutes-signature-CHAIR')).toBeVisible();
  await expect(delegate.page.getByTestId('minutes-signature-CHAIR')).toHaveAttribute('data-status', ISSUED ? 'VALID' : 'UNTRUSTED');
  await dm.getByTestId('minutes-preview').click();
  await expect(dm.getByTestId('minutes-pdf-link')).toHaveAttribute('href', /^blob:/);
  expect(Number(await dm.getByTestId('minutes-pdf-link').getAttribute('data-size'))).toBeGreaterThan(5000);
  // what the delegate was given is the signed PDF: two PAdES signatures
  const dToken = (await (await api.post('/api/auth/login', { data: { username: 'delegate1', password: PASSWORD } })).json()).accessToken;
  const pdf = await api.get(`/api/meetings/${meeting()}/minutes/pdf`, { headers: { Authorization: `Bearer ${dToken}` } });
  expect(pdf.status()).toBe(200);
  const body = (await pdf.body()).toString('latin1');
  expect(body.startsWith('%PDF-')).toBe(true);
  expect((body.match(/ETSI\.CAdES\.detached/g) ?? []).length).toBeGreaterThanOrEqual(2);
  await expect(delegate.page.locator('body')).not.toContainText(/\bSIGNED_BY_SECRETARY\b|\bFINAL\b|\bSECRETARY\b/);
  await shots(delegate.page, '53-minutes-signed-delegate');
  for (const t of [chair, secretary, delegate]) await t.context.close();
});
