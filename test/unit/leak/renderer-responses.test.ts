import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUkDate } from '../../../contract/dates';
import { markedReferral, markersFor, aMarkedCase, rightsWorld, type Marked, type Markers, type RightsWorld } from '../rights/rights-fixture';

/*
 * Issue 15: "the renderer never receives personal data for a screen that does not show it". Cases with a unique
 * marker in every personal field (one open with a live offer, one on hold, one moved with its new address, one
 * closed), then the answer of each channel behind a screen that shows no identity is scanned, as the JSON the
 * renderer receives: the case list carries references, initials and states, and names only when the coordinator has
 * chosen to show them; Home, the Offers board, the ledger and reports carry no names, dates of birth, contact details
 * or addresses at all. The case page's answer is scanned too, as the control: it must hold them, so the scan works.
 */

type Case = Marked & { m: Markers };

/** What identifies the applicant or says where they are: what a screen without identity must never receive. */
function identity(m: Markers): string[] {
  const [y, mo, d] = m.dob.split('-');
  return [
    m.first,
    m.surname,
    m.renamed,
    m.dob,
    formatUkDate(m.dob),
    `${d}${mo}${y}`,
    m.phone,
    m.email,
    m.safe,
    m.line1,
    m.line2,
    m.town,
    m.postcode,
    m.newLine1,
    m.newPostcode,
    m.risk,
    m.marac,
    m.medical,
    m.consent,
  ];
}

/** The markers in the JSON, ignoring case and spacing (a phone number or postcode may come back reformatted). */
const found = (value: unknown, markers: readonly string[]) => {
  const json = JSON.stringify(value).toLowerCase().replace(/\s/g, '');
  return markers.filter((x) => json.includes(x.toLowerCase().replace(/\s/g, '')));
};

describe('the renderer receives no personal data for screens that do not show it', () => {
  let w: RightsWorld;
  let cases: Case[];
  const names = (c: Case) => [c.m.first, c.m.surname, c.m.renamed];

  beforeAll(async () => {
    w = await rightsWorld('2026-03-02');
    cases = [
      await aMarkedCase(w, 'qra', 1, '2026-03-02', 'open'),
      await aMarkedCase(w, 'qrb', 2, '2026-03-02', 'moved'),
      await aMarkedCase(w, 'qrc', 3, '2026-03-02', 'closed'),
    ];
    // A case with a live offer (on the Offers board) and one waiting for approval (on Home's due list).
    const m = markersFor('qrd', 4);
    const live = await w.ok<{ id: number; reference: string }>('cases.create', markedReferral(m, w.partnerId, '2026-03-02'));
    for (const to of ['awaiting_landlord_approval', 'approved']) await w.ok('cases.transition', { id: live.id, to });
    const plan = await w.ok<{ planKey: string }>('circulation.plan', { caseId: live.id });
    w.t.dialogs.save.push(path.join(w.outside, 'pack-qrd.pdf'));
    await w.ok('circulation.send', { caseId: live.id, encrypt: false, planKey: plan.planKey });
    const home = await w.ok<{ id: number }>('properties.create', {
      partnerId: w.receivingPartnerId,
      borough: 'E09000003',
      bedrooms: 2,
      propertyType: 'flat',
      floor: 1,
      hasLift: false,
      access: 'none',
      petsAllowed: false,
      weeklyRentPence: 11000,
      tenancyType: 'secure',
      availableFrom: '2026-03-02',
      notes: '',
    });
    await w.ok('offers.make', { propertyId: home.id, caseId: live.id, offeredOn: '2026-03-02' });
    const m2 = markersFor('qre', 5);
    const waiting = await w.ok<{ id: number; reference: string }>('cases.create', markedReferral(m2, w.partnerId, '2026-03-02'));
    await w.ok('cases.transition', { id: waiting.id, to: 'awaiting_landlord_approval' });
    cases.push({ ...live, markers: Object.values(m), m }, { ...waiting, markers: Object.values(m2), m: m2 });
    w.setToday('2026-04-20');
  }, 300_000);
  afterAll(() => w?.cleanup());

  it('the case page holds the identity (the control: the scan can find it)', async () => {
    for (const c of cases) {
      const detail = await w.ok('cases.get', { id: c.id });
      expect(found(detail, [c.m.surname, c.m.phone, c.m.postcode, c.m.email])).toHaveLength(4);
    }
  });

  it('the case list: references, initials and states; names only when the coordinator chose to show them', async () => {
    await w.ok('privacy.update', { showNamesInLists: false });
    for (const query of [
      { includeClosed: true },
      { search: cases[0]!.m.surname },
      { states: ['on_hold'] },
      { search: cases[1]!.reference, includeClosed: true },
    ]) {
      const page = await w.ok<{ rows: { reference: string; applicantInitials: string; state: string; applicantName: string | null }[] }>('cases.list', query);
      expect(
        found(
          page,
          cases.flatMap((c) => identity(c.m)),
        ),
        JSON.stringify(query),
      ).toEqual([]);
      expect(page.rows.every((r) => r.applicantName === null && /^[A-Z]\.( [A-Z]\.)*$/.test(r.applicantInitials) && r.reference.startsWith('PLHR-'))).toBe(
        true,
      );
      expect(page.rows.length, JSON.stringify(query)).toBeGreaterThan(0);
    }
    await w.ok('privacy.update', { showNamesInLists: true });
    const shown = await w.ok('cases.list', { includeClosed: true });
    // The names the coordinator asked to see (as they are now), and nothing else about the person.
    expect(
      found(
        shown,
        cases.flatMap((c) => [c.m.renamed, c.m.surname]),
      ),
    ).not.toEqual([]);
    const notNames = cases.flatMap((c) => identity(c.m).filter((x) => !names(c).includes(x)));
    expect(found(shown, notNames)).toEqual([]);
    await w.ok('privacy.update', { showNamesInLists: false });
  });

  it('Home, the Offers board, the ledger and reports carry no identity at all, even with names shown in lists', { timeout: 300_000 }, async () => {
    await w.ok('privacy.update', { showNamesInLists: true });
    const markers = cases.flatMap((c) => identity(c.m));
    const screens: [string, unknown][] = [
      ['cases.dashboard', {}],
      ['offers.board', {}],
      ['offers.stale', {}],
      ['ledger.table', { asOf: '2026-04-20' }],
      ['ledger.atCap', {}],
      ['ledger.statement', { partnerId: w.partnerId, asOf: '2026-04-20' }],
      ['ledger.statement', { partnerId: w.receivingPartnerId, asOf: '2026-04-20' }],
      ['ledger.caseCap', { caseId: cases[1]!.id }],
      ['circulation.batchCandidates', {}],
      ['reports.yearEnd', { from: '2025-04-01', to: '2026-03-31', mode: 'internal' }],
      ['reports.yearEnd', { from: '2025-04-01', to: '2026-03-31', mode: 'publishable' }],
      ['reports.operational', { from: '2026-03-01', to: '2026-04-20', mode: 'internal' }],
      ['reports.operational', { from: '2026-03-01', to: '2026-04-20', mode: 'publishable' }],
      ['offers.partnerSummary', { partnerId: w.receivingPartnerId }],
    ];
    const seen: string[] = [];
    for (const [channel, payload] of screens) {
      const value = await w.ok(channel, payload);
      expect(found(value, markers), channel).toEqual([]);
      seen.push(JSON.stringify(value));
    }
    // Not empty answers: Home lists the case waiting for approval, the board its live offer, the ledger the move.
    const text = seen.join('\n');
    for (const c of [cases[1]!, cases[3]!, cases[4]!]) expect(text).toContain(c.reference);
  });
});
