import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, Dashboard, DuplicateMatch } from '../../../contract/case-views';
import type { BoroughCode } from '../../../contract/boroughs';
import type { ReferralInput } from '../../../contract/cases';
import type { Enquiry, EnquiryCounts } from '../../../contract/enquiries';
import type { CirculationPlan } from '../../../contract/circulation';
import { circulate } from '../helpers/circulate';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import { aReferral } from './referral-builder';
import { aPartner, registryCalls } from '../helpers/registry-calls';
import { aBarnetFlat } from '../offers/offers-world';

/*
 * The scheme's rules, as the scheme means them (issue 7), through the IPC registry exactly as the renderer calls
 * it. Every refusal is checked to leave every table as it was.
 */

let t: TestCore;
let today: string;
let landlord: number;

const { ok, refused } = registryCalls(() => t);

const STOCK: BoroughCode[] = ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'];

async function partner(name: string, stockBoroughs = STOCK): Promise<number> {
  return (await ok<{ id: number }>('partners.create', aPartner(name, stockBoroughs))).id;
}

const referral = (over: Partial<ReferralInput> = {}): ReferralInput => {
  const base = aReferral(over);
  return { ...base, currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord, ...over.currentHome } };
};

const create = (over: Partial<ReferralInput> = {}) => ok<{ id: number; reference: string }>('cases.create', referral(over));
const get = (id: number) => ok<CaseDetail>('cases.get', { id });
const move = async (id: number, to: string, extra: Record<string, unknown> = {}): Promise<CaseDetail> => {
  // Issue 9: an approved case is circulated only with its pack recorded (circulation.send), as from the case page.
  if (to === 'circulated' && (await get(id)).state === 'approved') {
    await circulate(t, id, { overrideReason: extra['overrideReason'] as string | undefined });
    return get(id);
  }
  return ok<CaseDetail>('cases.transition', { id, to, ...extra });
};
const plan = (caseId: number) => ok<CirculationPlan>('circulation.plan', { caseId });
/** Sending the pack, refused (and checked to change nothing) before any file is written. */
const refusedSend = async (caseId: number) => refused('circulation.send', { caseId, encrypt: false, planKey: (await plan(caseId)).planKey });

beforeEach(async () => {
  today = '2026-03-02';
  t = createTestCore({ today: () => today });
  await setUp(t);
  landlord = await partner('Hackney Council');
});
afterEach(() => t.cleanup());

describe('one clock', () => {
  it('refuses a referral dated after the app’s today, naming the field the coordinator filled in', async () => {
    // The machine's clock is later than the app's today, so only main's own check can catch this.
    const err = await refused('cases.create', referral({ receivedOn: '2026-03-10' }));
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fields ?? {})).toEqual(['receivedOn']);
    expect(err.message).toContain('02/03/2026');
  });

  it('refuses a step dated after the app’s today', async () => {
    const { id } = await create();
    const err = await refused('cases.transition', { id, to: 'awaiting_landlord_approval', effectiveOn: '2026-03-05' });
    expect(err.fields?.['effectiveOn']).toMatch(/on or before 02\/03\/2026/);
  });
});

describe('one working-day rule for every deadline', () => {
  async function approvedOn(day: string): Promise<CaseDetail> {
    today = day;
    const { id } = await create({ receivedOn: day, consent: { ...aReferral().consent, date: day } });
    await move(id, 'awaiting_landlord_approval');
    return move(id, 'approved');
  }

  it('approval on Friday 18/12/2026 is due to circulate on Tuesday 29/12, past Christmas and Boxing Day', async () => {
    const c = await approvedOn('2026-12-18');
    expect(c.deadlines).toHaveLength(1);
    expect(c.deadlines[0]).toMatchObject({ kind: 'circulate', dueOn: '2026-12-29' });
    expect(c.deadlines[0]?.rule).toBe("5 working days after the landlord's approval (weekends and bank holidays do not count)");
    today = '2026-12-29';
    expect((await get(c.id)).deadlines[0]?.text).toBe('Due today');
  });

  it('approval on Thursday 25/03/2027 gives five working days after Easter, not three before it', async () => {
    const c = await approvedOn('2027-03-25');
    expect(c.deadlines[0]?.dueOn).toBe('2027-04-05');
  });

  it('the policy can make "a week" longer, and every open case is counted again', async () => {
    const c = await approvedOn('2026-12-18');
    const policy = await ok<Record<string, unknown>>('cases.getPolicy');
    await ok('cases.updatePolicy', { ...policy, circulateWithinWorkingDays: 6 });
    expect((await get(c.id)).deadlines[0]?.dueOn).toBe('2026-12-30');
  });
});

