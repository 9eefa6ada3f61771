import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { PASSPHRASE, SetupPage, ShellPage, UnlockPage } from '../pages/auth-pages';

test('first run, lock, wrong passphrase, unlock, restart, recovery key and a new passphrase', async ({ app, harness }) => {
  const setup = new SetupPage(app);
  await setup.open();
  await checkScreen(app, 'setup');

  // A short passphrase is refused at the field, and nothing is created.
  await setup.fill('Sam Coordinator', 'too short');
  await setup.submit();
  await expect(app.getByText('The passphrase must be at least 12 characters long')).toBeVisible();
  await expect(app.getByText('Strength: Too short.')).toBeVisible();
  await checkScreen(app, 'setup-errors');

  await setup.fill('Sam Coordinator', PASSPHRASE);
  await setup.submit();
  await waitForScreen(app, 'recovery-key');
  const recoveryKey = (await app.getByTestId('recovery-key').textContent())!.trim();
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await checkScreen(app, 'recovery-key');
  await expect(app.getByRole('button', { name: 'Continue to Reciprocal' })).toBeDisabled();
  await app.getByLabel('I have stored the recovery key somewhere safe').check();
  await app.getByRole('button', { name: 'Continue to Reciprocal' }).click();
  await waitForScreen(app, 'home');

  const shell = new ShellPage(app);
  await shell.lockWithButton();
  await checkScreen(app, 'unlock');

  const unlock = new UnlockPage(app);
  await unlock.unlock('not the passphrase at all');
  await unlock.expectError('That passphrase is not right');
  await checkScreen(app, 'unlock-wrong-passphrase');
  await unlock.unlock(PASSPHRASE);
  await waitForScreen(app, 'home');

  // The keyboard shortcut locks too.
  await app.keyboard.press('Control+l');
  await unlock.expectShown();

  // Quit and start again on the same data folder: still locked, still the same data.
  await harness.restart();
  await unlock.unlock(PASSPHRASE);
  await waitForScreen(app, 'home');
  await shell.go('Settings', 'settings');
  await expect(app.getByLabel('Your name')).toHaveValue('Sam Coordinator');
  await shell.lockWithButton();

  // The recovery key opens the data, then insists on a new passphrase.
  await unlock.unlockWithRecoveryKey(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await waitForScreen(app, 'new-passphrase');
  await checkScreen(app, 'new-passphrase');
  const next = 'a brand new passphrase 2026';
  await app.getByLabel('New passphrase', { exact: true }).fill(next);
  await app.getByLabel('New passphrase again').fill(next);
  await app.getByRole('button', { name: 'Save new passphrase' }).click();
  await waitForScreen(app, 'home');

  await shell.lockWithButton();
  await unlock.unlock(PASSPHRASE);
  await unlock.expectError('That passphrase is not right');
  await unlock.unlock(next);
  await waitForScreen(app, 'home');
});

test.describe('auto-lock', () => {
  // One real second is a minute of app time here, so a one-minute auto-lock fires after about a second.
  test.use({ harnessOptions: { timeScale: 60 } });

  test('locks after the idle time set in settings and clears the screen', async ({ app }) => {
    await new SetupPage(app).complete();
    const shell = new ShellPage(app);
    await shell.go('Settings', 'settings');
    const autoLock = app.getByLabel('Lock after this many minutes without activity');
    await autoLock.fill('0');
    await app.getByRole('button', { name: 'Save settings' }).click();
    await expect(app.getByText('Auto-lock must be at least 1 minute')).toBeVisible();
    await autoLock.fill('1');
    await app.getByRole('button', { name: 'Save settings' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

    await waitForScreen(app, 'unlock');
    await expect(app.getByText('Reciprocal locked itself after a period with no activity.')).toBeVisible();
    // Nothing from behind the lock is left in the page.
    await expect(app.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(app.locator('body')).not.toContainText('Sam Coordinator');
  });
});

test('every empty screen behind the lock is reachable, accessible and says what will appear', async ({ app }) => {
  await new SetupPage(app).complete();
  const shell = new ShellPage(app);
  await checkScreen(app, 'home');
  for (const [label, screen] of [
    ['Cases', 'cases'],
    ['Partners', 'partners'],
    ['Boroughs', 'boroughs'],
    ['Properties', 'properties'],
    ['Offers', 'offers'],
    ['Ledger', 'ledger'],
    ['Reports', 'reports'],
    ['Audit log', 'audit'],
    ['Settings', 'settings'],
  ] as const) {
    await shell.go(label, screen);
    await checkScreen(app, screen);
  }
  await app.getByRole('button', { name: 'About Reciprocal' }).click();
  await expect(app.getByRole('dialog', { name: 'About Reciprocal' })).toBeVisible();
  await expect(app.getByTestId('about-data-dir').first()).toBeVisible();
  await checkScreen(app, 'about');
});

test('the page cannot reach the network, and sees only the frozen bridge', async ({ app }) => {
  await new SetupPage(app).complete();
  // The CSP refuses any connection, before a request could even leave.
  expect(
    await app.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'reached',
        () => 'blocked',
      ),
    ),
  ).toBe('blocked');
  expect(
    await app.evaluate(
      () =>
        new Promise((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('blocked');
          img.src = 'https://example.com/pixel.png';
        }),
    ),
  ).toBe('blocked');
  // Only the bridge is exposed, frozen, with no way to reach ipc or Node.
  expect(await app.evaluate(() => Object.isFrozen(window.api) && Object.isFrozen(window.api.vault))).toBe(true);
  expect(await app.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
});

test('repeated wrong passphrases make the next try wait, and say so', async ({ app }) => {
  await new SetupPage(app).complete();
  await new ShellPage(app).lockWithButton();
  const unlock = new UnlockPage(app);
  for (let i = 0; i < 3; i++) {
    await unlock.unlock(`wrong passphrase ${i}`);
    await unlock.expectError('That passphrase is not right');
  }
  // The fourth failure starts the wait; the button counts down instead of accepting a try.
  await unlock.unlock('wrong passphrase 3');
  await unlock.expectError(/Wait \d+ seconds? before the next try/);
  await expect(app.getByRole('button', { name: /Try again in \d+ s/ })).toBeDisabled();
  await checkScreen(app, 'unlock-throttled');
  await expect(app.getByRole('button', { name: 'Unlock', exact: true })).toBeEnabled({ timeout: 15_000 });
  await unlock.unlock(PASSPHRASE);
  await waitForScreen(app, 'home');
});

test('changing the passphrase in settings', async ({ app }) => {
  await new SetupPage(app).complete();
  const shell = new ShellPage(app);
  await shell.go('Settings', 'settings');
  const next = 'lantern orchard copper twelve';
  await app.getByLabel('Current passphrase').first().fill('not my passphrase');
  await app.getByLabel('New passphrase', { exact: true }).fill(next);
  await app.getByLabel('New passphrase again').fill(next);
  await app.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(app.getByRole('alert')).toContainText('The current passphrase is not right, so nothing was changed.');
  await app.getByLabel('Current passphrase').first().fill(PASSPHRASE);
  await app.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Passphrase changed.' })).toBeVisible();
  await shell.lockWithButton();
  const unlock = new UnlockPage(app);
  await unlock.unlock(PASSPHRASE);
  await unlock.expectError('That passphrase is not right');
  await unlock.unlock(next);
  await waitForScreen(app, 'home');
});
