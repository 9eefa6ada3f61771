import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BoroughCode } from '../../../contract/boroughs';
import type { ReferralInput } from '../../../contract/cases';
import type { ContactInput, PartnerStatus } from '../../../contract/partners';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

export const TODAY = '2026-03-10';

/** The real core, set up, with helpers that go through the registry exactly as the renderer does. */
export interface CirculationWorld {
  t: TestCore;
  outside: string;
  ok<T>(channel: string, payload?: unknown): Promise<T>;
  refused(channel: string, payload?: unknown): Promise<{ code: string; message: string }>;
  partner(name: string, boroughs: BoroughCode[], options?: { status?: PartnerStatus; contacts?: ContactInput[] }): Promise<number>;
  approvedCase(over?: (landlordId: number) => Partial<ReferralInput>): Promise<number>;
  landlordId: number;
  count(table: string): number;
  cleanup(): void;
}

export const lettings = (name: string, email: string, secureEmail = ''): ContactInput => ({
  kind: 'lettings',
  name,
  role: 'Lettings Officer',
  phone: '020 7946 0200',
  email,
  secureEmail,
});
const lead = (name: string): ContactInput => ({
  kind: 'named_lead',
  name,
  role: 'Named Lead',
  phone: '020 7946 0100',
  email: `${name.split(' ')[0]?.toLowerCase()}@example.gov.uk`,
});

export async function circulationWorld(): Promise<CirculationWorld> {
  const t = createTestCore({ today: () => TODAY });
  await setUp(t);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-circulation-out-'));
  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const res = await t.call(channel, payload);
    if (!res.ok) throw new Error(`${channel} failed: ${res.error?.code} ${res.error?.message}`);
    return res.value as T;
  };
  const refused = async (channel: string, payload: unknown = {}) => {
    const res = await t.call(channel, payload);
    if (res.ok) throw new Error(`${channel} should have been refused`);
    return res.error!;
  };
  const partner: CirculationWorld['partner'] = async (name, boroughs, options = {}) => {
    const created = await ok<{ id: number }>('partners.create', {
      name,
      type: 'housing_association',
      status: options.status ?? 'active',
      statusChangedOn: '2024-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: boroughs,
      approvalRouteNotes: '',
      contacts: options.contacts ?? [lead(`${name.split(' ')[0]} Lead`)],
    });
    return created.id;
  };
  // The applicant's landlord: holds stock only in the borough they are leaving.
  const landlordId = await partner('Hackney Council', ['E09000012']);
  // Each case is a different person: the intake rules refuse a second open case with the same name and date of birth.
  let applicants = 0;
  const approvedCase: CirculationWorld['approvedCase'] = async (over) => {
    const created = await ok<{ id: number }>('cases.create', {
      ...aReferral({ applicant: aDistinctApplicant(applicants++), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlordId } }),
      ...over?.(landlordId),
    });
    await ok('cases.transition', { id: created.id, to: 'awaiting_landlord_approval' });
    await ok('cases.transition', { id: created.id, to: 'approved' });
    return created.id;
  };
  return {
    t,
    outside,
    ok,
    refused,
    partner,
    approvedCase,
    landlordId,
    count: (table) => t.core.services.db().prepare(`SELECT count(*) FROM ${table}`, { pluck: true }).get() as number,
    cleanup() {
      t.cleanup();
      fs.rmSync(outside, { recursive: true, force: true });
    },
  };
}