describe('chasing is an action', () => {
  it('chasing the landlord moves the chase deadline on by the policy’s interval and appears on the timeline', async () => {
    const { id } = await create();
    const sent = await move(id, 'awaiting_landlord_approval');
    expect(sent.deadlines[0]).toMatchObject({ kind: 'chase_approval', dueOn: '2026-03-16' });
    today = '2026-03-17';
    const chased = await ok<CaseDetail>('cases.recordChase', { id, who: 'landlord', note: 'Emailed the Named Lead again' });
    // 5 working days after Tuesday 17/03.
    expect(chased.deadlines[0]).toMatchObject({ kind: 'chase_approval', dueOn: '2026-03-24', status: 'upcoming' });
    expect(chased.timeline[0]).toMatchObject({ kind: 'chase', summary: 'Chased the landlord', text: 'Emailed the Named Lead again', on: '2026-03-17' });
    const audit = await ok<{ entries: { action: string; summary: string }[] }>('audit.list', { caseId: id });
    expect(audit.entries[0]).toMatchObject({ action: 'case.chased', summary: `Case ${chased.reference}: chased the landlord` });
  });

  it('chasing the Nominating Officer restarts "no progress"; a landlord chase with no landlord to wait on is refused', async () => {
    const { id } = await create();
    expect((await get(id)).deadlines[0]).toMatchObject({ kind: 'no_progress', dueOn: '2026-03-09' });
    const err = await refused('cases.recordChase', { id, who: 'landlord', note: '' });
    expect(err.message).toMatch(/not waiting on a landlord/);
    today = '2026-03-04';
    const chased = await ok<CaseDetail>('cases.recordChase', { id, who: 'nominating_officer', note: '' });
    expect(chased.deadlines[0]).toMatchObject({ kind: 'no_progress', dueOn: '2026-03-11' });
    expect(chased.timeline[0]?.summary).toBe('Chased the Nominating Officer');
    await refused('cases.recordChase', { id, who: 'nominating_officer', note: '', on: '2026-03-05' });
  });
});

