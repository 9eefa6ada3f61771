import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupRecordView } from '../../../contract/backup-types';
import { entryHash } from '../../../main/audit/audit';
import type { AuditRow } from '../../../main/audit/audit';
import type { Db } from '../../../main/db/types';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { configureBackups, ok, seedCases, tempDir } from './helpers';

type Row = Required<AuditRow>;

/**
 * What a careful forger does: rewrite an entry and re-hash every entry after it, so the chain verifies on its own.
 * The app's own entry hash is used, so entries carrying row digests are re-hashed exactly as the app would.
 */
function rewriteFrom(db: Db, id: number, summary: string) {
  db.exec('DROP TRIGGER audit_log_no_update');
  const rows = db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all([id]) as unknown as Row[];
  let prev = db.prepare('SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1', { pluck: true }).get([id]) as string;
  // Hashes go through temporary values first: the column is UNIQUE.
  db.exec("UPDATE audit_log SET hash = 'tmp-' || id WHERE id >= " + id);
  for (const row of rows) {
    const next = row.id === id ? { ...row, summary } : row;
    const { id: _id, prev_hash: _prev, hash: _hash, ...fields } = next;
    const hash = entryHash(prev, fields);
    db.prepare('UPDATE audit_log SET summary = ?, prev_hash = ?, hash = ? WHERE id = ?').run([next.summary, prev, hash, row.id]);
    prev = hash;
  }
}

describe('audit anchoring: the live chain against the heads recorded in backups', () => {
  let t: TestCore | undefined;
  let folder: string | undefined;
  afterEach(() => {
    t?.cleanup();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function withBackup(): Promise<{ t: TestCore; record: BackupRecordView }> {
    const core = createTestCore();
    t = core;
    await setUp(core);
    await seedCases(core);
    folder = tempDir('reciprocal-anchor-');
    await configureBackups(core, folder);
    const record = await ok<BackupRecordView>(core, 'backups.runNow');
    return { t: core, record };
  }

  it('catches the newest entries deleted, naming the backup it contradicts', async () => {
    const { t: core, record } = await withBackup();
    expect(await ok(core, 'audit.verify')).toMatchObject({ ok: true, problem: null });
    const db = core.core.services.db();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.exec('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)');
    // On its own the shortened chain still verifies: that is the gap anchoring closes.
    const report = await ok<{ ok: boolean; problem: string }>(core, 'audit.verify');
    expect(report.ok).toBe(false);
    expect(report.problem).toContain(record.fileName);
    expect(report.problem).toMatch(/Entries were removed after the backup was taken\.$/);
  }, 180_000);

  it('catches a middle entry rewritten and the chain re-hashed after it', async () => {
    const { t: core, record } = await withBackup();
    rewriteFrom(core.core.services.db(), 3, 'Nothing to see here');
    const report = await ok<{ ok: boolean; problem: string }>(core, 'audit.verify');
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/the history was rewritten after that backup was taken/);
    expect(report.problem).toContain(record.fileName);
  }, 180_000);

  it('counts only backups that are still there, and says which recorded backup it could not compare', async () => {
    const { t: core, record } = await withBackup();
    fs.rmSync(record.filePath);
    const db = core.core.services.db();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.exec('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)');
    const report = await ok<{ ok: boolean; anchorNotes: string[] }>(core, 'audit.verify');
    expect(report.ok).toBe(true);
    expect(report.anchorNotes).toEqual([
      expect.stringMatching(new RegExp(`${record.fileName.replace(/\./g, '\\.')} of .* is recorded but its file is no longer there`)),
    ]);
  }, 180_000);

  // The file is the source of truth: someone able to cut the log can also clean up or edit `backup_records`.
  it('reads the heads from the backup files: deleted newest entries are caught with their backup records deleted too', async () => {
    const { t: core, record } = await withBackup();
    const db = core.core.services.db();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.exec('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)');
    db.exec('DELETE FROM backup_records');
    const report = await ok<{ ok: boolean; problem: string }>(core, 'audit.verify');
    expect(report.ok).toBe(false);
    expect(report.problem).toContain(record.fileName);
    expect(report.problem).toMatch(/Entries were removed after the backup was taken\.$/);
  }, 180_000);

  it('reads the heads from the backup files: a rewritten middle is caught with the recorded head edited to match', async () => {
    const { t: core, record } = await withBackup();
    const db = core.core.services.db();
    const headId = Number(db.prepare('SELECT audit_head_id FROM backup_records WHERE id = ?', { pluck: true }).get([record.id]));
    rewriteFrom(db, 3, 'Nothing to see here');
    const forged = db.prepare('SELECT hash FROM audit_log WHERE id = ?', { pluck: true }).get([headId]) as string;
    db.prepare('UPDATE backup_records SET audit_head_hash = ? WHERE id = ?').run([forged, record.id]);
    const report = await ok<{ ok: boolean; problem: string }>(core, 'audit.verify');
    expect(report.ok).toBe(false);
    expect(report.problem).toContain(record.fileName);
    expect(report.problem).toMatch(/no longer matches the file/);
  }, 180_000);
});
