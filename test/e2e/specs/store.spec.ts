import fs from 'node:fs';
import path from 'node:path';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { PASSPHRASE, SetupPage, UnlockPage, setUpAndOpen, ShellPage } from '../pages/auth-pages';

test('a missing database gets its own screen: the check says why, and starting again needs the typed words', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await harness.app.registry.dispatch('session.lock', {}, { url: 'http://reciprocal.test/index.html', isMainFrame: true });
  fs.rmSync(path.join(harness.dataDir, 'reciprocal.db'));
  for (const f of ['reciprocal.db-wal', 'reciprocal.db-shm']) fs.rmSync(path.join(harness.dataDir, f), { force: true });
  await harness.restart();

  await waitForScreen(app, 'damaged');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('The database file is missing or damaged');
  await expect(app.getByRole('alert')).toContainText('The database file (reciprocal.db) is missing from the data folder');
  await app.getByRole('button', { name: 'Check the database file' }).click();
  await expect(app.getByTestId('damaged-report')).toContainText('The check found this problem');
  await checkScreen(app, 'database-damaged');
  fs.mkdirSync(path.resolve(import.meta.dirname, '../../../docs/screenshots'), { recursive: true });
  await app.screenshot({ path: path.resolve(import.meta.dirname, '../../../docs/screenshots/database-damaged.png'), fullPage: true });

  // The wrong words are refused at the field, and nothing moves.
  await app.getByLabel('Type “start again” to confirm').fill('yes');
  await app.getByRole('button', { name: 'Start again with an empty database' }).click();
  await expect(app.getByText('Type start again to confirm').first()).toBeVisible();
  expect(fs.existsSync(path.join(harness.dataDir, 'reciprocal.key.json'))).toBe(true);

  await app.getByLabel('Type “start again” to confirm').fill('start again');
  await app.getByRole('button', { name: 'Start again with an empty database' }).click();
  await waitForScreen(app, 'started-again');
  await expect(app.getByRole('status')).toContainText('The damaged files were moved to');
  await checkScreen(app, 'database-started-again');
  await app.getByRole('button', { name: 'Continue to set up' }).click();
  await new SetupPage(app).complete('New Coordinator');
});

test('a damaged page found by a call switches the window to the damaged screen', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await new ShellPage(app).go('Settings', 'settings');
  // What a corrupt page does to any call: the registry maps SQLite's error and the session closes the database.
  harness.app.session.markDamaged();
  await waitForScreen(app, 'damaged');
  await expect(app.getByRole('alert')).toContainText('Part of the database file (reciprocal.db) is damaged');
  await app.getByRole('button', { name: 'Check the database file' }).click();
  await expect(app.getByTestId('damaged-report')).toContainText('no damage');
  await checkScreen(app, 'database-damaged-page');
});

test('the recovery key: copy, save, and a reminder after a restart before it was confirmed', async ({ app, harness }) => {
  const setup = new SetupPage(app);
  await setup.open();
  // The error summary links to its fields and takes focus.
  await setup.submit();
  await expect(app.locator('.error-summary')).toBeFocused();
  await checkScreen(app, 'setup-errors');
  await setup.fill('Sam Coordinator', 'password1234');
  await setup.submit();
  await expect(app.getByText(/too easy to guess/).first()).toBeVisible();
  await setup.fill('Sam Coordinator', PASSPHRASE);
  await expect(app.getByText('Strength: Strong.')).toBeVisible();
  await setup.submit();
  await waitForScreen(app, 'recovery-key');
  await app.getByRole('button', { name: 'Copy' }).click();
  await expect(app.getByRole('status')).toContainText('Copied. The clipboard is cleared again in 2 minutes.');
  const file = path.join(harness.dataDir, '..', `${path.basename(harness.dataDir)}-key.txt`);
  harness.dialogs.saveQueue.push(file);
  await app.getByRole('button', { name: 'Save as a file' }).click();
  await expect(app.getByRole('status')).toContainText(`Saved as ${path.basename(file)}`);
  const key = (await app.getByTestId('recovery-key').textContent())!.trim();
  expect(fs.readFileSync(file, 'utf8')).toContain(key);
  fs.rmSync(file);
  await checkScreen(app, 'recovery-key-actions');

  // The app closes before "I have stored it": the next unlock reminds, and offers a new key.
  await harness.restart();
  await new UnlockPage(app).unlock();
  await waitForScreen(app, 'recovery-key-reminder');
  await checkScreen(app, 'recovery-key-reminder');
  await app.getByLabel('Your passphrase').fill(PASSPHRASE);
  await app.getByRole('button', { name: 'Make a new recovery key' }).click();
  await waitForScreen(app, 'recovery-key');
  await expect(app.getByTestId('recovery-key')).not.toHaveText(key);
  await app.getByLabel('I have stored the recovery key somewhere safe').check();
  await app.getByRole('button', { name: 'Continue to Reciprocal' }).click();
  await waitForScreen(app, 'home');
});

test('settings: screen privacy on by default, and About says so', async ({ app }) => {
  await setUpAndOpen(app);
  await new ShellPage(app).go('Settings', 'settings');
  await expect(app.getByLabel('Hide the window from screen capture and screen sharing')).toBeChecked();
  await expect(app.getByTestId('about-screen-privacy')).toContainText('On: the window is hidden from screen capture and screen sharing');
  await app.getByRole('button', { name: 'Check the database' }).click();
  await expect(app.getByText(/Database verified/)).toBeVisible();
  await checkScreen(app, 'settings-store');
});