describe('no case goes quiet, and no deadline for a step that cannot be taken', () => {
  it('a referral never sent to the landlord appears on Home, with its rule', async () => {
    const { id, reference } = await create();
    today = '2026-06-27'; // 117 days later
    const home = await ok<Dashboard>('cases.dashboard');
    const item = home.overdue.find((i) => i.caseId === id);
    expect(item).toMatchObject({ reference, state: 'referral_received', caseAgeDays: 117 });
    expect(item?.deadline.kind).toBe('no_progress');
    expect(item?.deadline.rule).toMatch(/^5 working days with no progress while 'Referral received'/);
  });

  // A property from another partner in a requested borough (Barnet), so the offer states are reached the one way a
  // coordinator can reach them since offers became rows: through the offers actions, not cases.transition.
  async function anOffer(caseId: number): Promise<number> {
    const barnetHomes = await partner('Barnet Homes', ['E09000003']);
    const property = await ok<{ id: number }>('properties.create', aBarnetFlat(barnetHomes, { availableFrom: today }));
    return (await ok<{ id: number }>('offers.make', { propertyId: property.id, caseId, offeredOn: today })).id;
  }

  it('every open state has a reminder', async () => {
    const { id } = await create();
    const states: [string, Record<string, unknown>][] = [
      ['on_hold', { reason: 'Applicant in hospital' }],
      ['referral_received', {}],
      ['awaiting_landlord_approval', {}],
      ['landlord_declined', { reason: 'Arrears' }],
      ['awaiting_landlord_approval', { reason: 'Appeal' }],
      ['approved', {}],
      ['circulated', {}],
    ];
    for (const [to, extra] of states) {
      const c = await move(id, to, extra);
      expect(c.deadlines.length, `no reminder while ${to}`).toBeGreaterThan(0);
    }
    const offerId = await anOffer(id);
    const offered = await get(id);
    expect(offered.state).toBe('offer_made');
    expect(offered.deadlines.length, 'no reminder while offer_made').toBeGreaterThan(0);
    await ok('offers.bookViewing', { offerId, viewingOn: today });
    const viewing = await get(id);
    expect(viewing.state).toBe('viewing');
    expect(viewing.deadlines.length, 'no reminder while viewing').toBeGreaterThan(0);
    await ok('offers.accept', { offerId, decidedOn: today });
    const accepted = await get(id);
    expect(accepted.state).toBe('offer_accepted');
    expect(accepted.deadlines.length, 'no reminder while offer_accepted').toBeGreaterThan(0);
    // Completing the move closes the case in the same step ('Moved' is passed through, not left open to go quiet);
    // the reminder while 'Moved' is covered in deadlines.test.ts.
    await ok('offers.completeMove', { caseId: id, route: 'reciprocal', offerId, tenancyStartOn: today, adults: 1, children: 2 });
    const moved = await get(id);
    expect(moved).toMatchObject({ state: 'closed', closureReason: 'moved' });
    expect(moved.deadlines).toEqual([]);
    const withdrawn = await create({ applicant: { ...aReferral().applicant, fullName: 'Someone Else', dateOfBirth: '1980-01-01' } });
    expect((await move(withdrawn.id, 'withdrawn', { reason: 'Reconciled' })).deadlines.length).toBeGreaterThan(0);
  });

  it('after a declined offer with the cap reached, the case is due to close as "offer declined, no further offer"', async () => {
    const { id } = await create();
    for (const to of ['awaiting_landlord_approval', 'approved', 'circulated']) await move(id, to);
    const offerId = await anOffer(id);
    await ok('offers.decline', { offerId, decidedOn: today, reason: 'schools_or_work', text: 'Too far from school' });
    const declined = await get(id);
    expect(declined.state).toBe('offer_declined');
    expect(declined.deadlines.map((d) => d.kind)).toEqual(['close_case']);
    const close = declined.transitions.find((x) => x.to === 'closed');
    expect(close?.closureReasons).toEqual(['offer_declined_no_further_offer', 'other']);
    expect(declined.transitions.find((x) => x.to === 'circulated')?.blockedBecause).toMatch(/Offer declined, no further offer/);
    await refused('cases.transition', { id, to: 'closed', closureReason: 'no_offer_in_time' });
    const closed = await move(id, 'closed', { closureReason: 'offer_declined_no_further_offer' });
    expect(closed.closureReason).toBe('offer_declined_no_further_offer');
    expect(closed.deadlines).toEqual([]);
  });
});

