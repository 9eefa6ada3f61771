import fs from 'node:fs';
import path from 'node:path';
import { test, expect, waitForScreen, checkScreen, KEY_STRETCH_TIMEOUT } from '../fixtures';
import { ShellPage } from '../pages/auth-pages';
import { DEMO_SCALES, type DemoScale } from '../../../contract/demo';

/*
 * "Try it with demo data" (issue 14): from the first run into the separate demonstration store, filled on main's job
 * runner with a progress bar, DEMO on every screen and in the window title, and back out to the real first run.
 * The product fills at the `real` scale; an e2e test cannot wait for ten years of scheme, so the harness makes the
 * `tiny` one (RECIPROCAL_E2E_DEMO_SCALE=small|real to try a bigger one).
 */
const requested = process.env['RECIPROCAL_E2E_DEMO_SCALE'];
const scale: DemoScale = DEMO_SCALES.find((s) => s === requested) ?? 'tiny';
test.use({ harnessOptions: { demoScale: scale, today: () => '2026-11-27' } });

/** Each screen of the main navigation, and what on it shows that the made-up scheme is there. */
const SCREENS: { label: string; screen: string; data: RegExp }[] = [
  { label: 'Home', screen: 'home', data: /PLHR-|overdue|due/i },
  { label: 'Cases', screen: 'cases', data: /PLHR-/ },
  { label: 'Circulation', screen: 'circulation-batch', data: /circulat/i },
  { label: 'Partners', screen: 'partners', data: /London Borough of .* \(demo\)/ },
  { label: 'Boroughs', screen: 'boroughs', data: /Hackney/ },
  { label: 'Properties', screen: 'properties', data: /\(demo\)/ },
  { label: 'Offers', screen: 'offers', data: /PLHR-|offer/i },
  { label: 'Ledger', screen: 'ledger', data: /\(demo\)/ },
  { label: 'Reports', screen: 'reports', data: /enquir/i },
  { label: 'Audit log', screen: 'audit', data: /Demo Coordinator/ },
  // Settings shows the demonstration store's coordinator in the name field (checked below).
  { label: 'Settings', screen: 'settings', data: /Case policy/ },
];

test('try it with demo data: progress, DEMO on every screen with the data there, and back to the real first run', async ({ app, harness }) => {
  test.setTimeout(scale === 'tiny' ? 900_000 : 2_400_000);
  await waitForScreen(app, 'setup');
  await expect(app.getByTestId('demo-banner')).toHaveCount(0);
  const tryIt = app.getByRole('button', { name: 'Try it with demo data' });
  await expect(tryIt).toBeVisible();
  await checkScreen(app, 'setup-try-demo');

  await tryIt.click();
  const banner = app.getByTestId('demo-banner');
  await expect(banner).toContainText('DEMO', { timeout: KEY_STRETCH_TIMEOUT });
  // The fill runs on main's job runner: its progress bar, with a Cancel button, under the banner.
  const progress = banner.getByRole('progressbar', { name: /Making demo data/ });
  await expect(progress).toBeVisible({ timeout: 120_000 });
  await expect(banner.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await checkScreen(app, 'demo-filling');
  await expect(progress).toHaveCount(0, { timeout: scale === 'tiny' ? 240_000 : 1_700_000 });
  await expect(banner.getByRole('alert')).toHaveCount(0);
  await waitForScreen(app, 'home');

  // The real store was never made: only the demonstration store's folder holds a database.
  expect(fs.existsSync(path.join(harness.dataDir, 'reciprocal.db'))).toBe(false);
  expect(fs.existsSync(path.join(harness.dataDir, 'demo', 'reciprocal.db'))).toBe(true);

  const shell = new ShellPage(app);
  for (const { label, screen, data } of SCREENS) {
    await shell.go(label, screen, { timeout: 60_000 });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('DEMO');
    await expect(app).toHaveTitle(/^DEMO – /);
    await expect(app.locator(`[data-screen="${screen}"]`)).toContainText(data);
    if (screen === 'settings') await expect(app.getByLabel('Your name')).toHaveValue('Demo Coordinator');
    await checkScreen(app, `demo-${screen}`);
  }

  // Leave demo: back to the real store's first run, with no banner and no DEMO in the title.
  await banner.getByRole('button', { name: 'Leave demo' }).click();
  await waitForScreen(app, 'setup');
  await expect(app.getByTestId('demo-banner')).toHaveCount(0);
  await expect(app).not.toHaveTitle(/DEMO/);
  await expect(app.getByRole('button', { name: 'Try it with demo data' })).toBeVisible();
  await checkScreen(app, 'setup-after-demo');
});
