import fs from 'node:fs';
import path from 'node:path';
import type { BackupManifest } from '../../contract/backup-types';
import { appendAudit, verifyAuditChain } from '../audit/audit';
import type { DataFiles } from '../app/data-files';
import type { Db } from '../db/types';
import { latestVersion, migrate } from '../db/migrate';
import { openEncrypted } from '../db/open';
import { AppFailure } from '../errors';
import { readGeneralSettings } from '../settings/settings-repo';
import { createKeyFile, writeKeyFile } from '../vault/key-file';
import { generateRecoveryKey } from '../vault/recovery-key';
import { markRecoveryKey } from '../vault/recovery-key-state';
import type { WorkControl } from './progress';
import { exportSnapshot, readCounts } from './snapshot';
import { cipherIntegrityCheck, openSnapshot } from './verify';

/*
 * A restore in three steps. The two long ones (`stageRestore`, `checkRestored`) are plain functions of files and keys,
 * so they run in a job worker (restore-job.ts) and main's event loop keeps answering meanwhile; only the swap of files
 * (`swapIn`, a few renames) runs on main, between them, once the live store is closed.
 */

export const STAGED = { database: 'reciprocal.db', keyFile: 'reciprocal.key.json' } as const;

const liveFiles = (files: DataFiles) => [files.database, `${files.database}-wal`, `${files.database}-shm`, files.keyFile];

/**
 * The restored copy holds the backup's records, and after the backup's newest audit entry only what the restore
 * added: the upgrade's baseline entries when the backup is from an older data version (a migration re-records every
 * row's digest: see `recordUpgradeBaseline`), then the restore's own entry.
 */
const restoredCounts = (db: Db, manifest: BackupManifest): boolean => {
  const counts = readCounts(db);
  const added = db.prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id', { pluck: true }).all([manifest.auditHead.id]) as string[];
  const upgrades = added.slice(0, -1);
  return (
    counts.cases === manifest.counts.cases &&
    counts.partners === manifest.counts.partners &&
    counts.moves === manifest.counts.moves &&
    counts.ledgerEntries === manifest.counts.ledgerEntries &&
    added.at(-1) === 'backup.restored' &&
    upgrades.every((a) => a === 'audit.baseline') &&
    (upgrades.length === 0 || manifest.schemaVersion < latestVersion()) &&
    counts.auditEntries === manifest.counts.auditEntries + added.length
  );
};

const notVerified = () => new AppFailure('INTERNAL', 'The restored copy did not verify, so the current data was kept as it was. Nothing was changed.');

/**
 * The restored database must hold what the manifest says (plus the one audit entry recording the restore): every
 * page's HMAC, the counts, and the audit chain from the backup's newest entry on. Run once, on the staged copy, before
 * anything is swapped. The whole chain was walked on the backup's snapshot when it was opened (`backupOpenJob`, a
 * step no restore skips), and the copy is that snapshot's rows under the new key; walking all of it again was a
 * third of a restore at 50,000 cases. What this copy adds (the upgrade's and the restore's entries) is walked here.
 */
export function checkRestored(file: string, key: Buffer, manifest: BackupManifest): void {
  const db = openEncrypted(file, key);
  try {
    if (cipherIntegrityCheck(db).length || !restoredCounts(db, manifest) || !verifyAuditChain(db, { from: manifest.auditHead }).ok) throw notVerified();
  } finally {
    db.close();
  }
}

/**
 * After the swap, before the safety copy goes: the files now in place open with the new key and hold the restored
 * counts. The page-by-page check and the audit chain ran on these same bytes a moment earlier (`checkRestored` in the
 * stage, and only renames since), so repeating them here doubled a restore's checking time for nothing; this check
 * catches what the swap itself could get wrong (a file missing, or the wrong one in place).
 */
export function confirmSwapped(file: string, key: Buffer, manifest: BackupManifest): void {
  if (!fs.existsSync(file)) throw notVerified();
  const db = openEncrypted(file, key);
  try {
    if (!restoredCounts(db, manifest)) throw notVerified();
  } finally {
    db.close();
  }
}

export interface StageInput {
  snapshotFile: string;
  snapshotKey: Buffer;
  manifest: BackupManifest;
  /** An empty private folder beside the live data (same file system, so the swap is renames). */
  stage: string;
  /** The restored data's fresh key. */
  dataKey: Buffer;
  passphrase: string;
  now: Date;
}

/**
 * Builds the new store in `stage`: the snapshot copied under the fresh data key, migrated to this version, with the
 * restore's audit entry, checked, and its key file wrapped by the new passphrase and a new recovery key. Touches
 * nothing outside `stage`, so stopping it at any point (cancel, kill) leaves the live data as it was.
 */
