import { expect, type Locator, type Page } from '@playwright/test';
import { waitForScreen } from '../fixtures';
import type { AppHarness } from '../harness/app-harness';
import type { PartnerInput } from '../../../contract/partners';

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

/** Adds a partner through the real handler, as the app would: for tests that need one already there. */
export async function seedPartner(harness: AppHarness, partner: Partial<PartnerInput> & { name: string }): Promise<number> {
  const result = await harness.app.registry.dispatch(
    'partners.create',
    {
      type: 'housing_association',
      status: 'active',
      statusChangedOn: '2020-04-01',
      joinedOn: '2020-04-01',
      stockBoroughs: [],
      approvalRouteNotes: '',
      contacts: [{ kind: 'named_lead', name: 'Pat Lead', role: 'Lettings manager', phone: '020 7946 0100', email: 'pat@example.org.uk', secureEmail: '' }],
      ...partner,
    },
    SENDER,
  );
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { id: number }).id;
}

export class PartnersListPage {
  constructor(private readonly page: Page) {}

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search', { exact: true }).fill(text);
  }

  rows(): Locator {
    return this.page.locator('.partners-table tbody tr');
  }

  async expectNames(names: string[]): Promise<void> {
    await expect(this.rows().locator('td:first-child')).toHaveText(names);
  }

  async checkRegistered(name: string): Promise<Locator> {
    const panel = this.page.getByTestId('registered-check');
    await panel.getByLabel("Landlord's name").fill(name);
    await panel.getByRole('button', { name: 'Check' }).click();
    const answer = panel.locator('[data-registration]');
    await expect(answer).toBeVisible();
    return answer;
  }
}

export class PartnerFormPage {
  constructor(private readonly page: Page) {}

  map(): Locator {
    return this.page.getByRole('group', { name: 'Boroughs where it holds stock: map' });
  }

  /** Clicks the borough where it is drawn. */
  async clickBorough(name: string): Promise<void> {
    const shape = this.map().getByRole('checkbox', { name, exact: true });
    await clickShape(this.page, shape);
    await expect(shape).toHaveAttribute('aria-checked', 'true');
  }

  async fillPartner(name: string, type: 'Local authority' | 'Housing association (registered provider)'): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Name', exact: true }).first().fill(name);
    await this.page.getByRole('radio', { name: type }).check();
  }

  contact(index: number): Locator {
    return this.page.locator(`[data-contact-index="${index}"]`);
  }

  async fillContact(index: number, c: { kind?: string; name: string; role?: string; phone?: string; email?: string; secureEmail?: string }): Promise<void> {
    const card = this.contact(index);
    if (c.kind) await card.getByLabel('Kind').selectOption({ label: c.kind });
    await card.getByLabel('Name').fill(c.name);
    if (c.role) await card.getByLabel('Role').fill(c.role);
    if (c.phone) await card.getByLabel('Phone').fill(c.phone);
    if (c.email) await card.getByLabel('Email', { exact: true }).fill(c.email);
    if (c.secureEmail) await card.getByLabel('Secure email').fill(c.secureEmail);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Add partner|Save changes)$/ }).click();
  }
}

export async function openPartner(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await waitForScreen(page, 'partner');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/**
 * Clicks a borough's shape at its label, which sits on the shape's centre (the middle of its bounding box can fall
 * outside a concave borough). Playwright still checks that the shape itself receives the click.
 */
export async function clickShape(page: Page, shape: Locator): Promise<void> {
  await shape.scrollIntoViewIfNeeded();
  const code = await shape.getAttribute('data-borough');
  const label = (await page.locator(`[data-label-for="${code}"]`).first().boundingBox())!;
  const box = (await shape.boundingBox())!;
  await shape.click({ position: { x: label.x + label.width / 2 - box.x, y: label.y + label.height / 2 - box.y } });
}
