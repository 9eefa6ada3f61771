import { expect, type Page } from '@playwright/test';
import { waitForScreen } from '../fixtures';
import type { AppHarness } from '../harness/app-harness';
import { seedCase, seedCirculatedCase } from './cases-pages';
import { dispatch } from './offers-pages';
import { todayIso } from '../../../contract/calendar-date';

/** A whole reciprocal move out of the home landlord's stock into a home of the receiving landlord, seeded through main. */
export async function seedMove(harness: AppHarness, homeId: number, receivingId: number, borough: string): Promise<{ id: number; reference: string }> {
  const c = await seedCase(harness, homeId);
  await seedCirculatedCase(harness, c.id);
  const property = await dispatch<{ id: number }>(harness, 'properties.create', {
    partnerId: receivingId,
    borough,
    bedrooms: 2,
    propertyType: 'flat',
    floor: 1,
    hasLift: true,
    access: 'none',
    petsAllowed: false,
    weeklyRentPence: 12000,
    tenancyType: 'secure',
    availableFrom: todayIso(),
    notes: '',
  });
  const offer = await dispatch<{ id: number }>(harness, 'offers.make', { propertyId: property.id, caseId: c.id, offeredOn: todayIso() });
  await dispatch(harness, 'offers.accept', { offerId: offer.id, decidedOn: todayIso() });
  await dispatch(harness, 'offers.completeMove', { caseId: c.id, route: 'reciprocal', tenancyStartOn: todayIso(), adults: 1, children: 1 });
  return c;
}

/** The ledger table and a partner's statement. */
export class LedgerPage {
  constructor(private readonly page: Page) {}

  row(name: string) {
    return this.page
      .getByTestId('ledger-table')
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  async openStatement(name: string): Promise<void> {
    await this.page.getByTestId('ledger-table').getByRole('link', { name }).click();
    await waitForScreen(this.page, 'ledger-statement');
  }

  async exportStatement(harness: AppHarness, format: 'PDF' | 'CSV', file: string): Promise<void> {
    harness.dialogs.saveQueue.push(file);
    await this.page.getByRole('button', { name: `Export ${format}` }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'SHA-256 of the lines' })).toBeVisible();
  }
}
