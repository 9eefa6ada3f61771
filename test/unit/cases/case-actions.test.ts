import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralSchema, type Referral, type ReferralInput } from '../../../contract/cases';
import { addBoroughs, addNote, createCase, transitionCase, updateCase, type CaseEnv } from '../../../main/cases/case-actions';
import { caseDetail } from '../../../main/cases/case-detail';
import { dashboard, listCases, type ParsedCaseListQuery } from '../../../main/cases/case-list';
import { auditPage, verifyAudit } from '../../../main/cases/audit-views';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { resyncAllDeadlines } from '../../../main/cases/deadline-sync';
import { listAudit } from '../../../main/audit/audit';
import { AppFailure } from '../../../main/errors';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { aReferral } from './referral-builder';
import { changeRunner, insertPartner } from './case-db';

let t: TestDb;
let landlord: number;
let change: ReturnType<typeof changeRunner>;
const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

const referral = (over: Partial<ReferralInput> = {}): Referral =>
  referralSchema.parse({ ...aReferral(over), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord, ...over.currentHome } });

const query = (over: Partial<ParsedCaseListQuery> = {}): ParsedCaseListQuery => ({
  search: '',
  states: [],
  overdueOnly: false,
  includeClosed: false,
  sort: 'nextDueOn',
  direction: 'asc',
  offset: 0,
  limit: 100,
  ...over,
});

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  t = openTestDb();
  landlord = insertPartner(t.db, 'Hackney Council');
  change = changeRunner(t.db);
});
afterEach(() => t.cleanup());

describe('creating a case', () => {
  it('gives a scheme reference, stores everything, and audits every field', () => {
    const created = change((tx) => createCase(tx, referral(), env));
    expect(created.reference).toBe('PLHR-2026-0001');
    // The same person again is refused as a duplicate unless the coordinator confirms it is someone else.
    expect(change((tx) => createCase(tx, { ...referral(), notDuplicateOf: [created.id] }, env)).reference).toBe('PLHR-2026-0002');

    const detail = caseDetail(t.db, created.id, env.today, env.policy);
    expect(detail.state).toBe('referral_received');
    const expected = referral();
    expect(detail.referral).toEqual({ ...expected, risk: { ...expected.risk, unsafeBoroughs: [...expected.risk.unsafeBoroughs].sort() } });
    expect(detail.timeline.map((e) => e.summary)).toEqual(['Referral received from Hackney Domestic Abuse Service']);

    const [entry] = listAudit(t.db, { caseId: created.id });
    expect(entry?.action).toBe('case.created');
    expect(entry?.summary).toBe('Case PLHR-2026-0001 created from a referral');
    expect(entry?.summary).not.toContain('Amara');
    expect(entry?.changes).toContainEqual({ field: 'applicant.fullName', before: null, after: 'Amara Okafor' });
  });

  it('refuses an ineligible referral and saves nothing', () => {
    const err = failure(() =>
      change((tx) => createCase(tx, referral({ currentHome: { ...aReferral().currentHome, tenancyType: 'none', homeLandlordPartnerId: landlord } }), env)),
    );
    expect(err.code).toBe('RULE');
    expect(err.fields?.['currentHome.tenancyType']).toMatch(/^Not eligible/);
    expect(t.db.prepare('SELECT count(*) FROM cases', { pluck: true }).get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get()).toBe(0);
  });

  it('needs an override for a suspended landlord, and records it', () => {
    const suspended = insertPartner(t.db, 'Suspended Homes', 'suspended');
    const home = { ...aReferral().currentHome, homeLandlordPartnerId: suspended };
    const err = failure(() => change((tx) => createCase(tx, referralSchema.parse(aReferral({ currentHome: home })), env)));
    expect(err.fields?.['currentHome.homeLandlordPartnerId']).toContain('Suspended Homes is suspended');
    const ok = referralSchema.parse(aReferral({ currentHome: home, overrides: [{ rule: 'landlord_suspended', reason: 'Agreed by the steering group' }] }));
    const created = change((tx) => createCase(tx, ok, env));
    expect(caseDetail(t.db, created.id, env.today, env.policy).overrides).toMatchObject([
      { rule: 'landlord_suspended', reason: 'Agreed by the steering group' },
    ]);
  });

  it('refuses a landlord that is not a partner', () => {
    const missing = referralSchema.parse(aReferral({ currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: 4242 } }));
    expect(failure(() => change((tx) => createCase(tx, missing, env))).fields?.['currentHome.homeLandlordPartnerId']).toMatch(/must be a partner/);
  });

  it('needs a reason below the minimum number of boroughs', () => {
    const few = { requestedBoroughs: ['E09000003', 'E09000005'] as ReferralInput['requestedBoroughs'] };
    const err = failure(() => change((tx) => createCase(tx, referral(few), env)));
    expect(err.message).toMatch(/^Only 2 boroughs are requested/);
    expect(err.fields?.['requestedBoroughsReason']).toBe('Record why fewer boroughs than the minimum are requested.');
    const created = change((tx) => createCase(tx, referral({ ...few, requestedBoroughsReason: 'Children at school nearby' }), env));
    expect(caseDetail(t.db, created.id, env.today, env.policy).timeline[0]?.text).toContain('Children at school nearby');
  });
});

