import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { waitForScreen } from '../fixtures';
import type { AppHarness } from '../harness/app-harness';
import type { ReferralInput } from '../../../contract/cases';
import type { TransitionRequest } from '../../../contract/case-channels';
import { addDays, todayIso } from '../../../contract/calendar-date';

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

async function dispatch<T>(harness: AppHarness, channel: string, payload: unknown): Promise<T> {
  const result = await harness.app.registry.dispatch(channel, payload, SENDER);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** How many default applicants each harness has seeded, so that each is a different person. */
const seededApplicants = new WeakMap<AppHarness, number>();

/**
 * The date of birth of a harness's nth default applicant: the first is 02/05/1988, later ones a day apart. Main
 * refuses a second open case with the same date of birth and name (or home landlord) unless confirmed as someone
 * else, so seeds that are meant to be different people must have different dates of birth.
 */
export function seededDateOfBirth(n: number): string {
  return addDays('1988-05-02', n);
}

/** A valid referral through the real handler, for tests that need cases already there. */
export async function seedCase(harness: AppHarness, landlordId: number, over: Partial<ReferralInput> = {}): Promise<{ id: number; reference: string }> {
  const n = seededApplicants.get(harness) ?? 0;
  if (!over.applicant) seededApplicants.set(harness, n + 1);
  return dispatch(harness, 'cases.create', {
    receivedOn: addDays(todayIso(), -20),
    referringAgency: { name: 'Solace Women’s Aid', kind: 'domestic_abuse_service' },
    nominatingOfficers: [
      { name: 'Priya Shah', organisation: 'Solace Women’s Aid', role: 'IDVA', phone: '020 7946 0123', email: 'priya@example.org', secureEmail: '' },
    ],
    applicant: {
      fullName: 'Grace Mensah',
      dateOfBirth: seededDateOfBirth(n),
      phone: '',
      email: '',
      safeContactNotes: '',
      address: { line1: '4 Example Court', line2: '', town: 'London', postcode: 'N1 1AA' },
    },
    household: [{ kind: 'child', yearOfBirth: 2019, sexOrGender: 'female' }],
    risk: { categories: ['domestic_abuse'], summary: 'Former partner found the address.', unsafeBoroughs: [], maracReference: '' },
    currentHome: {
      homeLandlordPartnerId: landlordId,
      borough: 'E09000019',
      bedrooms: 2,
      propertyType: 'flat',
      floor: 2,
      tenancyType: 'secure',
      overcrowded: false,
      inTemporaryAccommodation: false,
    },
    needs: { access: 'none', medicalNeeds: '', hasPets: false, wouldConsiderRehoming: null },
    requestedBoroughs: ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'],
    requestedBoroughsReason: '',
    consent: { given: true, date: addDays(todayIso(), -21), covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
    housingMoves: 'no',
    equality: { optedIn: false },
    overrides: [],
    ...over,
  });
}

export async function seedTransition(harness: AppHarness, req: TransitionRequest): Promise<void> {
  await dispatch(harness, 'cases.transition', req);
}

/**
 * Sends the request as the case's Circulation panel does (issue 9: the only way to 'Circulated'), the save dialog
 * answered with a file in a temporary folder. Needs an active partner with stock in a requested borough.
 */
export async function seedCirculation(harness: AppHarness, caseId: number, audience?: 'new_partners' | 'everyone'): Promise<void> {
  // A field sent as undefined is refused (issue 8), so the audience is named only when chosen.
  const chosen = audience === undefined ? {} : { audience };
  const plan = await dispatch<{ planKey: string; blockedBecause: string | null }>(harness, 'circulation.plan', { caseId, ...chosen });
  if (plan.blockedBecause !== null) throw new Error(`The case cannot be circulated: ${plan.blockedBecause}`);
  harness.dialogs.saveQueue.push(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-e2e-pack-')), 'pack.pdf'));
  await dispatch(harness, 'circulation.send', { caseId, ...chosen, encrypt: false, planKey: plan.planKey });
}

/** Referral received → sent for approval → approved → circulated (with its pack recorded). */
export async function seedCirculatedCase(harness: AppHarness, caseId: number): Promise<void> {
  for (const to of ['awaiting_landlord_approval', 'approved'] as const) await seedTransition(harness, { id: caseId, to });
  await seedCirculation(harness, caseId);
}

export async function caseCount(harness: AppHarness): Promise<number> {
  return (await dispatch<{ total: number }>(harness, 'cases.list', { includeClosed: true })).total;
}

export class ReferralFormPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'New referral' }).first().click();
    await waitForScreen(this.page, 'referral');
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record referral' }).click();
  }

  private group(name: string) {
    return this.page.getByRole('group', { name, exact: true });
  }

  /** Fills every required part with a realistic referral. */
  async fillValid(landlord: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('Referring agency', { exact: true }).fill('Hackney Domestic Abuse Service');
    await p.getByLabel('Type of agency').selectOption({ label: 'Domestic abuse or VAWG service' });
    await p.getByLabel('Name (officer 1)').fill('Priya Shah');
    await p.getByLabel('Organisation (officer 1)').fill('Hackney Domestic Abuse Service');
    await p.getByLabel('Role (officer 1)').fill('IDVA');
    await p.getByLabel('Phone (officer 1)').fill('020 7946 0123');
    await p.getByLabel('Email (officer 1)').fill('priya.shah@example.org');

    await p.getByLabel('Full name').fill('Amara Okafor');
    await p.getByLabel('Date of birth').fill('14/07/1991');
    await p.getByLabel('Phone (optional)').fill('07700 900123');
    await p.getByLabel('Address line 1').fill('Flat 12, Example House');
    await p.getByLabel('Postcode').fill('E8 1AA');

    await p.getByRole('button', { name: 'Add a child' }).click();
    await p.getByLabel('Year of birth (member 1)').fill('2019');
    await p.getByLabel('Sex or gender (member 1)').selectOption({ label: 'Female' });

    await this.group('Risk categories').getByLabel('Domestic violence and abuse').check();
    await p.getByLabel('Summary of the risk').fill('Former partner has found the address and has been seen outside the block.');
    await this.group('Boroughs where the applicant is unsafe').getByLabel('Haringey').check();

    await this.group('Is the household in temporary accommodation?').getByLabel('No').check();
    await p.getByLabel('Home landlord').selectOption({ label: landlord });
    await p.getByLabel('Borough of the current home').selectOption({ label: 'Hackney' });
    await p.getByLabel('Bedrooms').fill('2');
    await p.getByLabel('Type of property').selectOption({ label: 'Flat' });
    await p.getByLabel('Floor').fill('3');
    await p.getByLabel('Type of tenancy').selectOption({ label: 'Secure' });
    await this.group('Is the home overcrowded?').getByLabel('No').check();
    await this.group('Does the household have pets?').getByLabel('No').check();

    for (const code of ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009']) await p.locator(`[data-borough-option="${code}"]`).check();

    await p.getByLabel('The applicant has given consent').check();
    // Nothing is ticked for the coordinator: consent is given for each step.
    const covers = this.group('What the consent covers');
    await covers.getByLabel('Sharing the referral with their landlord for approval').check();
    await covers.getByLabel('Circulating the anonymised property request to partner landlords').check();
    await p.getByLabel('Is the applicant also registered with Housing Moves?').selectOption({ label: 'No' });
    await this.group('Does the applicant want to answer the equality monitoring questions?').getByLabel('No').check();
  }
}

export class CasePage {
  constructor(private readonly page: Page) {}

  async expectState(label: string): Promise<void> {
    await expect(this.page.locator('.case-head .badge').first()).toHaveText(label);
  }

  /** Clicks a next-step button and confirms its dialog, with a reason if given. */
  async move(action: string, options: { reason?: string; closureReason?: string; date?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: action, exact: true }).click();
    const dialog = this.page.locator('dialog[data-dialog="transition"]');
    await expect(dialog).toBeVisible();
    if (options.closureReason) await dialog.getByLabel('Why is the case closing?').selectOption({ label: options.closureReason });
    if (options.reason) await dialog.getByRole('textbox').first().fill(options.reason);
    if (options.date) await dialog.getByLabel(/^Date/).fill(options.date);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
