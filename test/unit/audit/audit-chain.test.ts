import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { appendAudit, diffFields, listAudit, verifyAuditChain } from '../../../main/audit/audit';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

describe('the audit log hash chain', () => {
  let t: TestDb | undefined;
  let c: TestCore | undefined;
  afterEach(() => {
    t?.cleanup();
    c?.cleanup();
  });

  const seed = (db: TestDb['db']) => {
    for (let i = 1; i <= 5; i++)
      appendAudit(db, 'Sam', new Date(Date.UTC(2026, 10, i)), {
        action: 'case.updated',
        entityType: 'case',
        entityId: i,
        caseId: i,
        summary: `Entry ${i}`,
        changes: [{ field: 'x', before: i - 1, after: i }],
      });
  };

  it('verifies an untouched log', () => {
    t = openTestDb();
    seed(t.db);
    expect(verifyAuditChain(t.db)).toEqual({ ok: true, entries: 5, firstBadId: null, problem: null });
  });

  it('detects an entry edited behind the triggers’ back', () => {
    t = openTestDb();
    seed(t.db);
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db.exec(`UPDATE audit_log SET changes = '[{"field":"x","before":2,"after":99}]' WHERE id = 3`);
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBadId: 3, problem: 'Entry 3 was changed after it was written.' });
  });

  it('detects a removed entry', () => {
    t = openTestDb();
    seed(t.db);
    t.db.exec('DROP TRIGGER audit_log_no_delete');
    t.db.exec('DELETE FROM audit_log WHERE id = 2');
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBadId: 3 });
  });

  // A restore walks only what it added after the backup's newest entry (its whole chain was walked when opened).
  it('walks on from a known entry, which must still have the hash recorded for it', () => {
    t = openTestDb();
    seed(t.db);
    const head = t.db.prepare('SELECT id, hash FROM audit_log WHERE id = 3').get<{ id: number; hash: string }>()!;
    expect(verifyAuditChain(t.db, { from: head })).toEqual({ ok: true, entries: 2, firstBadId: null, problem: null });
    expect(verifyAuditChain(t.db, { from: { id: 3, hash: 'f'.repeat(64) } })).toMatchObject({
      ok: false,
      firstBadId: 3,
      problem: 'Entry 3 is not the one the backup recorded as its newest.',
    });
    expect(verifyAuditChain(t.db, { from: { id: 9, hash: head.hash } })).toMatchObject({ ok: false, firstBadId: 9 });
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db.exec(`UPDATE audit_log SET summary = 'Edited' WHERE id = 4`);
    expect(verifyAuditChain(t.db, { from: head })).toMatchObject({ ok: false, firstBadId: 4, problem: 'Entry 4 was changed after it was written.' });
  });

  it('sees each verified entry once, in order, and none after the first bad one', () => {
    t = openTestDb();
    seed(t.db);
    const seen: number[] = [];
    expect(verifyAuditChain(t.db, { onEntry: (row) => seen.push(row.id) }).ok).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    t.db.exec('DROP TRIGGER audit_log_no_update');
    t.db.exec(`UPDATE audit_log SET summary = 'Edited' WHERE id = 3`);
    seen.length = 0;
    expect(verifyAuditChain(t.db, { onEntry: (row) => seen.push(row.id) }).ok).toBe(false);
    expect(seen).toEqual([1, 2]);
  });

  it('lists newest first with filters', () => {
    t = openTestDb();
    seed(t.db);
    expect(listAudit(t.db, { caseId: 2 }).map((e) => e.summary)).toEqual(['Entry 2']);
    expect(listAudit(t.db, { limit: 2 }).map((e) => e.id)).toEqual([5, 4]);
    expect(listAudit(t.db, { beforeId: 3 }).map((e) => e.id)).toEqual([2, 1]);
  });

  it('records before and after only for fields that changed', () => {
    expect(diffFields({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], c: 'y' }, ['a', 'b', 'c'])).toEqual([
      { field: 'b', before: [1, 2], after: [1, 3] },
      { field: 'c', before: 'x', after: 'y' },
    ]);
  });

  it('a change that writes no audit entry is rolled back', async () => {
    c = createTestCore();
    await setUp(c);
    expect(() =>
      c!.core.services.change((tx) => {
        tx.db.prepare("INSERT INTO settings (key, value) VALUES ('sneaky', '1')").run();
      }),
    ).toThrow(/audit entry/);
    expect(c.core.services.db().prepare("SELECT count(*) FROM settings WHERE key = 'sneaky'", { pluck: true }).get()).toBe(0);
  });

  it('a change cannot be asynchronous: its later writes would land outside the transaction', async () => {
    c = createTestCore();
    await setUp(c);
    const db = c.core.services.db();
    const before = db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get();
    expect(() =>
      c!.core.services.change(async (tx) => {
        tx.audit({ action: 'test.async', entityType: 'test', summary: 'Async change' });
        tx.db.prepare("INSERT INTO settings (key, value) VALUES ('early', '1')").run();
        await Promise.resolve();
      }),
    ).toThrow(/synchronous/);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'early'", { pluck: true }).get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get()).toBe(before);
  });

  it('settings changes are audited with before and after', async () => {
    c = createTestCore();
    await setUp(c);
    await c.call('settings.updateGeneral', { autoLockMinutes: 15 });
    const [latest] = listAudit(c.core.services.db(), { action: 'settings.updated' });
    expect(latest).toMatchObject({ actor: 'Sam Coordinator', changes: [{ field: 'autoLockMinutes', before: 5, after: 15 }] });
    expect(verifyAuditChain(c.core.services.db()).ok).toBe(true);
  });
});
