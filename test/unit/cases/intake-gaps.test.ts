import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListPage } from '../../../contract/case-views';
import type { BoroughCode } from '../../../contract/boroughs';
import type { ReferralInput } from '../../../contract/cases';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aReferral } from './referral-builder';
import { aPartner, registryCalls } from '../helpers/registry-calls';

/*
 * Issue 7's last gaps, through the IPC registry: the case list says how each due date is counted, and the duplicate
 * rule holds when an applicant's identity is edited, not only at intake. Refusals leave every table as it was.
 */

let t: TestCore;
let today: string;
let landlord: number;

const { ok, refused } = registryCalls(() => t);

const STOCK: BoroughCode[] = ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'];

async function partner(name: string): Promise<number> {
  return (await ok<{ id: number }>('partners.create', aPartner(name, STOCK))).id;
}

function referral(over: { fullName?: string; dateOfBirth?: string; landlordId?: number } = {}): ReferralInput {
  const base = aReferral();
  return {
    ...base,
    applicant: { ...base.applicant, fullName: over.fullName ?? base.applicant.fullName, dateOfBirth: over.dateOfBirth ?? base.applicant.dateOfBirth },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: over.landlordId ?? landlord },
  };
}

beforeEach(async () => {
  today = '2026-03-02';
  t = createTestCore({ today: () => today });
  await setUp(t);
  landlord = await partner('Hackney Council');
});
afterEach(() => t.cleanup());

describe('the case list', () => {
  it('gives each due date its rule in words, as the case page does', async () => {
    const { id } = await ok<{ id: number }>('cases.create', referral());
    await ok('cases.transition', { id, to: 'awaiting_landlord_approval' });
    await ok('cases.transition', { id, to: 'approved' });
    const page = await ok<CaseListPage>('cases.list', {});
    const row = page.rows.find((r) => r.id === id);
    expect(row?.nextDue).toMatchObject({ kind: 'circulate', rule: "5 working days after the landlord's approval (weekends and bank holidays do not count)" });
    const detail = await ok<CaseDetail>('cases.get', { id });
    expect(row?.nextDue?.rule).toBe(detail.deadlines[0]?.rule);
  });
});

describe('duplicates on edit', () => {
  async function twoCases() {
    const first = await ok<{ id: number; reference: string }>('cases.create', referral());
    const other = await ok<{ id: number; reference: string }>('cases.create', referral({ fullName: 'Grace Mensah', dateOfBirth: '1988-02-03' }));
    return { first, other };
  }
  const edit = (id: number, r: ReferralInput, reason = 'Corrected from the Nominating Officer’s form') => ({ id, referral: r, reason });

  it('refuses an edit that makes the applicant match another open case by name and date of birth, naming that case', async () => {
    const { first, other } = await twoCases();
    const err = await refused('cases.update', edit(other.id, referral({ fullName: 'amara OKAFOR', dateOfBirth: '1991-07-14' })));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(first.reference);
    expect(err.message).toContain('the same name and date of birth');
    expect(err.fields).toMatchObject({ 'applicant.dateOfBirth': expect.stringContaining('An open case has') });
  });

  it('refuses a date of birth and home landlord that match another open case', async () => {
    const { first, other } = await twoCases();
    const err = await refused('cases.update', edit(other.id, referral({ fullName: 'Grace Mensah', dateOfBirth: '1991-07-14' })));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`${first.reference}`);
    expect(err.message).toContain('the same date of birth and home landlord');
  });

  it('saves once the coordinator confirms it is someone else, with the confirmation in the audit reason', async () => {
    const { first, other } = await twoCases();
    const changed = { ...referral({ fullName: 'Grace Mensah', dateOfBirth: '1991-07-14' }), notDuplicateOf: [first.id] };
    const after = await ok<CaseDetail>('cases.update', edit(other.id, changed));
    expect(after.referral.applicant.dateOfBirth).toBe('1991-07-14');
    const audit = await ok<{ entries: { action: string; reason: string | null }[] }>('audit.list', { caseId: other.id });
    const updated = audit.entries.find((e) => e.action === 'case.updated');
    expect(updated?.reason).toContain(`Confirmed not the same person as ${first.reference}`);
  });

  it('does not count the case itself, and lets edits that leave the identity alone through', async () => {
    const { first, other } = await twoCases();
    // The first case's own name and date of birth are not a duplicate of itself.
    const self = referral();
    await ok('cases.update', edit(first.id, { ...self, applicant: { ...self.applicant, phone: '07700 900456' } }));
    const detail = await ok<CaseDetail>('cases.get', { id: first.id });
    expect(detail.referral.applicant.phone).toBe('07700 900456');
    // Nor is an edit that changes no identity field checked again (the other case's name and date are its own).
    const mine = referral({ fullName: 'Grace Mensah', dateOfBirth: '1988-02-03' });
    await ok('cases.update', edit(other.id, { ...mine, applicant: { ...mine.applicant, email: 'grace@example.org' } }));
  });
});
