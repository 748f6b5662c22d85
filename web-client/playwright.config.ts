// End-to-end tests of the tablet app in Debian's Chromium (never a downloaded browser), against a running Plenum
// server: PLENUM_BASE_URL (the failsafe test TabletAppE2EIT starts the packaged server and runs this). Project
// "e2e" is the issue 12 scenarios; "screenshots" writes every main screen in both languages to docs/screenshots/.
import { defineConfig } from '@playwright/test';

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'target/e2e-results',
  use: {
    baseURL: process.env.PLENUM_BASE_URL ?? 'http://127.0.0.1:8080',
    browserName: 'chromium',
    launchOptions: chromium,
    viewport: { width: 1180, height: 820 }, // a 11" tablet in landscape
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'e2e', testIgnore: /(screenshots|sso|lighthouse|minutesui|whole-meeting)\.spec\.ts/ },
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts/ },
    // the administrator's scenario and screenshots alone (issue 13, D29): -Dplenum.e2e.project=admin
    { name: 'admin', testMatch: /admin(-screenshots)?\.spec\.ts/ },
    // the minutes screen (issue 14, D35): it closes the demo meeting, so alone: -Dplenum.e2e.project=minutesui
    { name: 'minutesui', testMatch: /minutesui\.spec\.ts/ },
    // a whole meeting from the browser with video (issue 13, README): run by WholeMeetingVideoIT inside the test's
    // network namespace with a Janus bridge; every browser has Chromium's fake camera and microphone
    { name: 'meeting', testMatch: /whole-meeting\.spec\.ts/, use: { launchOptions: { ...chromium, args: [...chromium.args,
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'] },
      viewport: { width: 1366, height: 900 } } },
    { name: 'lighthouse', testMatch: /lighthouse\.spec\.ts/ }, // ./plenum bench lighthouse (docs/benchmarks.md)
    // the viewer's and annotation scenarios alone (first paint, text highlight, orphans): -Dplenum.e2e.project=viewer
    { name: 'viewer', testMatch: /(tablet|annotations|tablet[34]-[a-z-]+)\.spec\.ts/ },
  ],
});
