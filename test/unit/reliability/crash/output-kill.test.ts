import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRecordView } from '../../../../contract/backup-types';
import { dataFiles } from '../../../../main/app/data-files';
import { verifyAuditLog } from '../../../../main/audit/row-check';
import { openArchive } from '../../../../main/backup/archive';
import { recoverInterruptedRestore } from '../../../../main/backup/restore';
import { openSnapshot, verifySnapshotFile } from '../../../../main/backup/verify';
import { openEncrypted } from '../../../../main/db/open';
import { readKeyFile, unwrapKey } from '../../../../main/vault/key-file';
import { createTestCore, PASSPHRASE, setUp } from '../../helpers/test-core';
import { BACKUP_PASS, configureBackups, ok, seedCases, tempDir } from '../../backup/helpers';
import { changedTables, fingerprint } from '../db-fingerprint';
import { runAndKill } from './run-and-kill';

/*
 * Issue 15: a SIGKILL part-way through a backup, a restore, or an export (the write paths of circulation packs,
 * reports and statements) leaves the live data intact and usable, and no half-written output that looks complete.
 * The work runs in a child process (output-worker.ts) and is killed at a random moment of it; after each kill the
 * app's own start-up recovery runs, and then: the store opens with a passphrase the coordinator knows, passes
 * `integrity_check`, `cipher_integrity_check` and the audit check, and holds either the data it had or the restored
 * data, nothing in between; every file with a finished name is complete.
 * RECIPROCAL_KILLS sets the kills shared by the three (30 in `npm test`, 500 in `npm run test:soak`).
 */

const KILLS = Math.max(3, Math.round(Number(process.env['RECIPROCAL_KILLS'] ?? 30) / 3));
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const NEW_PASS = 'the passphrase given at restore';

