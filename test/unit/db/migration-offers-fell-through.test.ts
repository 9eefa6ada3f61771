// Migration 016-offers-fell-through (main/db/migrations/016-offers-fell-through.ts; the lead renumbers at merge):
// offers keep the day they were accepted when they end before the move.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema } from '../../../contract/cases';
import { createCase, type CaseEnv } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { offersFellThroughMigration } from '../../../main/db/migrations/016-offers-fell-through';
import { WAITING_PAGE_SQL } from '../../../main/offers/match-queries';
import { caseOffers } from '../../../main/offers/offer-board';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { openTestDb, type TestDb } from '../helpers/test-db';

const env: CaseEnv = { today: '2026-03-10', policy: DEFAULT_CASE_POLICY };

describe('migration offers-fell-through', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('gives every accepted offer its day of acceptance and changes nothing else', () => {
    t = openTestDb({ to: offersFellThroughMigration.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    const referral = referralSchema.parse({
      ...aReferral(),
      applicant: aDistinctApplicant(1),
      currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
    });
    const { id } = change((tx) => createCase(tx, referral, env));
    const insert = t.db.prepare(
      `INSERT INTO offers (case_id, partner_id, legacy, offered_on, outcome, decided_on, decline_reason, outcome_text, stage_entered_on, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 'x', 'x')`,
    );
    // One offer in each outcome the previous version could hold (one open at most per case).
    insert.run([id, landlord, '2026-01-05', 'declined', '2026-01-09', 'schools_or_work', '', '2026-01-09']);
    insert.run([id, landlord, '2026-02-02', 'fell_through', '2026-02-10', null, 'Boiler failed', '2026-02-10']);
    insert.run([id, landlord, '2026-02-12', 'withdrawn_by_landlord', '2026-02-13', null, '', '2026-02-13']);
    insert.run([id, landlord, '2026-03-01', 'accepted', '2026-03-04', null, '', '2026-03-04']);
    const before = t.db.prepare('SELECT * FROM offers ORDER BY id').all();

    migrate(t.db, { to: offersFellThroughMigration.version });
    expect(schemaVersion(t.db)).toBe(offersFellThroughMigration.version);
    const after = t.db.prepare('SELECT * FROM offers ORDER BY id').all() as Record<string, unknown>[];
    // Every column of every row as it was, plus the new one: the day of acceptance only where the offer is accepted.
    expect(after.map(({ accepted_on: _a, ...rest }) => rest)).toEqual(before);
    expect(after.map((r) => [r['outcome'], r['accepted_on']])).toEqual([
      ['declined', null],
      ['fell_through', null],
      ['withdrawn_by_landlord', null],
      ['accepted', '2026-03-04'],
    ]);
    expect(caseOffers(t.db, id, env.today, 1).offers.map((o) => o.acceptedOn)).toEqual(['2026-03-04', null, null, null]);
  });

  it('adds cases_waiting, and a page of candidates walks it in rank order with no sort of the whole borough', () => {
    t = openTestDb({ to: offersFellThroughMigration.version - 1 });
    const plan = () =>
      (t.db.prepare(`EXPLAIN QUERY PLAN ${WAITING_PAGE_SQL}`).all([2, 2, 'E09000003', '2026-01-01', 'PLHR-2026-0001', 50]) as { detail: string }[]).map(
        (r) => r.detail,
      );
    expect(plan).toThrow(/no such index: cases_waiting/);
    migrate(t.db, { to: offersFellThroughMigration.version });
    expect(t.db.prepare("SELECT name FROM pragma_index_info('cases_waiting')", { pluck: true }).all()).toEqual([
      'state',
      'circulated_on',
      'reference',
      'bedrooms',
    ]);
    const steps = plan();
    expect(steps[0]).toMatch(/^SEARCH c USING COVERING INDEX cases_waiting \(state=\? AND \(circulated_on,reference\)>\(\?,\?\)\)$/);
    expect(steps).toContainEqual(expect.stringMatching(/^SEARCH r (EXISTS )?USING (COVERING INDEX case_boroughs_borough|PRIMARY KEY) \(.*case_id=\?/));
    // No "USE TEMP B-TREE FOR ORDER BY": the LIMIT stops the walk once the page is full.
    expect(steps.filter((d) => /TEMP B-TREE/.test(d))).toEqual([]);
  });
});
