import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest, BackupRecordView, RestorePreview } from '../../../contract/backup-types';
import { writeArchive } from '../../../main/backup/archive';
import { FAILED_SUFFIX, makeBackup } from '../../../main/backup/make-backup';
import { exportSnapshot, sha256File } from '../../../main/backup/snapshot';
import { openSnapshot, verifySnapshotFile } from '../../../main/backup/verify';
import { appendAudit } from '../../../main/audit/audit';
import { openTestDb } from '../helpers/test-db';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BACKUP_PASS, configureBackups, ok, refused, seedCases, tempDir } from './helpers';

/*
 * Every refusal leaves the current data exactly as it was: the database and key file are hashed before and after,
 * and no working folder is left behind. The store is locked, as on the "database damaged" screen.
 */
describe('restore refuses, with a clear message and nothing changed', () => {
  let t: TestCore;
  let folder: string;
  let good: BackupRecordView;
  let liveFiles: string[];
  const hashLive = () => liveFiles.map((f) => fs.readFileSync(f).toString('base64')).join('|');

  beforeAll(async () => {
    t = createTestCore();
    await setUp(t);
    await seedCases(t);
    folder = tempDir('reciprocal-refusals-');
    await configureBackups(t, folder);
    good = await ok<BackupRecordView>(t, 'backups.runNow');
    t.core.lock('manual');
    liveFiles = ['reciprocal.db', 'reciprocal.key.json'].map((f) => path.join(t.dataDir, f));
  }, 120_000);
  afterAll(() => {
    t.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function attempt(file: string, passphrase = BACKUP_PASS) {
    const before = hashLive();
    t.dialogs.open.push(file);
    const { token } = await ok<{ token: string }>(t, 'restore.choose');
    const error = await refused(t, 'restore.open', { token, passphrase });
    // Nothing opened means nothing to confirm.
    expect(
      (await refused(t, 'restore.confirm', { token, passphrase: 'a new passphrase here', confirmPassphrase: 'a new passphrase here', replace: true })).message,
    ).toMatch(/Open the backup/);
    expect(hashLive()).toBe(before);
    expect(fs.readdirSync(t.dataDir).filter((f) => f.startsWith('.restore') || f.startsWith('safety'))).toEqual([]);
    expect((await ok<{ state: string }>(t, 'session.status')).state).toBe('locked');
    return error;
  }

  const copyWith = (name: string, change: (b: Buffer) => Buffer) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, change(fs.readFileSync(good.filePath)));
    return file;
  };

  it('a wrong passphrase', async () => {
    const e = await attempt(good.filePath, 'not the backup passphrase');
    expect(e).toMatchObject({ code: 'WRONG_PASSPHRASE', message: 'That passphrase does not open this backup. Check it and try again. Nothing was changed.' });
  }, 30_000);

  it('a truncated file', async () => {
    const e = await attempt(copyWith('cut.plhr.age', (b) => b.subarray(0, Math.floor(b.length * 0.6))));
    expect(e.message).toMatch(/damaged or incomplete/);
  }, 30_000);

  it('a tampered file (one flipped byte in the middle)', async () => {
    const e = await attempt(
      copyWith('flipped.plhr.age', (b) => {
        const c = Buffer.from(b);
        c[Math.floor(c.length / 2)]! ^= 0x01;
        return c;
      }),
    );
    expect(e.message).toMatch(/damaged or incomplete/);
  }, 30_000);

  it('a file that is not an export at all', async () => {
    const file = path.join(folder, 'notes.plhr.age');
    fs.writeFileSync(file, 'Just some notes, not a backup\n');
    expect((await attempt(file)).message).toBe('That file is not a Reciprocal backup or share. Nothing was changed.');
    // An age file of the right kind that holds something else.
    const other = path.join(folder, 'other.plhr.age');
    const { Encrypter } = await import('age-encryption');
    const e = new Encrypter();
    e.setPassphrase(BACKUP_PASS);
    fs.writeFileSync(other, await e.encrypt(randomBytes(5000)));
    expect((await attempt(other)).message).toBe('That file is not a Reciprocal backup or share. Nothing was changed.');
  }, 60_000);

  async function craft(name: string, change: (m: BackupManifest) => BackupManifest, prepare?: (db: ReturnType<typeof openTestDb>['db']) => void) {
    const src = openTestDb();
    try {
      appendAudit(src.db, 'Sam', new Date('2026-11-01T10:00:00Z'), { action: 'a', entityType: 'x', summary: 'one' });
      appendAudit(src.db, 'Sam', new Date('2026-11-01T10:00:00Z'), { action: 'b', entityType: 'x', summary: 'two' });
      prepare?.(src.db);
      const dest = path.join(folder, name);
      const made = await makeBackup({
        db: src.db,
        workRoot: path.join(src.dir, 'work'),
        dest,
        target: { passphrase: BACKUP_PASS },
        kind: 'backup',
        appVersion: '0.1.0',
        createdBy: 'Sam',
        now: new Date('2026-11-20T10:00:00Z'),
        verifyWith: null,
      });
      if (change === identity) return { dest, made };
      // Re-pack the same snapshot under a changed manifest.
      const key = randomBytes(32);
      const snap = path.join(src.dir, 'snap.db');
      exportSnapshot(src.db, snap, key);
      const manifest = change({ ...made.manifest, snapshot: { ...made.manifest.snapshot, size: fs.statSync(snap).size, sha256: await sha256File(snap) } });
      fs.rmSync(dest);
      await writeArchive({ manifest, snapshotFile: snap, snapshotKey: key, dest, target: { passphrase: BACKUP_PASS } });
      return { dest, made };
    } finally {
      src.cleanup();
    }
  }
  const identity = (m: BackupManifest) => m;

  it('a file from a newer app version', async () => {
    const { dest } = await craft('newer.plhr.age', (m) => ({ ...m, appVersion: '9.0.0', schemaVersion: 99 }));
    const e = await attempt(dest);
    expect(e).toMatchObject({ code: 'DATABASE_TOO_NEW' });
    expect(e.message).toMatch(/newer version of Reciprocal \(9\.0\.0\)/);
    const { dest: format } = await craft('newer-format.plhr.age', (m) => ({ ...m, appVersion: '9.1.0', formatVersion: 2 }));
    expect((await attempt(format)).code).toBe('DATABASE_TOO_NEW');
  }, 60_000);

  it('a snapshot whose audit chain does not verify', async () => {
    const { dest, made } = await craft('bad-audit.plhr.age', identity, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.exec("UPDATE audit_log SET summary = 'rewritten' WHERE id = 1");
    });
    // The app's own verification after writing says so too.
    expect(made.problems.join(' ')).toMatch(/audit log does not verify/);
    // A backup that failed its verification is kept only under a name that cannot pass for one; restoring it anyway
    // is refused for what is wrong inside.
    expect(fs.existsSync(dest)).toBe(false);
    const e = await attempt(`${dest}${FAILED_SUFFIX}`);
    expect(e.message).toMatch(
      /^The snapshot’s audit log does not verify: Entry 1 was changed after it was written\. The backup was not restored\. Nothing was changed\.$/,
    );
  }, 60_000);

  /** A snapshot of a store with one audit entry, under its own key, and the manifest that describes it. */
  const oneEntrySnapshot = (src: ReturnType<typeof openTestDb>) => {
    appendAudit(src.db, 'Sam', new Date(), { action: 'a', entityType: 'x', summary: 'one' });
    const key = randomBytes(32);
    const snap = path.join(src.dir, 'snap.db');
    exportSnapshot(src.db, snap, key);
    const db = openSnapshot(snap, key, { readOnly: true });
    const manifest = {
      format: 'reciprocal-backup',
      formatVersion: 1,
      appVersion: '0.1.0',
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
      createdAt: new Date().toISOString(),
      createdBy: 'Sam',
      kind: 'backup',
      demo: false,
      counts: { cases: 0, partners: 0, moves: 0, ledgerEntries: 0, auditEntries: 1 },
      snapshot: { file: 'reciprocal.db', size: 0, sha256: '0'.repeat(64) },
      auditHead: db.prepare('SELECT id, hash FROM audit_log').get() as { id: number; hash: string },
    } satisfies BackupManifest;
    db.close();
    return { snap, key, manifest };
  };

  it('verification catches a flipped byte in the snapshot itself', async () => {
    const src = openTestDb();
    try {
      const { snap, key, manifest } = oneEntrySnapshot(src);
      expect(verifySnapshotFile(snap, key, manifest)).toEqual([]);
      const bytes = fs.readFileSync(snap);
      bytes[4096 + 200]! ^= 0x10;
      fs.writeFileSync(snap, bytes);
      expect(verifySnapshotFile(snap, key, manifest).join(' ')).toMatch(/failed the encryption check/);
    } finally {
      src.cleanup();
    }
  });

  // A file from elsewhere can pass every page's HMAC with its own key and still be broken inside (or made so).
  it('opening a backup to restore checks the snapshot’s structure as well as its pages', async () => {
    const src = openTestDb();
    try {
      const { snap, key, manifest } = oneEntrySnapshot(src);
      // Rows that break their table's declared rules, written through SQLCipher, so every page's HMAC holds.
      const db = openSnapshot(snap, key);
      db.exec('CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (NULL)');
      db.pragma('writable_schema = ON');
      db.exec("UPDATE sqlite_master SET sql = 'CREATE TABLE extra (x INTEGER NOT NULL)' WHERE name = 'extra'");
      db.close();
      const problems = verifySnapshotFile(snap, key, manifest);
      expect(problems).toContain('The snapshot’s database structure is damaged.');
      expect(problems.join(' ')).not.toMatch(/encryption check/);
    } finally {
      src.cleanup();
    }
  });

  it('a demonstration export is restored into a real store only after an explicit yes', async () => {
    const { dest } = await craft('demo.plhr.age', (m) => ({ ...m, demo: true }));
    t.dialogs.open.push(dest);
    const { token } = await ok<{ token: string }>(t, 'restore.choose');
    const preview = await ok<RestorePreview>(t, 'restore.open', { token, passphrase: BACKUP_PASS });
    expect(preview.manifest.demo).toBe(true);
    const before = hashLive();
    const pass = 'a new passphrase for demo';
    const e = await refused(t, 'restore.confirm', { token, passphrase: pass, confirmPassphrase: pass, replace: true });
    expect(e).toMatchObject({ code: 'RULE', fields: { acceptDemo: 'Confirm that you want demonstration data' } });
    expect(e.message).toMatch(/demonstration store/);
    expect(hashLive()).toBe(before);
    await ok(t, 'restore.confirm', { token, passphrase: pass, confirmPassphrase: pass, replace: true, acceptDemo: true });
    expect(hashLive()).not.toBe(before);
  }, 60_000);
});
