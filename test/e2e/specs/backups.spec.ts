import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { test, expect, waitForScreen, checkScreen, KEY_STRETCH_TIMEOUT } from '../fixtures';
import { AppHarness } from '../harness/app-harness';
import { setUpAndOpen, ShellPage, UnlockPage, SetupPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { seedCase } from '../pages/cases-pages';
import { BACKUP_PASS, BackupSettingsPage, dispatch, RestorePage, setUpColleague, tempFolder } from '../pages/backup-pages';

const NEW_PASS = 'a new passphrase after restore';

/** A backup file made on another laptop (another core), with one partner and one case in it. */
async function backupFromAnotherLaptop(folder: string): Promise<string> {
  const other = new AppHarness();
  try {
    await setUpColleague(other, 'Sam Coordinator');
    const partner = await seedPartner(other, { name: 'Hackney Council', type: 'local_authority' });
    await seedCase(other, partner);
    other.dialogs.folderQueue.push(folder);
    await dispatch(other, 'backups.chooseFolder');
    await dispatch(other, 'backups.setPassphrase', { passphrase: BACKUP_PASS, confirmPassphrase: BACKUP_PASS });
    return (await dispatch<{ filePath: string }>(other, 'backups.runNow')).filePath;
  } finally {
    other.remove();
  }
}

test.describe('backups', () => {
  let folders: string[] = [];
  test.afterEach(() => {
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
    folders = [];
  });

  test('set a schedule, then back up now with progress; the status bar and Home show it', async ({ app, harness }) => {
    await setUpAndOpen(app);
    await expect(app.getByTestId('backup-notice')).toContainText('Backups are not set up');
    await expect(app.getByTestId('backup-status')).toContainText('No backup yet');
    await checkScreen(app, 'home-backup-warning');

    await new ShellPage(app).go('Settings', 'settings');
    const settings = new BackupSettingsPage(app, harness);
    const folder = tempFolder('reciprocal-e2e-backups-');
    folders.push(folder);
    await settings.chooseFolder(folder);
    await settings.setSchedule('Weekly', '7');
    await expect(settings.section.getByRole('status').filter({ hasText: 'Schedule saved.' })).toBeVisible();
    // Once the passphrase is set the schedule is complete, and the first backup is due at once: it starts by itself.
    await settings.setPassphrase();
    await expect(settings.section.getByTestId('backup-progress').getByRole('progressbar')).toBeVisible();
    await expect(settings.section.getByRole('button', { name: 'Backing up…' })).toBeDisabled();
    await settings.section.scrollIntoViewIfNeeded();
    await app.screenshot({ path: 'test-results/screens/backup-progress.png' });
    await expect(settings.section.getByTestId('backup-last')).toContainText('Last backup:', { timeout: 30_000 });

    // Back up now, with its progress.
    await settings.section.getByRole('button', { name: 'Back up now' }).click();
    await expect(settings.section.getByTestId('backup-progress').getByRole('progressbar')).toBeVisible();
    await expect(settings.section.getByRole('status').filter({ hasText: /Backed up and verified: reciprocal-backup-.*\.plhr\.age/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(settings.section.getByRole('cell', { name: 'Verified' })).toHaveCount(2);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.plhr.age'))).toHaveLength(2);
    await expect(app.getByTestId('backup-status')).toContainText('Last backup');
    await checkScreen(app, 'settings-backups');

    await new ShellPage(app).go('Home', 'home');
    await expect(app.getByTestId('backup-notice')).toHaveCount(0);
  });

  test('restore from a file on a fresh install; a wrong passphrase is refused first', async ({ app, harness }) => {
    const folder = tempFolder('reciprocal-e2e-restore-');
    folders.push(folder);
    const file = await backupFromAnotherLaptop(folder);

    await new SetupPage(app).open();
    await app.getByRole('button', { name: 'Restore from a backup' }).click();
    const restore = new RestorePage(app, harness);
    await restore.choose(file);
    await restore.open('not the backup passphrase');
    // Opening decrypts the whole file (age's scrypt) and checks the database inside it on the job runner: on a
    // loaded 2-core machine that takes longer than an ordinary step.
    await expect(app.getByRole('alert')).toContainText('That passphrase does not open this backup. Check it and try again. Nothing was changed.', {
      timeout: KEY_STRETCH_TIMEOUT,
    });
    await checkScreen(app, 'restore-wrong-passphrase');

    await restore.open(BACKUP_PASS);
    await expect(app.getByTestId('manifest')).toContainText('Sam Coordinator', { timeout: KEY_STRETCH_TIMEOUT });
    await expect(app.getByTestId('manifest')).toContainText(/Cases\s*1/);
    await checkScreen(app, 'restore-manifest');
    await restore.confirm(NEW_PASS);

    await new UnlockPage(app).unlock(NEW_PASS);
    await waitForScreen(app, 'home');
    await new ShellPage(app).go('Cases', 'cases');
    await expect(app.getByRole('row')).toHaveCount(2);
  });

  test('restore from the database missing screen', async ({ app, harness }) => {
    const folder = tempFolder('reciprocal-e2e-missing-');
    folders.push(folder);
    const file = await backupFromAnotherLaptop(folder);
    await setUpAndOpen(app);
    await new ShellPage(app).lockWithButton();
    // A damaged database: the file is there but is not a database any more. (A deleted file is the store's own
    // "database missing" case; its screen is being built beside this one.)
    for (const suffix of ['-wal', '-shm']) fs.rmSync(path.join(harness.dataDir, `reciprocal.db${suffix}`), { force: true });
    fs.writeFileSync(path.join(harness.dataDir, 'reciprocal.db'), randomBytes(64 * 1024));
    await new UnlockPage(app).unlock();
    await expect(app.getByRole('alert')).toContainText(/damaged/);
    await checkScreen(app, 'unlock-damaged-restore');
    await app.getByRole('button', { name: 'Restore from a backup' }).click();
    const restore = new RestorePage(app, harness);
    await restore.choose(file);
    await restore.open(BACKUP_PASS);
    await restore.confirm(NEW_PASS);
    await new UnlockPage(app).unlock(NEW_PASS);
    await waitForScreen(app, 'home');
  });

  test('open a colleague’s share read-only', async ({ app, harness }) => {
    await setUpAndOpen(app);
    await new ShellPage(app).go('Settings', 'settings');
    const shares = app.getByTestId('share-settings');
    await shares.getByRole('button', { name: 'Show my public key' }).click();
    const myKey = (await shares.getByTestId('own-key').textContent())!.trim();
    expect(myKey).toMatch(/^age1/);

    const folder = tempFolder('reciprocal-e2e-share-');
    folders.push(folder);
    const colleague = new AppHarness();
    const shareFile = path.join(folder, 'handover.plhr.age');
    try {
      await setUpColleague(colleague, 'Kim Colleague');
      const partner = await seedPartner(colleague, { name: 'Camden Council', type: 'local_authority' });
      await seedCase(colleague, partner);
      const me = await dispatch<{ id: number }>(colleague, 'backups.addContact', { name: 'Sam Coordinator', publicKey: myKey });
      colleague.dialogs.saveQueue.push(shareFile);
      await dispatch(colleague, 'backups.share', { contactIds: [me.id], includeMe: false });
    } finally {
      colleague.remove();
    }

    // Add the colleague to the address book too, to see it listed.
    await shares.getByLabel('Colleague’s name').fill('Kim Colleague');
    await shares.getByLabel('Their public key').fill('age1notakey');
    await shares.getByRole('button', { name: 'Add colleague' }).click();
    await expect(shares.getByText('That is not an age public key', { exact: false }).first()).toBeVisible();
    await checkScreen(app, 'settings-shares');

    harness.dialogs.openQueue.push(shareFile);
    await shares.getByRole('button', { name: 'Open a share made for me…' }).click();
    await waitForScreen(app, 'share-view');
    await expect(app.getByRole('heading', { level: 1 })).toHaveText('Read-only: share from Kim Colleague');
    await expect(app.getByRole('note')).toContainText('Read-only.');
    await expect(app.getByRole('cell', { name: 'Camden Council' })).toBeVisible();
    await checkScreen(app, 'share-read-only');
    await app.getByRole('button', { name: 'Close the share' }).click();
    await waitForScreen(app, 'settings');
  });
});