describe('the lifecycle in the store', () => {
  it('takes a case from referral to circulation, with dates, deadlines and a timeline', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval', effectiveOn: '2026-03-02' }, env));
    let d = caseDetail(t.db, id, '2026-03-02', env.policy);
    expect(d.deadlines).toMatchObject([{ kind: 'chase_approval', dueOn: '2026-03-16' }]);

    change((tx) => transitionCase(tx, { id, to: 'approved' }, { ...env, today: '2026-03-10' }));
    d = caseDetail(t.db, id, '2026-03-20', env.policy);
    expect(d.dates.approvedOn).toBe('2026-03-10');
    expect(d.deadlines).toMatchObject([{ kind: 'circulate', dueOn: '2026-03-17', status: 'overdue', text: 'Overdue by 3 days' }]);
    expect(dashboard(t.db, '2026-03-20', env.policy).overdue).toMatchObject([{ caseId: id, caseAgeDays: 18, deadline: { kind: 'circulate' } }]);

    change((tx) => transitionCase(tx, { id, to: 'circulated' }, { ...env, today: '2026-03-20' }));
    d = caseDetail(t.db, id, '2026-03-20', env.policy);
    expect(d.state).toBe('circulated');
    expect(d.dates.circulatedOn).toBe('2026-03-20');
    // 65 working days: 13 weeks to Friday 19 June, plus Easter's two days and the two May bank holidays.
    expect(d.deadlines).toMatchObject([{ kind: 'review_no_offer', dueOn: '2026-06-25' }]);
    expect(d.timeline.map((e) => e.summary)).toEqual([
      'Approved → Circulated',
      'Awaiting landlord approval → Approved',
      'Referral received → Awaiting landlord approval',
      'Referral received from Hackney Domestic Abuse Service',
    ]);
    // Offers are recorded against a property (issue 10), so 'offer_made' is not a button on the case; nor is a
    // re-circulation, which is sent with its pack from the Circulation panel (issue 9).
    expect(d.transitions.map((x) => x.to)).toEqual(['closed', 'on_hold', 'withdrawn']);

    const actions = listAudit(t.db, { caseId: id }).map((e) => e.action);
    expect(actions).toEqual(['case.transition', 'case.transition', 'case.transition', 'case.created']);
  });

  it('refuses an impossible move with the reason, and changes nothing', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    const err = failure(() => change((tx) => transitionCase(tx, { id, to: 'moved' }, env)));
    expect(err.message).toBe(
      "A case that is 'Referral received' cannot move to 'Moved'; send the request to the landlord for approval first. Nothing was changed.",
    );
    expect(listAudit(t.db, { caseId: id })).toHaveLength(1);
  });

  it('refuses a date before the case reached its state', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    const err = failure(() => change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval', effectiveOn: '2026-02-01' }, env)));
    expect(err.fields?.['effectiveOn']).toBe('Enter a date on or after 02/03/2026');
  });

  it('holds and resumes to the state before, and withdraws with a reason', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval' }, env));
    expect(failure(() => change((tx) => transitionCase(tx, { id, to: 'on_hold' }, env))).fields?.['reason']).toBe('Record why the case is going on hold.');
    change((tx) => transitionCase(tx, { id, to: 'on_hold', reason: 'Applicant in hospital' }, env));
    let d = caseDetail(t.db, id, env.today, env.policy);
    // On hold is not forgotten: a "no progress" reminder after 20 working days.
    expect(d.deadlines).toMatchObject([{ kind: 'no_progress', dueOn: '2026-03-30' }]);
    expect(d.transitions.map((x) => x.action)).toContain("Resume as 'Awaiting landlord approval'");
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval' }, env));
    d = caseDetail(t.db, id, env.today, env.policy);
    expect(d.state).toBe('awaiting_landlord_approval');
    change((tx) => transitionCase(tx, { id, to: 'withdrawn', reason: 'No longer needs to move' }, env));
    change((tx) => transitionCase(tx, { id, to: 'closed', closureReason: 'withdrawn' }, env));
    d = caseDetail(t.db, id, env.today, env.policy);
    expect(d).toMatchObject({ state: 'closed', closureReason: 'withdrawn', transitions: [] });
  });

  it('counts offers and applies the offer cap', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    for (const to of ['awaiting_landlord_approval', 'approved', 'circulated', 'offer_made'] as const) change((tx) => transitionCase(tx, { id, to }, env));
    change((tx) => transitionCase(tx, { id, to: 'offer_declined', reason: 'Too far from school' }, env));
    const d = caseDetail(t.db, id, env.today, env.policy);
    expect(d.offersMade).toBe(1);
    expect(d.transitions.find((x) => x.to === 'circulated')?.blockedBecause).toMatch(/the most the scheme allows \(1\)/);
  });
});

