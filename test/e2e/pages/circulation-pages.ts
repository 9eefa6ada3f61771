import { expect, type Page } from '@playwright/test';
import type { AppHarness } from '../harness/app-harness';
import { waitForScreen } from '../fixtures';
import { seedCase, seedTransition } from './cases-pages';
import { seedPartner } from './partners-pages';
import type { ReferralInput } from '../../../contract/cases';

/** An approved case, ready to circulate, through the real handlers. */
export async function seedApprovedCase(harness: AppHarness, landlordId: number, over: Partial<ReferralInput> = {}): Promise<{ id: number; reference: string }> {
  const c = await seedCase(harness, landlordId, over);
  for (const to of ['awaiting_landlord_approval', 'approved'] as const) await seedTransition(harness, { id: c.id, to });
  return c;
}

/** The landlord of the seeded cases, and two partners with stock in the requested boroughs. */
export async function seedDirectory(harness: AppHarness): Promise<{ landlord: number; peabody: number; clarion: number }> {
  const landlord = await seedPartner(harness, { name: 'Islington Council', type: 'local_authority', stockBoroughs: ['E09000019'] });
  const peabody = await seedPartner(harness, {
    name: 'Peabody',
    stockBoroughs: ['E09000007'],
    contacts: [
      { kind: 'named_lead', name: 'Pat Lead', role: 'Named Lead', phone: '020 7946 0100', email: 'pat@peabody.example.org', secureEmail: '' },
      {
        kind: 'lettings',
        name: 'Lee Lettings',
        role: 'Lettings Officer',
        phone: '020 7946 0101',
        email: 'lee@peabody.example.org',
        secureEmail: 'lee@peabody.example.org.cjsm.net',
      },
    ],
  });
  const clarion = await seedPartner(harness, { name: 'Clarion Housing', stockBoroughs: ['E09000003'] });
  await seedPartner(harness, { name: 'Paused Homes', status: 'suspended', stockBoroughs: ['E09000007'] });
  return { landlord, peabody, clarion };
}

export class CirculationPanel {
  constructor(private readonly page: Page) {}

  get panel() {
    return this.page.locator('.circulation-panel');
  }

  async openCase(id: number): Promise<void> {
    await this.page.goto(`${new URL(this.page.url()).origin}/index.html#/cases/${id}`);
    await waitForScreen(this.page, 'case');
  }

  async preview(): Promise<void> {
    await this.panel.getByRole('button', { name: /Preview (the pack|again)/ }).click();
    await expect(this.page.locator('figure.pack-preview[data-preview="drawn"]')).toBeVisible();
  }

  async send(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Save the pack and mark it sent' }).click();
    await expect(this.page.getByTestId('circulation-sent')).toBeVisible();
  }

  recipientRow(partner: string) {
    return this.panel.getByRole('table', { name: 'Partners who will receive the request' }).getByRole('row').filter({ hasText: partner });
  }
}
