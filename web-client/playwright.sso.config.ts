// "Sign in with <provider>" in Debian's Chromium (e2e/sso.spec.ts), against a server configured for a real OpenID
// provider: PLENUM_BASE_URL and PLENUM_OP_URL (SingleSignOnE2EIT starts both). No global set-up: no documents needed.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: /sso\.spec\.ts/,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'target/e2e-sso-results',
  use: {
    baseURL: process.env.PLENUM_BASE_URL ?? 'http://127.0.0.1:8080',
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1180, height: 820 },
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
