import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../../main/audit/audit';
import { verifyAuditLog } from '../../../main/audit/row-check';
import type { AnonymiseResult } from '../../../contract/rights';
import { aMarkedCase, rightsWorld, type RightsWorld } from './rights-fixture';

/*
 * The audit log after an erasure: the case's entries lose their personal before/after values and reasons, the chain
 * still verifies, and it is not blind. A redacted entry edited afterwards, a redaction made behind the app's back
 * (a row in audit_redactions with no declaring entry), or a declaration that does not match, are each reported.
 */

describe('audit redaction keeps the chain checkable', () => {
  let w: RightsWorld | undefined;
  afterEach(() => w?.cleanup());

  const erased = async () => {
    w = await rightsWorld('2026-03-02');
    const c = await aMarkedCase(w, 'qwe', 5, '2026-03-02', 'closed');
    const db = w.t.core.services.db();
    const entries = db.prepare('SELECT id FROM audit_log WHERE case_id = ? ORDER BY id', { pluck: true }).all([c.id]) as number[];
    const res = await w.ok<AnonymiseResult>('rights.erase', { caseId: c.id, reason: 'Applicant asked for erasure', confirmReference: c.reference });
    return { c, db: w.t.core.services.db(), entries, res };
  };

  it('redacts the values, keeps who, when, what and the summary, and the check passes', { timeout: 180_000 }, async () => {
    const { c, db, res } = await erased();
    expect(res.auditEntriesRedacted).toBeGreaterThan(5);
    const rows = db.prepare('SELECT id, action, summary, changes, reason FROM audit_log WHERE case_id = ? ORDER BY id').all<{
      id: number;
      action: string;
      summary: string;
      changes: string;
      reason: string | null;
    }>([c.id]);
    const text = JSON.stringify(rows);
    expect(c.markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()))).toEqual([]);
    expect(rows.find((r) => r.action === 'case.updated')?.changes).toContain('[erased]');
    // States are not personal: the transitions' before and after stay readable.
    expect(rows.some((r) => r.changes.includes('"after":"closed"'))).toBe(true);
    expect(rows.find((r) => r.action === 'case.erased')).toMatchObject({ reason: 'Applicant asked for erasure' });
    const declaration = db.prepare("SELECT changes FROM audit_log WHERE action = 'audit.redacted'", { pluck: true }).get() as string;
    expect(JSON.parse(declaration)).toHaveLength(res.auditEntriesRedacted);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('the database refuses an edit of the log that is not a recorded redaction', { timeout: 180_000 }, async () => {
    const { db, entries } = await erased();
    const id = entries[0]!;
    expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE id = ?").run([id])).toThrow(/append-only/);
    const plain = db.prepare('SELECT id FROM audit_log WHERE id NOT IN (SELECT audit_id FROM audit_redactions) LIMIT 1', { pluck: true }).get() as number;
    expect(() => db.prepare("UPDATE audit_log SET changes = '[]' WHERE id = ?").run([plain])).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_redactions').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE case_events SET text = 'new words'").run()).toThrow(/append-only/);
  });

  it('notices a redacted entry changed afterwards', { timeout: 180_000 }, async () => {
    const { db } = await erased();
    const id = db.prepare('SELECT audit_id FROM audit_redactions ORDER BY audit_id LIMIT 1', { pluck: true }).get() as number;
    // Allowed by the trigger (a redaction row exists), but it is not the content the redaction recorded.
    db.prepare(`UPDATE audit_log SET changes = '[{"field":"applicant.fullName","before":"Someone","after":"[erased]"}]' WHERE id = ?`).run([id]);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, firstBadId: id, problem: `Entry ${id} was changed after its personal details were erased.` });
  });

  it('notices a redaction made outside Reciprocal, even with its hashes right', { timeout: 180_000 }, async () => {
    const { db } = await erased();
    const row = db
      .prepare("SELECT * FROM audit_log WHERE action = 'settings.retention_policy_updated' OR action = 'partner.created' ORDER BY id LIMIT 1")
      .get<Record<string, string | number | null> & { id: number; prev_hash: string; hash: string }>()!;
    const changes = '[]';
    const redactedHash = entryHash(row.prev_hash, { ...(row as unknown as Parameters<typeof entryHash>[1]), changes });
    db.prepare("INSERT INTO audit_redactions VALUES (?, ?, ?, '2026-03-02T00:00:00.000Z')").run([row.id, row.hash, redactedHash]);
    db.prepare('UPDATE audit_log SET changes = ? WHERE id = ?').run([changes, row.id]);
    expect(verifyAuditLog(db)).toMatchObject({
      ok: false,
      firstBadId: row.id,
      problem: `Entry ${row.id} was rewritten as an erasure, but no erasure in the audit log records it: it was changed outside Reciprocal.`,
    });
  });
});