describe('changes after circulation', () => {
  function circulated(): number {
    const { id } = change((tx) => createCase(tx, referral(), env));
    for (const to of ['awaiting_landlord_approval', 'approved', 'circulated'] as const) change((tx) => transitionCase(tx, { id, to }, env));
    return id;
  }

  it('adding boroughs marks the case for re-circulation, due within the week', () => {
    const id = circulated();
    change((tx) => addBoroughs(tx, { id, boroughs: ['E09000011'], note: 'NO phoned: Greenwich is safe' }, { ...env, today: '2026-03-05' }));
    const d = caseDetail(t.db, id, '2026-03-05', env.policy);
    expect(d.needsRecirculation).toBe(true);
    expect(d.referral.requestedBoroughs).toContain('E09000011');
    expect(d.deadlines[0]).toMatchObject({ kind: 'recirculate', dueOn: '2026-03-12' });
    expect(d.timeline[0]?.summary).toBe('Boroughs added: Greenwich (needs re-circulation)');
    change((tx) => transitionCase(tx, { id, to: 'circulated' }, { ...env, today: '2026-03-06' }));
    expect(caseDetail(t.db, id, '2026-03-06', env.policy).needsRecirculation).toBe(false);
  });

  it('refuses unsafe, current and already requested boroughs', () => {
    const id = circulated();
    const err = failure(() => change((tx) => addBoroughs(tx, { id, boroughs: ['E09000012', 'E09000014', 'E09000003'], note: '' }, env)));
    expect(err.fields?.['boroughs']).toBe("Hackney is the applicant's current borough; the applicant is unsafe in Haringey; Barnet is already requested.");
  });

  it('edits with field-level audit, and only circulated fields need re-circulation', () => {
    const id = circulated();
    const before = caseDetail(t.db, id, env.today, env.policy).referral;
    const newPhone = { ...before, applicant: { ...before.applicant, phone: '07700 900999' } };
    change((tx) => updateCase(tx, id, newPhone, 'New safe number', env));
    let d = caseDetail(t.db, id, env.today, env.policy);
    expect(d.needsRecirculation).toBe(false);
    const [entry] = listAudit(t.db, { caseId: id, action: 'case.updated' });
    expect(entry?.changes).toEqual([{ field: 'applicant.phone', before: '07700 900123', after: '07700 900999' }]);
    expect(entry?.reason).toBe('New safe number');
    expect(entry?.summary).toBe(`Case ${d.reference}: applicant updated`);

    const moreRooms = { ...d.referral, currentHome: { ...d.referral.currentHome, bedrooms: 3 } };
    change((tx) => updateCase(tx, id, moreRooms, '', env));
    d = caseDetail(t.db, id, env.today, env.policy);
    expect(d.needsRecirculation).toBe(true);
    expect(d.timeline[0]?.summary).toBe('Details updated: current home (needs re-circulation)');
  });

  it('moving a case to another landlord keeps and audits only the overrides that landlord needs', () => {
    const id = circulated();
    const before = caseDetail(t.db, id, env.today, env.policy).referral;
    const active = insertPartner(t.db, 'Peabody');
    const stale = [{ rule: 'landlord_suspended' as const, reason: 'Left over from the form' }];
    change((tx) => updateCase(tx, id, { ...before, currentHome: { ...before.currentHome, homeLandlordPartnerId: active }, overrides: stale }, '', env));
    // An override typed for a rule that did not fire is not a decision: not stored, as at intake.
    expect(caseDetail(t.db, id, env.today, env.policy).overrides).toEqual([]);

    const suspended = insertPartner(t.db, 'Suspended Homes', 'suspended');
    const moved = { ...before, currentHome: { ...before.currentHome, homeLandlordPartnerId: suspended } };
    expect(failure(() => change((tx) => updateCase(tx, id, moved, 'Tenancy transferred', env))).code).toBe('RULE');
    const reason = 'Agreed by the steering group';
    change((tx) => updateCase(tx, id, { ...moved, overrides: [{ rule: 'landlord_suspended', reason }] }, 'Tenancy transferred', env));
    expect(caseDetail(t.db, id, env.today, env.policy).overrides).toMatchObject([{ rule: 'landlord_suspended', reason }]);
    // Going past an eligibility rule is a decision the audit log must show.
    const [entry] = listAudit(t.db, { caseId: id, action: 'case.updated' });
    expect(entry?.reason).toBe(`Tenancy transferred; Suspended landlord overridden: ${reason}`);
  });

  it('a review restarts the no-offer clock', () => {
    const id = circulated();
    change((tx) => addNote(tx, { id, kind: 'review', text: 'Spoke to NO; still wants to move' }, { ...env, today: '2026-05-01' }));
    expect(caseDetail(t.db, id, '2026-05-01', env.policy).deadlines[0]).toMatchObject({ kind: 'review_no_offer', dueOn: '2026-08-04' });
  });
});

