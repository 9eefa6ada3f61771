import type { Locator, Page } from '@playwright/test';

/** The Reports screen, as a coordinator uses it. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  section(id: string): Locator {
    return this.page.locator(`[data-report="${id}"]`);
  }

  row(tableId: string, label: string): Locator {
    return this.page.locator(`[data-report-table="${tableId}"] tr`).filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  async chooseYear(label: string): Promise<void> {
    await this.page.getByLabel('Financial year').selectOption({ label });
  }

  async publishable(): Promise<void> {
    await this.page.getByRole('radio', { name: /Publishable/ }).check();
  }

  async exportAs(format: 'PDF' | 'CSV'): Promise<void> {
    await this.page.getByRole('button', { name: `Export ${format}` }).click();
  }
}
