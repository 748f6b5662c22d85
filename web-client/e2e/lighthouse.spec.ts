// Lighthouse audits of the meeting page and the viewer page on a tablet profile (issue 12: accessibility ≥ 95, best
// practices ≥ 95, performance ≥ 90; docs/decisions.md D30, docs/benchmarks.md). Not part of the e2e project (about
// two minutes): `./plenum bench lighthouse`, which runs TabletAppE2EIT with -Dplenum.e2e.project=lighthouse against the
// packaged server and its demo data (the global set-up publishes the 200-page document).
//
// How it signs in: Playwright starts Debian's Chromium with a DevTools port and a profile of its own, a delegate signs
// in through the sign-in form (the app keeps its tokens in localStorage), then Lighthouse drives the same browser over
// that port with storage reset off, so it audits the signed-in pages. The HTTP cache, Cache Storage and the service
// worker are cleared before each audit: the scores are those of a tablet's first visit, not of a warm one.
import { chromium, expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD } from './global-setup';
import { meeting } from './helpers';

const OUT = 'target/lighthouse';

/** A device of Lighthouse's BenchmarkIndex 1000 ("1000+: desktop-class, iPhone X"; Chrome DevTools' CPU calibration
 * takes 1000 as its mid-tier device): a meeting tablet. */
const TABLET_BENCHMARK_INDEX = 1000;

/**
 * The tablet profile: a 10–11" tablet in portrait (820 × 1180 CSS px, 2 device pixels per px, touch), Lighthouse's
 * slow-4G network (150 ms RTT, 1.6 Mbit/s down: a busy hall's Wi-Fi at its worst) and the CPU slowed down to a
 * tablet's: this machine's measured BenchmarkIndex / 1000 (at least 1×). The "phone" profile is Lighthouse's own
 * mobile default (the same network, CPU 4× slower than this machine: a low-end phone when this machine is a desktop;
 * far below that on a loaded 2-core machine); it is measured and written, not required.
 */
function profile(cpuSlowdownMultiplier: number) {
  return {
    extends: 'lighthouse:default',
    settings: {
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      formFactor: 'mobile',
      screenEmulation: { mobile: true, width: 820, height: 1180, deviceScaleFactor: 2, disabled: false },
      throttlingMethod: 'simulate',
      throttling: { rttMs: 150, throughputKbps: 1638.4, requestLatencyMs: 562.5, downloadThroughputKbps: 1474.56, uploadThroughputKbps: 675,
        cpuSlowdownMultiplier },
      disableStorageReset: true, // keeps the signed-in tablet's localStorage; caches are cleared by hand below
    },
  };
}

