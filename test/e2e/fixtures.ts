import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AppHarness, type HarnessOptions } from './harness/app-harness';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');

interface Fixtures {
  harnessOptions: HarnessOptions;
  harness: AppHarness;
  app: Page;
}

/** Each test gets a fresh data folder, a fresh app core and the built renderer in Chromium. */
export const test = base.extend<Fixtures>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const harness = new AppHarness(harnessOptions);
    await use(harness);
    harness.remove();
  },
  app: async ({ page, harness }, use) => {
    await harness.attach(page);
    await use(page);
    // No test may leave the app having tried the network.
    expect(harness.blockedRequests, 'the app tried to reach the network').toEqual([]);
  },
});

export { expect };

/**
 * Waits for a screen's ready signal: `data-ready="true"` on its root. Never a sleep. `timeout` is for the few screens
 * that wait on a deliberately slow key stretch (setup, unlock), which on a shared, busy machine can pass ten seconds.
 */
export async function waitForScreen(page: Page, name: string, options: { timeout?: number } = {}): Promise<void> {
  await expect(page.locator(`[data-screen="${name}"][data-ready="true"]`)).toBeVisible(options);
}

/** Time allowed for a key stretch (the passphrase and the recovery key are each stretched on purpose to be slow). */
export const KEY_STRETCH_TIMEOUT = 45_000;

/**
 * Runs axe-core (WCAG 2.2 A and AA) on the current screen, fails on any violation, and saves a screenshot
 * named for the screen under test-results/screens/.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `accessibility violations on ${name}`).toEqual([]);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
