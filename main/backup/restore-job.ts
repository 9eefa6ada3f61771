import type { BackupManifest } from '../../contract/backup-types';
import { AppFailure } from '../errors';
import { defineJob } from '../jobs/job-kind';
import { openArchive, type AgeIdentity } from './archive';
import { confirmSwapped, stageRestore } from './restore';
import { assertReadable, verifySnapshotFile } from './verify';

/*
 * The long parts of opening and restoring a backup, as jobs on the runner (`main/jobs/`): decrypting, hashing,
 * `cipher_integrity_check`, the audit chain, the copy under a new key and the migrations all run in a worker thread,
 * so main's event loop keeps answering IPC throughout. None has a connection to the live store (`database: 'none'`):
 * a restore runs on a fresh install or a damaged store too, and keeps running while the app locks for the swap.
 * Each writes only inside the folder main gives it, so main can stop it at once (`terminate`) and remove that folder.
 */

/** A Buffer that came through structured cloning arrives as a plain Uint8Array: a view, not a copy. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A refusal that says which check failed; the audit chain gets its own words since it is the one a person can act on. */
export function refusal(problems: string[]): AppFailure {
  const audit = problems.find((p) => p.includes('audit log'));
  if (audit) return new AppFailure('VALIDATION', `${audit} The backup was not restored. Nothing was changed.`);
  return new AppFailure('VALIDATION', `The backup did not verify: ${problems.join(' ')} Nothing was changed.`);
}

export interface OpenJobInput {
  file: string;
  key: AgeIdentity;
  workDir: string;
}

export interface OpenJobOutput {
  manifest: BackupManifest;
  snapshotKey: Uint8Array;
  snapshotFile: string;
}

/** Decrypts a backup or share into `workDir` and verifies its snapshot against its manifest; refuses in plain words. */
export const backupOpenJob = defineJob({
  label: 'Opening the backup',
  cancel: 'terminate',
  database: 'none',
  run: async (ctx, input: OpenJobInput): Promise<OpenJobOutput> => {
    const opened = await openArchive(input.file, input.key, input.workDir, {
      onProgress: (done, total, label) => ctx.onProgress(Math.round((80 * done) / Math.max(total, 1)), 100, label),
      signal: ctx.signal,
    });
    try {
      assertReadable(opened.manifest);
      ctx.onProgress(80, 100, 'Checking the backup');
      const problems = verifySnapshotFile(opened.snapshotFile, opened.snapshotKey, opened.manifest);
      if (problems.length) throw refusal(problems);
      ctx.onProgress(100, 100, 'Backup checked');
      return { manifest: opened.manifest, snapshotKey: new Uint8Array(opened.snapshotKey), snapshotFile: opened.snapshotFile };
    } finally {
      opened.snapshotKey.fill(0);
    }
  },
});

export interface StageJobInput {
  snapshotFile: string;
  snapshotKey: Uint8Array;
  manifest: BackupManifest;
  stage: string;
  dataKey: Uint8Array;
  passphrase: string;
  /** ISO instant. */
  now: string;
}

/** Builds the restored store beside the live one (see `stageRestore`); the live data is not touched. */
export const restoreStageJob = defineJob({
  label: 'Restoring',
  cancel: 'terminate',
  database: 'none',
  run: async (ctx, input: StageJobInput): Promise<{ recoveryKey: string }> => {
    const snapshotKey = asBuffer(input.snapshotKey);
    const dataKey = asBuffer(input.dataKey);
    try {
      return await stageRestore(
        { ...input, snapshotKey, dataKey, now: new Date(input.now) },
        { onProgress: (done, total, label) => ctx.onProgress(done, total, label), signal: ctx.signal },
      );
    } finally {
      snapshotKey.fill(0);
      dataKey.fill(0);
    }
  },
});

/** The restored store, confirmed where it now lives, before the safety copy of the previous data is dropped. */
export const restoreCheckJob = defineJob({
  label: 'Checking the restored data',
  cancel: 'terminate',
  database: 'none',
  run: (ctx, input: { file: string; dataKey: Uint8Array; manifest: BackupManifest }): { ok: true } => {
    const dataKey = asBuffer(input.dataKey);
    try {
      ctx.onProgress(0, 1, 'Checking the restored data');
      confirmSwapped(input.file, dataKey, input.manifest);
      ctx.onProgress(1, 1, 'Checking the restored data');
      return { ok: true };
    } finally {
      dataKey.fill(0);
    }
  },
});
