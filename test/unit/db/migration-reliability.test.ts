// Migration 004-reliability: row digests in the audit log, with a baseline for the rows already there.
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../main/audit/audit';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { migrations as allMigrations } from '../../../main/db/migrations';
import { reliabilityMigration } from '../../../main/db/migrations/004-reliability';
import { verifyAuditLog } from '../../../main/audit/row-check';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

describe('migration reliability: audited row digests', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  /**
   * A case as an older version stored it, written straight to the table: today's createCase writes columns (such as
   * the placing council) that later migrations add, so it cannot seed a database of an earlier version.
   */
  const insertOldCase = (landlord: number): { id: number } => {
    const id = t.db
      .prepare(
        `INSERT INTO cases (reference, ref_year, ref_seq, state, state_entered_on, received_on, referring_agency_name, referring_agency_kind,
           applicant_name, applicant_name_key, applicant_dob, address_line1, address_postcode, risk_summary, home_landlord_id, current_borough,
           bedrooms, property_type, floor, tenancy_type, overcrowded, in_temporary_accommodation, access_need, has_pets, consent_given,
           consent_date, consent_covers, housing_moves, created_at, updated_at)
         VALUES ('PLHR-2026-0001', 2026, 1, 'awaiting_landlord_approval', '2026-03-02', '2026-03-02', 'Agency', 'housing', 'A', 'a', '1990-01-01',
           '1 Road', 'E8 1AA', 'Risk', ?, 'E09000012', 2, 'flat', 1, 'secure', 0, 0, 'none', 0, 1, '2026-03-01', '[]', 'no', 'now', 'now')`,
      )
      .run([landlord]).lastInsertRowid;
    appendAudit(t.db, 'Sam Coordinator', new Date('2026-03-02T10:00:00Z'), {
      action: 'case.create',
      entityType: 'case',
      entityId: Number(id),
      summary: 'Case created',
    });
    return { id: Number(id) };
  };

  it('keeps the existing chain, and records a baseline of every case and partner already there', () => {
    t = openTestDb({ to: reliabilityMigration.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const created = insertOldCase(landlord);
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
    insertOldCase(landlord);
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
