import { expect, type Page } from '@playwright/test';
import { KEY_STRETCH_TIMEOUT, waitForScreen } from '../fixtures';

export const PASSPHRASE = 'correct horse battery staple';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await waitForScreen(this.page, 'setup');
  }

  async fill(name: string, passphrase: string, confirm = passphrase): Promise<void> {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Passphrase again').fill(confirm);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create encrypted database' }).click();
  }

  /** Completes first run and returns the recovery key shown once. */
  async complete(name = 'Sam Coordinator', passphrase = PASSPHRASE): Promise<string> {
    await this.open();
    await this.fill(name, passphrase);
    await this.submit();
    await waitForScreen(this.page, 'recovery-key', { timeout: KEY_STRETCH_TIMEOUT });
    const key = (await this.page.getByTestId('recovery-key').textContent())!.trim();
    await this.page.getByLabel('I have stored the recovery key somewhere safe').check();
    await this.page.getByRole('button', { name: 'Continue to Reciprocal' }).click();
    await waitForScreen(this.page, 'home');
    return key;
  }
}

export class UnlockPage {
  constructor(private readonly page: Page) {}

  async expectShown(): Promise<void> {
    await waitForScreen(this.page, 'unlock');
  }

  async unlock(passphrase = PASSPHRASE): Promise<void> {
    await this.expectShown();
    await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(text);
  }

  async unlockWithRecoveryKey(key: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Unlock with the recovery key' }).click();
    await waitForScreen(this.page, 'recovery-unlock');
    await this.page.getByLabel('Recovery key').fill(key);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }
}

export class ShellPage {
  constructor(private readonly page: Page) {}

  async go(label: string, screen: string, options: { timeout?: number } = {}): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
    await waitForScreen(this.page, screen, options);
  }

  async lockWithButton(): Promise<void> {
    await this.page.getByRole('button', { name: /Lock now/ }).click();
    await waitForScreen(this.page, 'unlock');
  }
}

/** First run plus unlock, for tests of later screens: returns with Home showing. */
export async function setUpAndOpen(page: Page): Promise<void> {
  await new SetupPage(page).complete();
}
