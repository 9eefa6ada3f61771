// Migration 011-rights (main/db/migrations/011-rights.ts): anonymisation marks on cases, audit redactions, and the
// append-only triggers that now allow a recorded redaction and nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema } from '../../../contract/cases';
import { createCase, type CaseEnv } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { rightsMigration as yourMigration } from '../../../main/db/migrations/011-rights';
import { verifyAuditLog } from '../../../main/audit/row-check';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aReferral } from '../cases/referral-builder';

const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

describe('migration 011-rights', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('keeps the cases and the audit log of a database of the previous version, and the audit check still passes', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    const hackney = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    const base = aReferral();
    const referral = referralSchema.parse({ ...base, currentHome: { ...base.currentHome, homeLandlordPartnerId: hackney } });
    const id = change((tx) => createCase(tx, referral, env)).id;
    const entries = t.db.prepare('SELECT * FROM audit_log ORDER BY id').all();

    migrate(t.db, { to: yourMigration.version });
    expect(schemaVersion(t.db)).toBe(yourMigration.version);
    expect(t.db.prepare('SELECT applicant_name, anonymised_at, anonymised_how FROM cases WHERE id = ?').get([id])).toEqual({
      applicant_name: 'Amara Okafor',
      anonymised_at: null,
      anonymised_how: null,
    });
    // The log is as it was, plus the upgrade's baseline (the new columns change every case's digest).
    const after = t.db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(after.slice(0, entries.length)).toEqual(entries);
    expect(after.slice(entries.length).map((e) => (e as { action: string }).action)).toEqual(['audit.baseline']);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true });

    // Still append-only without a recorded redaction; the timeline too, until its case is anonymised.
    expect(() => t.db.prepare("UPDATE audit_log SET changes = '[]' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    expect(() => t.db.prepare("UPDATE case_events SET text = '[erased]' WHERE case_id = ?").run([id])).toThrow(/append-only/);
    expect(() => t.db.prepare("UPDATE cases SET anonymised_how = 'forgotten' WHERE id = ?").run([id])).toThrow(/CHECK/);
  });
});
