import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { AppHarness } from '../harness/app-harness';
import { KEY_STRETCH_TIMEOUT, waitForScreen } from '../fixtures';

export const BACKUP_PASS = 'a separate passphrase for backups';
const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

export async function dispatch<T>(harness: AppHarness, channel: string, payload: unknown = {}): Promise<T> {
  const result = await harness.app.registry.dispatch(channel, payload, SENDER);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A colleague's laptop: another app core, set up and driven through its registry. */
export async function setUpColleague(harness: AppHarness, name: string): Promise<void> {
  await dispatch(harness, 'vault.create', { coordinatorName: name, passphrase: 'colleague passphrase here', confirmPassphrase: 'colleague passphrase here' });
}

/** Settings → Backups and Shares. */
export class BackupSettingsPage {
  constructor(
    private readonly page: Page,
    private readonly harness: AppHarness,
  ) {}

  get section() {
    return this.page.getByTestId('backup-settings');
  }

  async chooseFolder(folder: string): Promise<void> {
    this.harness.dialogs.folderQueue.push(folder);
    await this.section.getByRole('button', { name: 'Choose folder…' }).click();
    await expect(this.section.getByText(folder)).toBeVisible();
  }

  async setPassphrase(passphrase = BACKUP_PASS): Promise<void> {
    await this.section.getByLabel('Backup passphrase', { exact: true }).fill(passphrase);
    await this.section.getByLabel('Backup passphrase again').fill(passphrase);
    await this.section.getByRole('button', { name: 'Save backup passphrase' }).click();
    await expect(this.section.getByRole('status').filter({ hasText: 'Backup passphrase saved' })).toBeVisible();
  }

  async setSchedule(cadence: 'Daily' | 'Weekly', keep: string): Promise<void> {
    await this.section.getByLabel('How often').selectOption({ label: cadence });
    await this.section.getByLabel('Backups to keep').fill(keep);
    await this.section.getByRole('button', { name: 'Save schedule' }).click();
  }
}

/** The restore flow, from whichever screen opened it. */
export class RestorePage {
  constructor(
    private readonly page: Page,
    private readonly harness: AppHarness,
  ) {}

  async choose(file: string): Promise<void> {
    await waitForScreen(this.page, 'restore');
    this.harness.dialogs.openQueue.push(file);
    await this.page.getByRole('button', { name: 'Choose the backup file…' }).click();
    await expect(this.page.getByText(path.basename(file))).toBeVisible();
  }

  async open(passphrase: string): Promise<void> {
    await this.page.getByLabel('Backup passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Open the backup' }).click();
  }

  async confirm(passphrase: string): Promise<string> {
    await this.page.getByLabel('New passphrase for the restored data', { exact: true }).fill(passphrase);
    await this.page.getByLabel('New passphrase for the restored data again').fill(passphrase);
    await this.page.getByLabel('Replace the data on this computer with this backup').check();
    await this.page.getByRole('button', { name: 'Restore this backup' }).click();
    // Staging decrypts, checks and re-keys the database (a key stretch) on the job runner.
    await waitForScreen(this.page, 'restore-done', { timeout: KEY_STRETCH_TIMEOUT });
    const key = (await this.page.getByTestId('recovery-key').textContent())!.trim();
    await this.page.getByLabel('I have stored the recovery key somewhere safe').check();
    await this.page.getByRole('button', { name: 'Continue to unlock' }).click();
    return key;
  }
}
