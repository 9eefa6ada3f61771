import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListPage } from '../../../contract/case-views';
import type { Partner } from '../../../contract/partners';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aPartnerInput } from '../directory/builders';
import { aDistinctApplicant, aReferral } from './referral-builder';

// Pages in the second half of the list are read from the end (main/cases/case-list.ts): every page must still be
// exactly the slice of the whole list, in every sort order, ties included.

let t: TestCore;
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
  return res.value as T;
};

beforeAll(async () => {
  t = createTestCore({ today: () => '2026-03-02' });
  await setUp(t);
  const landlords = [
    await ok<Partner>('partners.create', aPartnerInput({ name: 'London Borough of Hackney' })),
    await ok<Partner>('partners.create', aPartnerInput({ name: 'Peabody', type: 'housing_association' })),
  ];
  for (let i = 0; i < 23; i++) {
    // Distinct dates of birth: same-named applicants are still different people, not possible duplicates.
    const r = aReferral({ receivedOn: `2026-02-${String(1 + (i % 5)).padStart(2, '0')}`, applicant: aDistinctApplicant(i, { fullName: `Name ${i % 4}` }) });
    const created = await ok<{ id: number }>('cases.create', { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: landlords[i % 2]!.id } });
    // Some cases with no deadline at all, which sort last either way.
    if (i % 3 === 1) await ok('cases.transition', { id: created.id, to: 'awaiting_landlord_approval' });
    if (i % 6 === 0) {
      await ok('cases.transition', { id: created.id, to: 'withdrawn', reason: 'No longer needs to move' });
      await ok('cases.transition', { id: created.id, to: 'closed', closureReason: 'withdrawn' });
    }
  }
});
afterAll(() => t.cleanup());

describe('cases.list paging', () => {
  for (const sort of ['nextDueOn', 'reference', 'applicant', 'landlord', 'receivedOn', 'state'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages through ${sort} ${direction} exactly as the whole list`, async () => {
        const query = { includeClosed: true, sort, direction };
        const whole = await ok<CaseListPage>('cases.list', { ...query, limit: 200 });
        expect(whole.total).toBe(23);
        expect(whole.rows.filter((r) => r.nextDue === null).length).toBeGreaterThan(0);
        expect(whole.rows.filter((r) => r.nextDue !== null).length).toBeGreaterThan(0);
        const paged: number[] = [];
        for (let offset = 0; offset < whole.total; offset += 5) {
          const page = await ok<CaseListPage>('cases.list', { ...query, offset, limit: 5 });
          expect(page.total).toBe(23);
          paged.push(...page.rows.map((r) => r.id));
        }
        expect(paged).toEqual(whole.rows.map((r) => r.id));
      });
    }
  }
});

describe('cases.list keyset paging', () => {
  // The renderer asks for the next page with the last row it has (`after`): every page must still be the slice of
  // the whole list, ties included, in every sort and both directions (the latest deadline first pages by offset).
  for (const sort of ['nextDueOn', 'reference', 'applicant', 'landlord', 'borough', 'receivedOn', 'state', 'updatedAt'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages on from the last row, ${sort} ${direction}, exactly as the whole list`, async () => {
        const query = { includeClosed: true, sort, direction };
        const whole = await ok<CaseListPage>('cases.list', { ...query, limit: 200 });
        const paged: number[] = [];
        let after: number | undefined;
        for (let offset = 0; offset < whole.total; offset += 4) {
          const page = await ok<CaseListPage>('cases.list', { ...query, offset, limit: 4, ...(after === undefined ? {} : { after }) });
          expect(page.offset).toBe(offset);
          paged.push(...page.rows.map((r) => r.id));
          after = page.rows.at(-1)?.id;
        }
        expect(paged).toEqual(whole.rows.map((r) => r.id));
      });
    }
  }

  it('refuses a page token that is not a case id, and changes nothing', async () => {
    for (const after of [0, -1, 1.5, '3']) expect((await t.call('cases.list', { after })).ok).toBe(false);
  });
});

describe('cases.list count', () => {
  it('is never stale: a case added or closed between two pages changes the total', async () => {
    const before = await ok<CaseListPage>('cases.list', { offset: 0, limit: 5 });
    const again = await ok<CaseListPage>('cases.list', { offset: 5, limit: 5 });
    expect(again.total).toBe(before.total);
    const r = aReferral();
    const [landlord] = await ok<Partner[]>('partners.list', {});
    const created = await ok<{ id: number }>('cases.create', { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: landlord!.id } });
    expect((await ok<CaseListPage>('cases.list', { offset: 5, limit: 5 })).total).toBe(before.total + 1);
    await ok('cases.transition', { id: created.id, to: 'withdrawn', reason: 'No longer needs to move' });
    await ok('cases.transition', { id: created.id, to: 'closed', closureReason: 'withdrawn' });
    expect((await ok<CaseListPage>('cases.list', { offset: 0, limit: 5 })).total).toBe(before.total);
  });
});