describe('the case list', () => {
  beforeEach(() => {
    const other = insertPartner(t.db, 'Peabody');
    const names = ['Amara Okafor', 'Zoë O’Neill', 'Ben Smith'];
    names.forEach((fullName, i) => {
      const r = referral({
        applicant: { ...aReferral().applicant, fullName, dateOfBirth: `198${i}-01-01` },
        risk: { ...aReferral().risk, categories: i === 2 ? ['hate_crime'] : ['domestic_abuse'] },
      });
      const home = i === 1 ? { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: other } } : r;
      change((tx) => createCase(tx, home, env));
    });
  });

  it('searches by reference or name, ignoring case and accents', () => {
    expect(listCases(t.db, query({ search: 'zoe' }), env.today, env.policy).rows.map((r) => r.applicantName)).toEqual(['Zoë O’Neill']);
    expect(listCases(t.db, query({ search: 'plhr-2026-0003' }), env.today, env.policy).rows.map((r) => r.applicantName)).toEqual(['Ben Smith']);
    expect(listCases(t.db, query({ search: '0002' }), env.today, env.policy).total).toBe(1);
    expect(listCases(t.db, query({ search: '%' }), env.today, env.policy).total).toBe(0);
  });

  it('filters in SQL and reports the total', () => {
    expect(listCases(t.db, query({ risk: 'hate_crime' }), env.today, env.policy).total).toBe(1);
    expect(listCases(t.db, query({ homeLandlordId: landlord }), env.today, env.policy).total).toBe(2);
    expect(listCases(t.db, query({ requestedBorough: 'E09000003' }), env.today, env.policy).total).toBe(3);
    expect(listCases(t.db, query({ states: ['approved'] }), env.today, env.policy).total).toBe(0);
  });

  it('sorts by any column and pages', () => {
    const byName = listCases(t.db, query({ sort: 'applicant', direction: 'desc' }), env.today, env.policy);
    expect(byName.rows.map((r) => r.applicantName)).toEqual(['Zoë O’Neill', 'Ben Smith', 'Amara Okafor']);
    const page2 = listCases(t.db, query({ sort: 'reference', offset: 1, limit: 1 }), env.today, env.policy);
    expect(page2).toMatchObject({ total: 3, offset: 1, rows: [{ reference: 'PLHR-2026-0002' }] });
    for (const sort of ['state', 'landlord', 'borough', 'receivedOn', 'nextDueOn', 'updatedAt'] as const) {
      expect(listCases(t.db, query({ sort }), env.today, env.policy).rows).toHaveLength(3);
    }
  });

  it('finds overdue cases, and a policy change moves due dates', () => {
    const id = 1;
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval' }, env));
    const awaiting = { states: ['awaiting_landlord_approval' as const], overdueOnly: true };
    expect(listCases(t.db, query(awaiting), '2026-03-16', env.policy).total).toBe(0);
    expect(listCases(t.db, query(awaiting), '2026-03-17', env.policy).rows[0]?.nextDue?.text).toBe('Overdue by 1 day');
    // The two cases never sent to the landlord are overdue for "no progress" by then too: no case goes quiet.
    expect(listCases(t.db, query({ overdueOnly: true }), '2026-03-17', env.policy).total).toBe(3);
    const faster = { ...env.policy, chaseApprovalAfterWorkingDays: 2 };
    expect(resyncAllDeadlines(t.db, faster)).toBe(1);
    expect(listCases(t.db, query(awaiting), '2026-03-05', faster).total).toBe(1);
  });
});