const MIN = {
  performance: Number(process.env.PLENUM_LIGHTHOUSE_MIN_PERFORMANCE ?? 90),
  accessibility: Number(process.env.PLENUM_LIGHTHOUSE_MIN_ACCESSIBILITY ?? 95),
  'best-practices': Number(process.env.PLENUM_LIGHTHOUSE_MIN_BEST_PRACTICES ?? 95),
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

test('Lighthouse on the tablet profile: meeting page and viewer page', async ({ baseURL }) => {
  test.setTimeout(600_000);
  const { default: lighthouse } = await import('lighthouse');
  const port = await freePort();
  const userDataDir = mkdtempSync(join(tmpdir(), 'plenum-lighthouse-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  mkdirSync(OUT, { recursive: true });
  const origin = new URL(baseURL!).origin;
  const scores: Record<string, Record<string, number>> = {};
  const settings: Record<string, unknown> = {};
  const required_ = new Set<string>();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // a fresh session before each audit: Lighthouse closes its tab when it is done, possibly between the server
    // rotating the refresh token and the app storing the new one — presenting the old one again ends the session (D5)
    // The storage is cleared on a page of the origin where the app does not run (its icon): cleared under a running
    // app, a token refresh landing just then wrote the session back, the app stayed signed in, and the wait for the
    // sign-in form never ended — the hangs of earlier runs (20-second access tokens refresh often; docs/benchmarks.md).
    const signIn = async () => {
      await page.goto('/icons/icon.svg');
      await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
      await page.goto('/');
      await page.locator('input[name=username]').fill('delegate1', { timeout: 30_000 });
      await page.locator('input[name=password]').fill(PASSWORD, { timeout: 30_000 });
      await page.locator('form button[type=submit]').click({ timeout: 30_000 });
      await expect(page.locator('input[name=password]')).toBeHidden();
      await page.goto(`/#/m/${meeting()}`);
      await expect(page.locator('[data-conn]')).toHaveAttribute('data-conn', 'live', { timeout: 30_000 });
      // the service worker installed (its precache done) before its storage is cleared: clearing it while it installs
      // is the suspect of the hangs of an earlier run (docs/benchmarks.md)
      await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((ok) => setTimeout(ok, 20_000))]).then(() => true));
    };
    await signIn();
    // this machine's speed on Lighthouse's own scale (its page function, median of three), for the tablet's CPU
    const { pageFunctions } = await import('lighthouse/core/lib/page-functions.js');
    const indexes: number[] = [];
    for (let i = 0; i < 3; i++) indexes.push(await page.evaluate(`(${pageFunctions.computeBenchmarkIndex.toString()})()`) as number);
    const benchmarkIndex = indexes.sort((a, b) => a - b)[1];
    const tabletCpu = Math.max(1, Math.round((benchmarkIndex / TABLET_BENCHMARK_INDEX) * 10) / 10);
    console.log(`lighthouse: this machine's BenchmarkIndex ${benchmarkIndex} (${indexes.join(', ')}): tablet CPU ${tabletCpu}×, phone 4×`);
    settings.benchmarkIndex = benchmarkIndex;
    settings.tabletCpu = tabletCpu;
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);

    const pages = {
      meeting: { url: `${origin}/#/m/${meeting()}`, proof: [`/api/meetings/${meeting()}/ws-ticket`] },
      // the viewer's first paint is the server's picture of the page, fetched with the delegate's token; pdf.js starts
      // later, on the first touch or when idle (D38), possibly after Lighthouse has stopped recording
      viewer: { url: `${origin}/#/m/${meeting()}/doc/${process.env.PLENUM_E2E_DOC200}/1`, proof: [`${process.env.PLENUM_E2E_DOC200!}/versions/`, '/pages/1/thumbnail'] },
    };
    // the required tablet audits first
    const runs = [
      ...Object.entries(pages).map(([page, p]) => ({ name: `${page}-tablet`, ...p, config: profile(Number(settings.tabletCpu)), required: true })),
      ...Object.entries(pages).map(([page, p]) => ({ name: `${page}-phone`, ...p, config: profile(4), required: false })),
    ];
    // every step named with the time, and bounded: an earlier run hung after the third sign-in with nothing in the
    // server's log (docs/benchmarks.md); a step that does not end is reported and the audit is tried once more
    const t0 = Date.now();
    const step = async <T>(what: string, ms: number, f: () => Promise<T>): Promise<T> => {
      console.log(`lighthouse step +${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([f(), new Promise<T>((_, no) => { timer = setTimeout(() => no(new Error(`${what}: no end after ${ms / 1000} s`)), ms); })]);
      } finally {
        clearTimeout(timer);
      }
    };
    const audit = async (name: string, url: string, config: unknown) => {
      await step(`${name}: sign in`, 90_000, signIn);
      await step(`${name}: about:blank`, 30_000, () => page.goto('about:blank'));
      // a first visit: no HTTP cache, no service worker, no Cache Storage; the tokens in localStorage stay
      await step(`${name}: clear the HTTP cache`, 30_000, () => cdp.send('Network.clearBrowserCache'));
      await step(`${name}: clear service worker and Cache Storage`, 30_000,
        () => cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' }));
      return step(`${name}: Lighthouse`, 180_000,
        () => lighthouse(url, { port, hostname: '127.0.0.1', output: ['json', 'html'], logLevel: 'error' }, config as never));
    };
    for (const { name, url, proof, config, required } of runs) {
      let result;
      try {
        result = await audit(name, url, config);
      } catch (e) {
        console.log(`lighthouse ${name}: ${(e as Error).message}; once more`);
        result = await audit(`${name} (again)`, url, config);
      }
      expect(result, `Lighthouse ran on ${name}`).toBeTruthy();
      const lhr = result!.lhr;
      const [json, html] = result!.report as string[];
      writeFileSync(join(OUT, `${name}.report.json`), json);
      writeFileSync(join(OUT, `${name}.report.html`), html);
      expect(lhr.runtimeError, `no runtime error on ${name}`).toBeUndefined();
      // it audited the signed-in page, not the sign-in form: the page fetched what only a signed-in tablet fetches
      const requests = (lhr.audits['network-requests'].details as { items: { url: string }[] }).items.map((i) => i.url);
      for (const p of proof) expect(requests.some((u) => u.includes(p)), `${name} fetched ${p}`).toBe(true);
      if (required) required_.add(name);
      scores[name] = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
        .map((a) => `${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ''})`);
      console.log(`lighthouse ${name}: ${JSON.stringify(scores[name])}; metrics: ` +
        ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
          .map((id) => `${id} ${lhr.audits[id]?.displayValue}`).join(', '));
      console.log(`lighthouse ${name}: below 0.9: ${failing.join('; ') || 'none'}`);
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    writeFileSync(join(OUT, 'scores.json'), JSON.stringify({ when: new Date().toISOString(), ...settings, profile: profile(Number(settings.tabletCpu ?? 1)).settings, scores }, null, 2));
  }
  for (const [name, s] of Object.entries(scores)) {
    if (!required_.has(name)) continue;
    for (const [category, min] of Object.entries(MIN)) {
      expect.soft(s[category], `${name} ${category}`).toBeGreaterThanOrEqual(min);
    }
  }
});