async function bundle(): Promise<string> {
  const outfile = path.join(ROOT, 'test-results', 'crash-worker', `output-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'output-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@signalapp/sqlcipher'],
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** Runs `kills` kills at random moments spread over about one and a half pieces of work, calibrated by a first run. */
async function killLoop(worker: string, env: Record<string, string>, kills: number, check: (context: string) => Promise<void>): Promise<number> {
  const calibration = await runAndKill([worker], env, null);
  expect(calibration.stderr).toBe('');
  await check('calibration run');
  const span = 1.5 * (calibration.firstMs ?? 2000);
  let done = 0;
  for (let kill = 0; kill < kills; kill++) {
    const afterMs = Math.random() * span;
    const run = await runAndKill([worker], env, afterMs);
    const context = `kill ${kill + 1} after ${afterMs.toFixed(0)} ms`;
    expect(run.stderr, context).toBe('');
    expect(run.killed, context).toBe(true);
    done += run.done;
    await check(context);
  }
  return done;
}

async function openLive(dataDir: string): Promise<{ key: Buffer; restored: boolean }> {
  const keyFile = readKeyFile(dataFiles(dataDir).keyFile);
  const old = await unwrapKey(keyFile, PASSPHRASE, 'passphrase');
  if (old) return { key: old, restored: false };
  const fresh = await unwrapKey(keyFile, NEW_PASS, 'passphrase');
  if (!fresh) throw new Error('Neither passphrase opens the store after the kill');
  return { key: fresh, restored: true };
}

function checkStore(file: string, key: Buffer, context: string) {
  const db = openEncrypted(file, key, { mustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
    expect(db.pragma('cipher_integrity_check'), context).toEqual([]);
    const audit = verifyAuditLog(db);
    expect(audit.problem, context).toBeNull();
    return { print: fingerprint(db), lastAction: db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1', { pluck: true }).get() };
  } finally {
    db.close();
  }
}

describe('kills during backup, restore and export leave the data intact and no output that looks complete', () => {
  let worker: string;
  let dataDir: string;
  let backupFile: string;
  const folders: string[] = [];
  let original: Record<string, string>;
  /** What the backup holds: the store as it was just before the backup (so without that backup's own record). */
  let inBackup: Record<string, string>;

  beforeAll(async () => {
    worker = await bundle();
    const t = createTestCore();
    dataDir = t.dataDir;
    await setUp(t);
    await seedCases(t);
    const folder = tempDir('reciprocal-kill-backups-');
    folders.push(folder);
    await configureBackups(t, folder);
    backupFile = (await ok<BackupRecordView>(t, 'backups.runNow')).filePath;
    t.core.close();
    const { key } = await openLive(dataDir);
    original = checkStore(dataFiles(dataDir).database, key, 'before').print;
    const dir = tempDir('reciprocal-kill-snapshot-');
    folders.push(dir);
    const opened = await openArchive(backupFile, { passphrase: BACKUP_PASS }, dir);
    const snap = openSnapshot(opened.snapshotFile, opened.snapshotKey, { readOnly: true });
    inBackup = fingerprint(snap);
    snap.close();
  }, 300_000);

  afterAll(() => {
    fs.rmSync(worker, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  });

  it(
    `${KILLS} kills during backups: the store is unchanged, and every *.plhr.age is a complete, verified backup`,
    { timeout: 120_000 + KILLS * 60_000 },
    async () => {
      const out = tempDir('reciprocal-kill-out-');
      folders.push(out);
      const verified = new Set<string>();
      const env = {
        RECIPROCAL_OUT_MODE: 'backup',
        RECIPROCAL_OUT_DATA: dataDir,
        RECIPROCAL_OUT_DIR: out,
        RECIPROCAL_OUT_PASS: PASSPHRASE,
        RECIPROCAL_OUT_BACKUP_PASS: BACKUP_PASS,
      };
      const done = await killLoop(worker, env, KILLS, async (context) => {
        recoverInterruptedRestore(dataFiles(dataDir));
        expect(
          fs.readdirSync(dataDir).filter((f) => f.startsWith('.backup-work')),
          context,
        ).toEqual([]);
        const { key } = await openLive(dataDir);
        expect(changedTables(original, checkStore(dataFiles(dataDir).database, key, context).print), context).toEqual([]);
        for (const name of fs.readdirSync(out)) {
          // Anything else is a *.partial: named as unfinished, never listed or counted as a backup.
          expect(name, context).toMatch(/\.plhr\.age(\.partial)?$/);
          if (!name.endsWith('.plhr.age') || verified.has(name)) continue;
          const dir = tempDir('reciprocal-kill-verify-');
          try {
            const opened = await openArchive(path.join(out, name), { passphrase: BACKUP_PASS }, dir);
            expect(verifySnapshotFile(opened.snapshotFile, opened.snapshotKey, opened.manifest), `${context}: ${name}`).toEqual([]);
            verified.add(name);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }
      });
      expect(done).toBeGreaterThan(0);
      expect(verified.size).toBeGreaterThan(0);
    },
  );

  it(
    `${KILLS} kills during restores: the store holds the data it had or the restored data, and opens with a known passphrase`,
    { timeout: 120_000 + KILLS * 60_000 },
    async () => {
      const env = {
        RECIPROCAL_OUT_MODE: 'restore',
        RECIPROCAL_OUT_DATA: dataDir,
        RECIPROCAL_OUT_DIR: dataDir,
        RECIPROCAL_OUT_PASS: PASSPHRASE,
        RECIPROCAL_OUT_NEW_PASS: NEW_PASS,
        RECIPROCAL_OUT_BACKUP_PASS: BACKUP_PASS,
        RECIPROCAL_OUT_BACKUP: backupFile,
      };
      const seen = { before: 0, restored: 0 };
      await killLoop(worker, env, KILLS, async (context) => {
        // What the app does first at start: a restore that never finished is undone.
        recoverInterruptedRestore(dataFiles(dataDir));
        expect(
          fs.readdirSync(dataDir).filter((f) => f.startsWith('safety-copy') || f.startsWith('.restore') || f.startsWith('.safety')),
          context,
        ).toEqual([]);
        const { key, restored } = await openLive(dataDir);
        const store = checkStore(dataFiles(dataDir).database, key, context);
        // The restored store is the backup's data plus its restore entry (and the recovery-key reminder it resets).
        const differs = restored
          ? changedTables(inBackup, store.print).filter((t) => t !== 'audit_log' && t !== 'settings')
          : changedTables(original, store.print);
        expect(differs, context).toEqual([]);
        if (restored) expect(store.lastAction, context).toBe('backup.restored');
        seen[restored ? 'restored' : 'before']++;
      });
      expect(seen.restored).toBeGreaterThan(0);
    },
  );

  it(`${KILLS} kills during exports: every finished file name holds a complete file`, { timeout: 120_000 + KILLS * 30_000 }, async () => {
    const out = tempDir('reciprocal-kill-exports-');
    folders.push(out);
    const env = { RECIPROCAL_OUT_MODE: 'export', RECIPROCAL_OUT_DATA: dataDir, RECIPROCAL_OUT_DIR: out, RECIPROCAL_OUT_PASS: PASSPHRASE };
    let complete = 0;
    await killLoop(worker, env, KILLS, async (context) => {
      for (const name of fs.readdirSync(out)) {
        const bytes = fs.readFileSync(path.join(out, name));
        if (name.endsWith('.pdf')) {
          expect(createHash('sha256').update(bytes.subarray(32)).digest().equals(bytes.subarray(0, 32)), `${context}: ${name}`).toBe(true);
          complete++;
        } else {
          // A temporary file: hidden, and named so that nothing takes it for the export.
          expect(name, context).toMatch(/^\..*\.tmp$/);
        }
      }
    });
    expect(complete).toBeGreaterThan(0);
  });
});
