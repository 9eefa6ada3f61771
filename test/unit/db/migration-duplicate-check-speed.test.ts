// Migration 017-duplicate-check-speed (main/db/migrations/017-duplicate-check-speed.ts): the index on open cases'
// dates of birth, added to a database of the previous version with its cases; the duplicate check finds the same
// open cases after it, and reads them through the index instead of every case.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema } from '../../../contract/cases';
import { createCase, transitionCase, type CaseEnv } from '../../../main/cases/case-actions';
import { findDuplicates } from '../../../main/cases/duplicates';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { duplicateCheckSpeedMigration as yourMigration } from '../../../main/db/migrations/017-duplicate-check-speed';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';

const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

describe('migration 017-duplicate-check-speed', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('indexes open cases by date of birth; the duplicate check finds the same cases, a closed one still left out', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    const applicants = [1, 2, 3].map((n) => aDistinctApplicant(n));
    const ids = applicants.map((applicant) =>
      change(
        (tx) =>
          createCase(tx, referralSchema.parse({ ...aReferral(), applicant, currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord } }), env)
            .id,
      ),
    );
    change((tx) => transitionCase(tx, { id: ids[2]!, to: 'withdrawn', reason: 'Moved away' }, env));
    change((tx) => transitionCase(tx, { id: ids[2]!, to: 'closed', closureReason: 'withdrawn' }, env));
    // The same people typed again: by name and date of birth, and by date of birth and landlord under another name.
    const asks = applicants.flatMap((a) => [
      { fullName: a.fullName, dateOfBirth: a.dateOfBirth },
      { fullName: 'Someone Else', dateOfBirth: a.dateOfBirth, homeLandlordPartnerId: landlord },
    ]);
    const found = () => asks.map((q) => findDuplicates(t.db, q).map((m) => [m.caseId, m.matchedOn]));
    const before = found();
    expect(before.flat().length).toBe(4);

    migrate(t.db, { to: yourMigration.version });
    expect(schemaVersion(t.db)).toBe(yourMigration.version);
    expect(found()).toEqual(before);
    const plan = t.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE applicant_dob = $dob AND state <> 'closed' AND id <> $exclude AND (applicant_name_key = $key OR home_landlord_id = $landlord)",
      )
      .all({ dob: applicants[0]!.dateOfBirth, exclude: 0, key: 'x', landlord })
      .map((r) => String((r as { detail: unknown }).detail));
    expect(plan.join(' ')).toContain('USING INDEX cases_open_by_dob');
    expect(t.db.prepare('PRAGMA integrity_check', { pluck: true }).get()).toBe('ok');
  });
});
