// Migration 004-reliability: row digests in the audit log, with a baseline for the rows already there.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema } from '../../../contract/cases';
import { appendAudit, verifyAuditChain } from '../../../main/audit/audit';
import { createCase, type CaseTx } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { migrations as allMigrations } from '../../../main/db/migrations';
import { reliabilityMigration } from '../../../main/db/migrations/004-reliability';
import { verifyAuditLog } from '../../../main/audit/row-check';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';
import { aReferral } from '../cases/referral-builder';

describe('migration reliability: audited row digests', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  /** A change as the app made it before this migration: audit entries without digests. */
  const oldChange = <T>(fn: (tx: CaseTx) => T): T =>
    t.db.transaction(() => {
      const now = new Date('2026-03-02T10:00:00Z');
      return fn({ db: t.db, now, actor: 'Sam Coordinator', audit: (input) => void appendAudit(t.db, 'Sam Coordinator', now, input) });
    })();

  it('keeps the existing chain, and records a baseline of every case and partner already there', () => {
    t = openTestDb({ to: reliabilityMigration.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const referral = referralSchema.parse({ ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord } });
    const created = oldChange((tx) => createCase(tx, referral, { today: '2026-03-02', policy: DEFAULT_CASE_POLICY }));
    const entriesBefore = Number(t.db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get());

    migrate(t.db, { to: reliabilityMigration.version });
    expect(schemaVersion(t.db)).toBe(reliabilityMigration.version);

    // Entries written before still verify: an entry without digests hashes as it always did.
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: entriesBefore + 1 });
    const baseline = t.db.prepare("SELECT * FROM audit_log WHERE action = 'audit.baseline'").get<{ row_digests: string; summary: string }>();
    const digests = JSON.parse(baseline!.row_digests) as [string, number, string][];
    expect(digests.map(([kind, id]) => [kind, id])).toEqual([
      ['case', created.id],
      ['partner', landlord],
    ]);
    expect(baseline!.summary).toBe('Audit check started recording the state of each case and partner (2 records)');
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, rows: 2 });

    // From the baseline on, a change with no audit entry shows.
    t.db.prepare("UPDATE cases SET state = 'closed' WHERE id = ?").run([created.id]);
    expect(verifyAuditLog(t.db).ok).toBe(false);
  });

  it('an empty database gets the column and no baseline entry', () => {
    t = openTestDb({ to: reliabilityMigration.version - 1 });
    migrate(t.db, { to: reliabilityMigration.version });
    expect(t.db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get()).toBe(0);
    expect(t.db.pragma('table_info(audit_log)').map((c) => (c as { name: string }).name)).toContain('row_digests');
  });

  it('a later upgrade that reshapes rows re-records them, so the check still vouches for the data', () => {
    t = openTestDb({ to: reliabilityMigration.version });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const referral = referralSchema.parse({ ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord } });
    oldChange((tx) => createCase(tx, referral, { today: '2026-03-02', policy: DEFAULT_CASE_POLICY }));
    migrate(t.db);
    // The upgrade itself was not a change to the data: a migration that reshapes every case must not read as tampering.
    const reshape = {
      version: allMigrations.length + 1,
      name: 'reshape',
      up: (db: typeof t.db) => db.exec("ALTER TABLE cases ADD COLUMN reshaped TEXT NOT NULL DEFAULT 'yes'"),
    };
    migrate(t.db, { migrations: [...allMigrations, reshape] });
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, rows: 2 });
    const last = t.db.prepare('SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1').get<{ action: string; summary: string }>()!;
    expect(last.action).toBe('audit.baseline');
    expect(last.summary).toMatch(/^Data upgraded from version \d+ to \d+: the audit check re-recorded 2 records$/);
  });
});