describe('the audit log', () => {
  it('lists entries with their case reference, filters, and verifies the chain', () => {
    const { id, reference } = change((tx) => createCase(tx, referral(), env));
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval' }, env));
    const page = auditPage(t.db, { reference: reference.toLowerCase(), action: '', actor: '', limit: 100 });
    expect(page.entries.map((e) => [e.action, e.caseReference])).toEqual([
      ['case.transition', reference],
      ['case.created', reference],
    ]);
    expect(page.actions).toEqual(['case.created', 'case.transition']);
    expect(auditPage(t.db, { reference: 'PLHR-2026-9999', action: '', actor: '', limit: 100 }).entries).toEqual([]);
    expect(auditPage(t.db, { reference: '', action: 'case.created', actor: '', limit: 100 }).entries).toHaveLength(1);
    expect(auditPage(t.db, { reference: '', action: '', actor: '', limit: 1 }).nextBeforeId).not.toBeNull();
    // The chain holds. This file's setup put the landlord straight into its table, and the audit check says so.
    expect(verifyAudit(t.db, new Date())).toMatchObject({
      ok: false,
      entries: 2,
      problem: 'Partner Hackney Council has no audit entry: it was added to the database directly, not through Reciprocal.',
    });
  });

  it('detects an entry edited behind the triggers', () => {
    const { id } = change((tx) => createCase(tx, referral(), env));
    change((tx) => transitionCase(tx, { id, to: 'awaiting_landlord_approval' }, env));
    // Someone with the key drops the guard and rewrites history.
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db.exec("UPDATE audit_log SET actor = 'Someone else' WHERE id = 1");
    expect(verifyAudit(t.db, new Date())).toMatchObject({ ok: false, firstBadId: 1, problem: 'Entry 1 was changed after it was written.' });
  });
});
