import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Time allowed for a report to be worked out. Each one runs in a job worker (off main's event loop), which the
 * harness starts from the TypeScript source: on a shared, busy machine that alone can pass ten seconds.
 */
export const REPORT_TIMEOUT = 45_000;

/** The Reports screen, as a coordinator uses it. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  section(id: string): Locator {
    return this.page.locator(`[data-report="${id}"]`);
  }

  row(tableId: string, label: string): Locator {
    return this.page.locator(`[data-report-table="${tableId}"] tr`).filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  /** Chooses a year and waits until the report shown is that year's (the last one stays on screen meanwhile). */
  async chooseYear(label: string): Promise<void> {
    await this.page.getByLabel('Financial year').selectOption({ label });
    await expect(this.page.locator('.report')).toContainText(label, { timeout: REPORT_TIMEOUT });
    await expect(this.page.locator('.report[data-stale]')).toHaveCount(0, { timeout: REPORT_TIMEOUT });
  }

  /** Switches to publishable numbers and waits until the report shown is the publishable one. */
  async publishable(): Promise<void> {
    await this.page.getByRole('radio', { name: /Publishable/ }).check();
    await expect(this.page.locator('.report[data-mode="publishable"]:not([data-stale])')).toBeVisible({ timeout: REPORT_TIMEOUT });
  }

  async exportAs(format: 'PDF' | 'CSV'): Promise<void> {
    await this.page.getByRole('button', { name: `Export ${format}` }).click();
  }
}
