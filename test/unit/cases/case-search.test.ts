import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseListPage } from '../../../contract/case-views';
import type { Partner } from '../../../contract/partners';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { tableSnapshot } from '../helpers/table-snapshot';
import { aPartnerInput } from '../directory/builders';
import { aDistinctApplicant, aReferral } from './referral-builder';

// Finding a case, and what the list shows of the applicant: through the IPC registry, as the Cases screen asks.

let t: TestCore;
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
  return res.value as T;
};
const find = async (search: string) => (await ok<CaseListPage>('cases.list', { search, includeClosed: true })).rows;

beforeEach(async () => {
  t = createTestCore({ today: () => '2026-03-02' });
  await setUp(t);
  const landlord = await ok<Partner>('partners.create', aPartnerInput({ name: 'London Borough of Hackney', stockBoroughs: ['E09000012'] }));
  for (const [n, fullName] of ['Siobhán O’Brien', 'Amara Okafor', 'Jean-Luc Smith'].entries()) {
    const r = aReferral({ applicant: aDistinctApplicant(n, { fullName }) });
    await ok('cases.create', { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: landlord.id } });
  }
});
afterEach(() => t.cleanup());

describe('cases.list search', () => {
  it("treats ', ’, hyphens, accents and case alike, and finds names in either order", async () => {
    for (const typed of ['obrien', "o'brien", 'O’Brien', 'OBRIEN', 'siobhan', 'brien siob']) {
      expect(
        (await find(typed)).map((r) => r.applicantInitials),
        typed,
      ).toEqual(['S. O.']);
    }
    expect((await find('okafor amara')).map((r) => r.applicantInitials)).toEqual(['A. O.']);
    for (const typed of ['jean-luc', 'jean luc', 'jeanluc', 'smith jean']) {
      expect(
        (await find(typed)).map((r) => r.applicantInitials),
        typed,
      ).toEqual(['J. L. S.']);
    }
    expect(await find('okafor zed')).toEqual([]);
    // A reference, whole or in part, still finds its case.
    expect((await find('PLHR-2026-0002')).map((r) => r.applicantInitials)).toEqual(['A. O.']);
    expect((await find('0003')).map((r) => r.applicantInitials)).toEqual(['J. L. S.']);
    // Query syntax typed by a coordinator is text, not FTS operators.
    expect(await find('"okafor" OR *')).toEqual([]);
    expect(await find('NEAR(amara')).toEqual([]);
  });
});

describe('Show applicant names in lists', () => {
  it('is off by default: the list is sent initials, never names, until the coordinator turns it on (audited)', async () => {
    expect(await ok('privacy.get')).toEqual({ showNamesInLists: false });
    const hidden = await find('okafor');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ applicantName: null, applicantInitials: 'A. O.' });
    expect(JSON.stringify(await ok('cases.list', { includeClosed: true }))).not.toMatch(/Okafor|O’Brien|Smith/);

    await ok('privacy.update', { showNamesInLists: true });
    expect((await find('okafor'))[0]).toMatchObject({ applicantName: 'Amara Okafor', applicantInitials: 'A. O.' });
    const audit = await ok<{ entries: { action: string; summary: string }[] }>('audit.list', { action: 'settings.privacy_updated' });
    expect(audit.entries.map((e) => e.summary)).toEqual(['Lists now show applicant names']);

    // A malformed setting is refused with nothing changed.
    const db = t.core.services.db();
    const before = tableSnapshot(db);
    expect(await t.call('privacy.update', { showNamesInLists: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(tableSnapshot(db)).toEqual(before);
  });
});
