import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupRecordView, RestorePreview } from '../../../contract/backup-types';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { BACKUP_PASS, configureBackups, dumpTables, ok, refused, seedCases, tempDir } from './helpers';

const NEW_PASS = 'the passphrase chosen at restore';

describe('backup and restore through the registry', () => {
  let t: TestCore | undefined;
  let folders: string[] = [];
  afterEach(() => {
    t?.cleanup();
    t = undefined;
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
    folders = [];
  });

  it('round trip: what is restored is identical, table by table and row by row, under a new passphrase, recovery key and data key', async () => {
    t = createTestCore();
    await setUp(t);
    await seedCases(t);
    const folder = tempDir('reciprocal-backups-');
    folders.push(folder);
    await configureBackups(t, folder);
    const before = dumpTables(t.core.services.db());
    const keyFileBefore = fs.readFileSync(path.join(t.dataDir, 'reciprocal.key.json'), 'utf8');

    const record = await ok<BackupRecordView>(t, 'backups.runNow');
    expect(record).toMatchObject({ kind: 'backup', trigger: 'manual', verified: true, problem: null });
    expect(fs.existsSync(record.filePath)).toBe(true);
    expect(record.fileName).toMatch(/^reciprocal-backup-.*\.plhr\.age$/);
    // On the job runner: its progress events carry the job's kind.
    const progress = t.events.filter((e) => e.type === 'progress' && e.kind === 'backup.write');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ done: 100, total: 100 });
    const status = await ok<{ lastBackup: BackupRecordView; overdue: string | null }>(t, 'backups.status');
    expect(status.lastBackup.id).toBe(record.id);
    expect(status.overdue).toBeNull();

    // Work after the backup is what a restore rolls back.
    await ok(t, 'partners.create', {
      name: 'Camden Council',
      type: 'local_authority',
      status: 'active',
      statusChangedOn: '2019-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: [],
      approvalRouteNotes: '',
      contacts: [{ kind: 'named_lead', name: 'Cam Lead', role: 'Lettings', phone: '020 7946 0002', email: 'cam@example.gov.uk', secureEmail: '' }],
    });

    t.dialogs.open.push(record.filePath);
    const chosen = await ok<{ token: string }>(t, 'restore.choose');
    const preview = await ok<RestorePreview>(t, 'restore.open', { token: chosen.token, passphrase: BACKUP_PASS });
    expect(preview.manifest).toMatchObject({ kind: 'backup', demo: false, counts: { cases: 2, partners: 1, moves: 0, ledgerEntries: 0 } });
    expect(preview.willMigrate).toBe(false);

    const restored = await ok<{ recoveryKey: string }>(t, 'restore.confirm', {
      token: chosen.token,
      passphrase: NEW_PASS,
      confirmPassphrase: NEW_PASS,
      replace: true,
    });
    expect(restored.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect((await ok<{ state: string }>(t, 'session.status')).state).toBe('locked');
    expect(fs.readFileSync(path.join(t.dataDir, 'reciprocal.key.json'), 'utf8')).not.toBe(keyFileBefore);
    expect(fs.readdirSync(t.dataDir).filter((f) => f.startsWith('safety-copy') || f.startsWith('.restore'))).toEqual([]);

    expect((await refused(t, 'vault.unlock', { passphrase: PASSPHRASE })).code).toBe('WRONG_PASSPHRASE');
    await ok(t, 'vault.unlock', { passphrase: NEW_PASS });
    const after = dumpTables(t.core.services.db());
    const restoredAudit = after['audit_log']!.filter((r) => !String(r).includes('"action":"backup.restored"'));
    expect(after['audit_log']!.length - restoredAudit.length).toBe(1);
    expect({ ...after, audit_log: restoredAudit }).toEqual(before);
    expect((await ok<{ ok: boolean }>(t, 'audit.verify')).ok).toBe(true);

    // The new recovery key opens the restored data too.
    t.core.lock('manual');
    await ok(t, 'vault.unlockWithRecoveryKey', { recoveryKey: restored.recoveryKey });
  }, 300_000);

  it('restores on a fresh install, before any setup', async () => {
    const source = createTestCore();
    t = source;
    await setUp(source);
    await seedCases(source);
    const folder = tempDir('reciprocal-backups-');
    folders.push(folder);
    await configureBackups(source, folder);
    const record = await ok<BackupRecordView>(source, 'backups.runNow');
    source.cleanup();

    t = createTestCore();
    expect((await ok<{ state: string }>(t, 'session.status')).state).toBe('needs-setup');
    t.dialogs.open.push(record.filePath);
    const { token } = await ok<{ token: string }>(t, 'restore.choose');
    await ok(t, 'restore.open', { token, passphrase: BACKUP_PASS });
    // The restore's database work runs on the job runner: main keeps answering other calls while it runs.
    const core = t;
    let settled = false;
    const confirming = ok(core, 'restore.confirm', { token, passphrase: NEW_PASS, confirmPassphrase: NEW_PASS, replace: true }).finally(() => (settled = true));
    const restoreJobRunning = () => {
      const started = core.events.some((e) => e.type === 'progress' && e.kind === 'restore.stage');
      const ended = core.events.some((e) => e.type === 'job' && e.kind === 'restore.stage');
      return started && !ended;
    };
    let answeredDuringRestore = 0;
    while (!settled) {
      const running = restoreJobRunning();
      const ping = await core.call('session.status');
      if (running && ping.ok && restoreJobRunning()) answeredDuringRestore++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await confirming;
    expect(answeredDuringRestore).toBeGreaterThan(0);
    expect(core.events.filter((e) => e.type === 'progress' && e.kind === 'restore.stage').length).toBeGreaterThan(2);
    expect(core.events.find((e) => e.type === 'job' && e.kind === 'restore.check')).toMatchObject({ outcome: 'finished' });
    await ok(t, 'vault.unlock', { passphrase: NEW_PASS });
    expect((await ok<{ total: number }>(t, 'cases.list', {})).total).toBe(2);
  }, 300_000);

  it('refuses a restore without the confirmation or before the backup was opened', async () => {
    t = createTestCore();
    await setUp(t);
    const folder = tempDir('reciprocal-backups-');
    folders.push(folder);
    await configureBackups(t, folder);
    const record = await ok<BackupRecordView>(t, 'backups.runNow');
    t.dialogs.open.push(record.filePath);
    const { token } = await ok<{ token: string }>(t, 'restore.choose');
    expect((await refused(t, 'restore.confirm', { token, passphrase: NEW_PASS, confirmPassphrase: NEW_PASS })).code).toBe('VALIDATION');
    expect((await refused(t, 'restore.confirm', { token, passphrase: NEW_PASS, confirmPassphrase: NEW_PASS, replace: true })).message).toMatch(
      /Open the backup/,
    );
    // Refused before anything happened: still unlocked on the same data.
    expect((await ok<{ state: string }>(t, 'session.status')).state).toBe('unlocked');
    expect((await ok<BackupRecordView[]>(t, 'backups.list')).map((r) => r.id)).toEqual([record.id]);
  }, 300_000);
});