describe('eligibility at every step', () => {
  it('a landlord that has left cannot approve without an override with a recorded reason', async () => {
    await partner('Barnet Homes'); // someone to send the request to once the home landlord is out
    const { id } = await create();
    await move(id, 'awaiting_landlord_approval');
    await ok('partners.setStatus', { id: landlord, status: 'left', statusChangedOn: '2026-03-02' });
    const err = await refused('cases.transition', { id, to: 'approved' });
    expect(err.message).toMatch(/has left the scheme, so it cannot approve/);
    expect(err.fields?.['overrideReason']).toBeDefined();
    const approved = await move(id, 'approved', { overrideReason: 'Stock transfer: the new landlord honours its approvals' });
    expect(approved.overrides).toMatchObject([{ rule: 'landlord_left', step: 'approved', reason: 'Stock transfer: the new landlord honours its approvals' }]);
    // Circulating is a step of its own and needs its own reason.
    expect((await plan(id)).needsOverride?.rule).toBe('landlord_left');
    expect((await refusedSend(id)).fields?.['overrideReason']).toBeDefined();
  });

  it('a suspended landlord’s case cannot be circulated without an override', async () => {
    await partner('Barnet Homes'); // someone to send the request to once the home landlord is out
    const { id } = await create();
    await move(id, 'awaiting_landlord_approval');
    await move(id, 'approved');
    await ok('partners.setStatus', { id: landlord, status: 'suspended', statusChangedOn: '2026-03-02' });
    const err = await refusedSend(id);
    expect(err.message).toMatch(/is suspended from the scheme/);
    expect((await plan(id)).needsOverride?.rule).toBe('landlord_suspended');
    const c = await move(id, 'circulated', { overrideReason: 'Suspension is for arrears reporting only' });
    expect(c.state).toBe('circulated');
    expect(c.overrides).toMatchObject([{ rule: 'landlord_suspended', step: 'circulated', reason: 'Suspension is for arrears reporting only' }]);
  });

  it('the applicant cannot be their own Nominating Officer (name, phone or email)', async () => {
    const officer = aReferral().nominatingOfficers[0]!;
    const byName = await refused('cases.create', referral({ nominatingOfficers: [{ ...officer, name: 'amara  OKAFOR' }] }));
    expect(byName.fields?.['nominatingOfficers.0.name']).toMatch(/cannot be their own Nominating Officer/);
    const byPhone = await refused('cases.create', referral({ nominatingOfficers: [{ ...officer, phone: '+44 7700 900123' }] }));
    expect(byPhone.fields?.['nominatingOfficers.0.phone']).toMatch(/applicant's phone number/);
    const applicant = { ...aReferral().applicant, email: 'amara@example.org' };
    const byEmail = await refused('cases.create', referral({ applicant, nominatingOfficers: [{ ...officer, email: 'Amara@example.org' }] }));
    expect(byEmail.fields?.['nominatingOfficers.0.email']).toBeDefined();
  });

  it('boroughs cannot be added to a case that has moved or been withdrawn', async () => {
    const { id } = await create();
    await move(id, 'withdrawn', { reason: 'No longer needs to move' });
    const err = await refused('cases.addBoroughs', { id, boroughs: ['E09000010'], note: '' });
    expect(err.message).toMatch(/has been withdrawn, so boroughs cannot be added/);
  });

  it('"no offer within the time the scheme allows" only closes a case that was circulated', async () => {
    const { id } = await create();
    await move(id, 'awaiting_landlord_approval');
    const approved = await move(id, 'approved');
    expect(approved.transitions.find((x) => x.to === 'closed')?.closureReasons).toEqual(['ineligible', 'other']);
    await refused('cases.transition', { id, to: 'closed', closureReason: 'no_offer_in_time' });
    const circulated = await move(id, 'circulated');
    expect(circulated.transitions.find((x) => x.to === 'closed')?.closureReasons).toContain('no_offer_in_time');
  });

  it('consent gates each step: reporting-only consent cannot be sent to the landlord or circulated', async () => {
    const only = await create({ consent: { ...aReferral().consent, covers: ['anonymised_reporting'] } });
    const err = await refused('cases.transition', { id: only.id, to: 'awaiting_landlord_approval' });
    expect(err.message).toMatch(/has not consented to "sharing the referral with their landlord for approval"/);

    const landlordOnly = await create({
      applicant: { ...aReferral().applicant, fullName: 'Bea Jones', dateOfBirth: '1985-05-05' },
      consent: { ...aReferral().consent, covers: ['share_with_home_landlord'] },
    });
    await move(landlordOnly.id, 'awaiting_landlord_approval');
    const approved = await move(landlordOnly.id, 'approved');
    expect((await plan(landlordOnly.id)).blockedBecause).toMatch(/circulating the anonymised property request/);
    expect(approved.state).toBe('approved');
    expect((await refusedSend(landlordOnly.id)).message).toMatch(/circulating the anonymised property request/);
  });

  it('the date received cannot be moved after a later milestone', async () => {
    const { id } = await create();
    today = '2026-03-05';
    await move(id, 'awaiting_landlord_approval', { effectiveOn: '2026-03-04' });
    const err = await refused('cases.update', { id, referral: referral({ receivedOn: '2026-03-05' }), reason: '' });
    expect(err.fields?.['receivedOn']).toBe("The date received cannot be after 04/03/2026, when the case became 'Awaiting landlord approval'");
  });

  it('the applicant must be an adult; household members are recorded by year of birth', async () => {
    const child = await refused('cases.create', referral({ applicant: { ...aReferral().applicant, dateOfBirth: '2016-01-01' } }));
    expect(child.fields?.['applicant.dateOfBirth']).toMatch(/must be 18 or over .* makes them 10/);
    const adultAsChild = await refused('cases.create', referral({ household: [{ kind: 'child', yearOfBirth: 2000, sexOrGender: 'male' }] }));
    expect(adultAsChild.fields?.['household.0.yearOfBirth']).toMatch(/record them as an adult/);
    const { id } = await create({ household: [{ kind: 'child', yearOfBirth: 2019, sexOrGender: 'female' }] });
    expect((await get(id)).referral.household).toEqual([{ kind: 'child', yearOfBirth: 2019, sexOrGender: 'female' }]);
  });

  it('one phone rule: "+44 (0)20 7946 0123" is a Nominating Officer’s number as it is a partner contact’s', async () => {
    const officer = { ...aReferral().nominatingOfficers[0]!, phone: '+44 (0)20 7946 0123' };
    const { id } = await create({ nominatingOfficers: [officer] });
    expect((await get(id)).referral.nominatingOfficers[0]?.phone).toBe('+44 (0)20 7946 0123');
    await partner('Peabody', ['E09000012']);
  });

  it('the count in the message matches the messages shown', async () => {
    const home = { ...aReferral().currentHome, homeLandlordPartnerId: landlord, borough: 'E09000003' as const };
    const err = await refused('cases.create', referral({ currentHome: home, risk: { ...aReferral().risk, unsafeBoroughs: ['E09000003'] } }));
    expect(err.message).toMatch(/^2 eligibility checks need attention: Barnet is the applicant's current borough.*; The applicant is unsafe in Barnet/);
    expect(err.fields?.['requestedBoroughs']).toMatch(/current borough.*unsafe in Barnet/);
  });
});

describe('no-coverage warning', () => {
  it('names the requested boroughs nobody would receive, on the form and the case', async () => {
    const report = await ok<{ message: string | null }>('cases.coverage', { boroughs: ['E09000018', 'E09000015', 'E09000017', 'E09000003'] });
    expect(report.message).toBe('Nobody would receive this request for Harrow, Hillingdon and Hounslow: no active partner holds stock there.');
    const { id } = await create({ requestedBoroughs: [...STOCK, 'E09000015'] });
    expect((await get(id)).coverage.uncovered).toEqual(['E09000015']);
    await ok('partners.setStatus', { id: landlord, status: 'suspended', statusChangedOn: '2026-03-02' });
    // A suspended partner receives nothing: every borough is then uncovered.
    expect((await get(id)).coverage.uncovered).toHaveLength(6);
  });
});

describe('enquiries that do not become cases', () => {
  it('an out-of-London enquiry is recorded with its signposting, without identity, and counted', async () => {
    const base = { receivedOn: '2026-03-02', agencyKind: 'domestic_abuse_service', reason: 'out_of_london', notes: '' };
    const err = await refused('enquiries.create', { ...base, signposting: ['homefinder'] });
    expect(err.fields?.['signposting']).toBe('For a move out of London, record that you signposted to Housing Moves Seaside and Country Homes');
    await refused('enquiries.create', { ...base, signposting: ['homefinder', 'seaside_and_country_homes'], receivedOn: '2026-03-03' });
    const e = await ok<Enquiry>('enquiries.create', { ...base, signposting: ['seaside_and_country_homes', 'homefinder'] });
    expect(e).toMatchObject({ reason: 'out_of_london', signposting: ['homefinder', 'seaside_and_country_homes'], recordedBy: 'Sam Coordinator' });
    await ok('enquiries.create', { ...base, reason: 'landlord_not_partner', signposting: ['landlord_transfer'] });
    const counts = await ok<EnquiryCounts>('enquiries.count', { from: '2025-04-01', to: '2026-03-31' });
    expect(counts.total).toBe(2);
    expect(counts.byReason).toEqual([
      { reason: 'out_of_london', count: 1 },
      { reason: 'landlord_not_partner', count: 1 },
    ]);
    const columns = (t.core.services.db().prepare('PRAGMA table_info(enquiries)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'received_on', 'agency_kind', 'reason', 'signposting', 'notes', 'recorded_at', 'recorded_by']);
  });
});

describe('duplicates', () => {
  it('warns before saving when an open case has the same name and date of birth, or date of birth and landlord', async () => {
    const first = await create();
    const byName = await ok<DuplicateMatch[]>('cases.findDuplicates', { fullName: 'AMARA okafor', dateOfBirth: '1991-07-14' });
    expect(byName).toMatchObject([{ caseId: first.id, reference: first.reference, matchedOn: 'name_and_date_of_birth' }]);
    const byLandlord = await ok<DuplicateMatch[]>('cases.findDuplicates', {
      fullName: 'Amara Smith',
      dateOfBirth: '1991-07-14',
      homeLandlordPartnerId: landlord,
    });
    expect(byLandlord[0]?.matchedOn).toBe('date_of_birth_and_landlord');

    const err = await refused('cases.create', referral());
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(first.reference);
    const second = await ok<{ id: number }>('cases.create', { ...referral(), notDuplicateOf: [first.id] });
    const audit = await ok<{ entries: { action: string; reason: string | null }[] }>('audit.list', { caseId: second.id });
    expect(audit.entries[0]?.reason).toContain(`Confirmed not the same person as ${first.reference}`);
  });
});

describe('temporary accommodation', () => {
  it('asks for the placing council and the borough of the placement, and keeps them', async () => {
    const ta = { ...aReferral().currentHome, homeLandlordPartnerId: landlord, inTemporaryAccommodation: true };
    const err = await refused('cases.create', referral({ currentHome: ta }));
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['currentHome.placingCouncil', 'currentHome.temporaryBorough']);
    const { id } = await create({ currentHome: { ...ta, placingCouncil: 'London Borough of Newham', temporaryBorough: 'E09000025' } });
    expect((await get(id)).referral.currentHome).toMatchObject({ placingCouncil: 'London Borough of Newham', temporaryBorough: 'E09000025' });
  });
});

describe('the case page and the partner page', () => {
  it('shows the home landlord’s Named Lead with contact details, and the partner’s cases by state', async () => {
    const { id } = await create();
    await move(id, 'awaiting_landlord_approval');
    expect((await get(id)).namedLeads).toEqual([
      { name: 'Hackney Council Lead', role: 'Lettings Manager', phone: '020 7946 0001', email: 'lead@example.gov.uk', secureEmail: '' },
    ]);
    expect(await ok('cases.countByLandlord', { partnerId: landlord })).toEqual([{ state: 'awaiting_landlord_approval', count: 1 }]);
  });
});

describe('due dates stored by older rules', () => {
  it('are counted again once, by the working-day rules, as one audited change', async () => {
    const { id } = await create();
    await move(id, 'awaiting_landlord_approval');
    await move(id, 'approved');
    // As migration 004 leaves a database whose due dates were counted by the old rules.
    const db = t.core.services.db();
    db.prepare("UPDATE cases SET next_due_on = '2026-01-01', next_due_kind = 'circulate' WHERE id = ?").run([id]);
    db.prepare("INSERT INTO settings (key, value) VALUES ('cases.deadlineRules', '1')").run();
    t.restart();
    await ok('vault.unlock', { passphrase: PASSPHRASE });

    await ok('cases.dashboard');
    const stored = () => t.core.services.db().prepare('SELECT next_due_on FROM cases WHERE id = ?', { pluck: true }).get([id]);
    // Monday 2 March + 5 working days.
    expect(stored()).toBe('2026-03-09');
    const recounted = async () => (await ok<{ entries: { summary: string }[] }>('audit.list', { action: 'cases.deadlines_recounted' })).entries;
    expect(await recounted()).toMatchObject([{ summary: expect.stringMatching(/working days.*1 case has a new due date/) }]);
    await ok('cases.list', {});
    expect(await recounted()).toHaveLength(1);
  });
});
