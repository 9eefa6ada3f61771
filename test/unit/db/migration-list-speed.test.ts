// Migration 015-list-speed (main/db/migrations/015-list-speed.ts): the indexes that give the case list's sorts in
// order, added to a database of the previous version with its cases; the list reads the same rows after it.
import { afterEach, describe, expect, it } from 'vitest';
import { caseListQuerySchema } from '../../../contract/case-channels';
import { referralSchema } from '../../../contract/cases';
import { createCase, transitionCase, type CaseEnv } from '../../../main/cases/case-actions';
import { listCases, type ParsedCaseListQuery } from '../../../main/cases/case-list';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { listSpeedMigration as yourMigration } from '../../../main/db/migrations/015-list-speed';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';

const INDEXES = ['cases_by_due', 'cases_by_received', 'cases_by_reference', 'cases_by_applicant'];
const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

describe('migration 015-list-speed', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('adds the list’s indexes to a database of the previous version; every sort lists the same cases in the same order', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    for (let i = 0; i < 5; i++) {
      const referral = referralSchema.parse({
        ...aReferral({ receivedOn: `2026-02-0${5 - i}` }),
        applicant: aDistinctApplicant(i + 1),
        currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
      });
      const { id } = change((tx) => createCase(tx, referral, env));
      // One with no deadline: it sorts last, before and after.
      if (i === 2) {
        change((tx) => transitionCase(tx, { id, to: 'withdrawn', reason: 'Moved away' }, env));
        change((tx) => transitionCase(tx, { id, to: 'closed', closureReason: 'withdrawn' }, env));
      }
    }
    // Each sort as the list defined it before the migration, read without any index.
    const sorts = {
      nextDueOn: ['c.next_due_on IS NULL, c.next_due_on, c.id', 'c.next_due_on IS NULL, c.next_due_on DESC, c.id DESC'],
      receivedOn: ['c.received_on, c.id', 'c.received_on DESC, c.id DESC'],
      reference: ['c.ref_year, c.ref_seq, c.id', 'c.ref_year DESC, c.ref_seq DESC, c.id DESC'],
      applicant: ['c.applicant_name_key, c.id', 'c.applicant_name_key DESC, c.id DESC'],
    } as const;
    const expected = () =>
      Object.values(sorts).flatMap((orders) => orders.map((o) => t.db.prepare(`SELECT id FROM cases c NOT INDEXED ORDER BY ${o}`, { pluck: true }).all()));
    const read = () =>
      Object.keys(sorts).flatMap((sort) =>
        (['asc', 'desc'] as const).map((direction) =>
          listCases(t.db, caseListQuerySchema.parse({ sort, direction, includeClosed: true }) as ParsedCaseListQuery, env.today, env.policy).rows.map(
            (r) => r.id,
          ),
        ),
      );
    const indexes = () =>
      t.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))", { pluck: true })
        .all([JSON.stringify(INDEXES)]);
    expect(indexes()).toEqual([]);
    const before = expected();
    const rows = t.db.prepare('SELECT * FROM cases ORDER BY id').all();

    migrate(t.db, { to: yourMigration.version });
    expect(schemaVersion(t.db)).toBe(yourMigration.version);
    expect([...indexes()].sort()).toEqual([...INDEXES].sort());
    expect(read()).toEqual(before);
    expect(before[0]!.at(-1)).toBe(before[1]!.at(-1)); // no deadline: last either way
    expect(t.db.prepare('SELECT * FROM cases ORDER BY id').all()).toEqual(rows);
    expect(t.db.prepare('PRAGMA integrity_check', { pluck: true }).get()).toBe('ok');
  });
});