export async function stageRestore(input: StageInput, control: WorkControl = {}): Promise<{ recoveryKey: string }> {
  const { manifest, now, dataKey } = input;
  const report = (pct: number, label: string) => control.onProgress?.(pct, 100, label);
  const stagedDb = path.join(input.stage, STAGED.database);
  report(5, 'Copying the backup under a new key');
  const source = openSnapshot(input.snapshotFile, input.snapshotKey);
  try {
    exportSnapshot(source, stagedDb, dataKey);
  } finally {
    source.close();
  }
  control.signal?.throwIfAborted();
  report(40, 'Bringing the data up to this version');
  const db = openEncrypted(stagedDb, dataKey);
  try {
    migrate(db);
    const actor = readGeneralSettings(db).coordinatorName;
    db.transaction(() => {
      // The backup's record of whether its recovery key was stored is about a key this restore retires: the new key
      // is not confirmed until the coordinator says so, so a close while it is on show brings the reminder.
      markRecoveryKey(db, null);
      appendAudit(db, actor, now, {
        action: 'backup.restored',
        entityType: 'vault',
        summary: `Data restored from the backup of ${manifest.createdAt.slice(0, 10)} (app ${manifest.appVersion}); new passphrase, recovery key and data key`,
      });
    })();
  } finally {
    db.close();
  }
  control.signal?.throwIfAborted();
  report(60, 'Checking the restored copy');
  checkRestored(stagedDb, dataKey, manifest);
  const recoveryKey = generateRecoveryKey();
  writeKeyFile(path.join(input.stage, STAGED.keyFile), await createKeyFile(dataKey, input.passphrase, recoveryKey, now));
  report(80, 'Restored copy ready');
  return { recoveryKey };
}

const SAFETY_PREFIX = 'safety-copy-';
const DROP_PREFIX = '.safety-drop-';
/** Written into the safety copy before anything moves: the live files it holds, so a roll-back can be repeated. */
const MOVED_LIST = 'moved.json';

/** Puts the live files back from a safety copy. Safe to run again after a kill part-way through. */
function rollBackFrom(files: DataFiles, safety: string): void {
  let moved: string[] = [];
  try {
    moved = JSON.parse(fs.readFileSync(path.join(safety, MOVED_LIST), 'utf8')) as string[];
  } catch {
    // Killed before the list was written: nothing had moved yet.
  }
  for (const f of liveFiles(files)) {
    const copy = path.join(safety, path.basename(f));
    if (moved.includes(path.basename(f))) {
      // Moved back already by an earlier, interrupted roll-back when the copy is gone.
      if (fs.existsSync(copy)) {
        fs.rmSync(f, { force: true });
        fs.renameSync(copy, f);
      }
    } else {
      fs.rmSync(f, { force: true });
    }
  }
  fs.rmSync(safety, { recursive: true, force: true });
}

/**
 * Moves the live files into a safety copy and the staged ones into place (renames within the data folder). Returns
 * how to put the live files back; the caller checks the new files in place and then either keeps or rolls back. A
 * safety copy still there at the next start means the restore never finished: `recoverInterruptedRestore` rolls back.
 */
export function swapIn(files: DataFiles, stage: string, now: Date, tag: string): { rollBack(): void; keep(): void } {
  const safety = path.join(files.dataDir, `${SAFETY_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}-${tag}`);
  fs.mkdirSync(safety, { mode: 0o700 });
  const present = liveFiles(files).filter((f) => fs.existsSync(f));
  fs.writeFileSync(path.join(safety, MOVED_LIST), JSON.stringify(present.map((f) => path.basename(f))), { mode: 0o600 });
  const rollBack = () => rollBackFrom(files, safety);
  try {
    for (const f of present) fs.renameSync(f, path.join(safety, path.basename(f)));
    fs.renameSync(path.join(stage, STAGED.database), files.database);
    fs.renameSync(path.join(stage, STAGED.keyFile), files.keyFile);
  } catch (err) {
    rollBack();
    throw err;
  }
  return {
    rollBack,
    // One rename marks the restore finished; the old files are then removed at leisure (and again at the next start).
    keep: () => {
      const drop = path.join(files.dataDir, `${DROP_PREFIX}${path.basename(safety)}`);
      fs.renameSync(safety, drop);
      fs.rmSync(drop, { recursive: true, force: true });
    },
  };
}

/**
 * At start, before the store opens: a restore killed part-way through leaves the previous data in place. A safety copy
 * means the swap had started but the restore never reported success (the coordinator never saw the new recovery key),
 * so the previous data goes back. Leftover staging folders, and a killed backup's work folder, are removed. Returns how many restores were undone.
 */
export function recoverInterruptedRestore(files: DataFiles): number {
  if (!fs.existsSync(files.dataDir)) return 0;
  let undone = 0;
  for (const name of fs.readdirSync(files.dataDir).sort()) {
    const full = path.join(files.dataDir, name);
    if (name.startsWith(SAFETY_PREFIX)) {
      rollBackFrom(files, full);
      undone++;
    } else if (name.startsWith(DROP_PREFIX) || name.startsWith('.restore-stage-') || name.startsWith('.restore-open-') || name === '.backup-work') {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
  return undone;
}
