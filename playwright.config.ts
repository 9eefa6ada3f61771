import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it exists (this machine and CI); Playwright's own browser elsewhere.
const debianChromium = '/usr/bin/chromium';
const executablePath = process.env['CHROMIUM_PATH'] ?? (fs.existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: 'test/e2e/specs',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 2,
  // On CI (two busy cores shared by two browsers and their mains) one retry, reported as "flaky" in the output so a
  // timing-sensitive step is seen and fixed rather than hidden; a test that fails twice still fails the run.
  retries: process.env['CI'] ? 1 : 0,
  // Long journeys run axe on many screens; on two busy cores each check can take several seconds.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  projects: [
    {
      name: 'renderer',
      testIgnore: /electron-smoke/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          // Chromium's own background traffic (updates, sync, safe browsing) would try the network: turn it off.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-dev-shm-usage',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: /electron-smoke/,
    },
  ],
});
