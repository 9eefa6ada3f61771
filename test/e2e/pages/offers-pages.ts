import { expect, type Page } from '@playwright/test';
import { waitForScreen } from '../fixtures';
import type { AppHarness } from '../harness/app-harness';

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

export async function dispatch<T>(harness: AppHarness, channel: string, payload: unknown): Promise<T> {
  const result = await harness.app.registry.dispatch(channel, payload, SENDER);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** The property form, filled as a coordinator copies it from a partner's email. */
export class PropertyFormPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Record a property' }).click();
    await waitForScreen(this.page, 'property-form');
  }

  async fill(p: { partner?: string; borough: string; bedrooms: string; floor?: string; rent: string; stepFree?: boolean }): Promise<void> {
    const page = this.page;
    if (p.partner) await page.getByLabel('Partner offering the property').selectOption({ label: p.partner });
    await page.getByLabel('Borough').selectOption({ label: p.borough });
    await page.getByLabel('Bedrooms').fill(p.bedrooms);
    await page.getByLabel('Floor').fill(p.floor ?? '2');
    if (p.stepFree) await page.getByLabel('Step-free', { exact: true }).check();
    await page.getByLabel('Weekly rent in pounds').fill(p.rent);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record property and see matches' }).click();
    await waitForScreen(this.page, 'matches');
  }
}

/** The offers section of the case page, and its dialogs. */
export class CaseOffersPage {
  constructor(private readonly page: Page) {}

  section() {
    return this.page.getByTestId('case-offers');
  }

  async act(button: string, fill: (dialog: ReturnType<Page['locator']>) => Promise<void> = async () => {}, submit = 'Record'): Promise<void> {
    await this.section().getByRole('button', { name: button, exact: true }).first().click();
    const dialog = this.page.locator('dialog[open]');
    await expect(dialog).toBeVisible();
    await fill(dialog);
    await dialog.getByRole('button', { name: submit, exact: true }).click();
    await expect(dialog).toBeHidden();
    await waitForScreen(this.page, 'case');
  }
}
