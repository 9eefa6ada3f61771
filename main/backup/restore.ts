import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BackupManifest } from '../../contract/backup-types';
import { appendAudit, verifyAuditChain } from '../audit/audit';
import type { DataFiles } from '../app/data-files';
import { migrate } from '../db/migrate';
import { openEncrypted } from '../db/open';
import { AppFailure } from '../errors';
import { readGeneralSettings } from '../settings/settings-repo';
import { createKeyFile, writeKeyFile } from '../vault/key-file';
import { generateRecoveryKey } from '../vault/recovery-key';
import { markRecoveryKey } from '../vault/recovery-key-state';
import type { OpenedArchive } from './archive';
import type { WorkControl } from './progress';
import { exportSnapshot, readCounts } from './snapshot';
import { cipherIntegrityCheck, openSnapshot } from './verify';

const liveFiles = (files: DataFiles) => [files.database, `${files.database}-wal`, `${files.database}-shm`, files.keyFile];

function moveIfPresent(from: string, to: string): void {
  if (fs.existsSync(from)) fs.renameSync(from, to);
}

/** The restored database must hold what the manifest says (plus the one audit entry recording the restore). */
function checkRestored(file: string, key: Buffer, manifest: BackupManifest): void {
  const db = openEncrypted(file, key);
  try {
    const problems = cipherIntegrityCheck(db);
    const counts = readCounts(db);
    const same =
      counts.cases === manifest.counts.cases &&
      counts.partners === manifest.counts.partners &&
      counts.moves === manifest.counts.moves &&
      counts.ledgerEntries === manifest.counts.ledgerEntries &&
      counts.auditEntries === manifest.counts.auditEntries + 1;
    if (problems.length || !same || !verifyAuditChain(db).ok) {
      throw new AppFailure('INTERNAL', 'The restored copy did not verify, so the current data was kept as it was. Nothing was changed.');
    }
  } finally {
    db.close();
  }
}

/**
 * Replaces the live data with the snapshot, under a fresh data key wrapped by a new passphrase and a new recovery key.
 * The new store is built and checked beside the live one first; only then is the live data moved into a safety copy
 * and the new files moved in (renames within one folder). The safety copy is removed once the new data has opened
 * and verified in place; on any failure it is moved back.
 */
export async function restoreSnapshot(
  input: { files: DataFiles; opened: OpenedArchive; passphrase: string; now: Date; closeLive: () => void },
  control: WorkControl = {},
): Promise<{ recoveryKey: string }> {
  const { files, opened, now } = input;
  const report = (pct: number, label: string) => control.onProgress?.(pct, 100, label);
  const stage = fs.mkdtempSync(path.join(files.dataDir, '.restore-stage-'));
  const stagedDb = path.join(stage, 'reciprocal.db');
  const stagedKey = path.join(stage, 'reciprocal.key.json');
  const dataKey = randomBytes(32);
  try {
    report(10, 'Copying the backup under a new key');
    const source = openSnapshot(opened.snapshotFile, opened.snapshotKey);
    try {
      exportSnapshot(source, stagedDb, dataKey);
    } finally {
      source.close();
    }
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
          summary: `Data restored from the backup of ${opened.manifest.createdAt.slice(0, 10)} (app ${opened.manifest.appVersion}); new passphrase, recovery key and data key`,
        });
      })();
    } finally {
      db.close();
    }
    control.signal?.throwIfAborted();
    report(60, 'Checking the restored copy');
    checkRestored(stagedDb, dataKey, opened.manifest);
    const recoveryKey = generateRecoveryKey();
    writeKeyFile(stagedKey, await createKeyFile(dataKey, input.passphrase, recoveryKey, now));

    report(80, 'Replacing the current data');
    input.closeLive();
    const safety = path.join(files.dataDir, `safety-copy-${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`);
    fs.mkdirSync(safety, { mode: 0o700 });
    const moved: [string, string][] = [];
    try {
      for (const f of liveFiles(files)) {
        const to = path.join(safety, path.basename(f));
        if (fs.existsSync(f)) {
          fs.renameSync(f, to);
          moved.push([f, to]);
        }
      }
      fs.renameSync(stagedDb, files.database);
      fs.renameSync(stagedKey, files.keyFile);
      checkRestored(files.database, dataKey, opened.manifest);
    } catch (err) {
      for (const f of liveFiles(files)) fs.rmSync(f, { force: true });
      for (const [original, copy] of moved) moveIfPresent(copy, original);
      throw err;
    }
    fs.rmSync(safety, { recursive: true, force: true });
    report(100, 'Restored');
    return { recoveryKey };
  } finally {
    dataKey.fill(0);
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
