import { defineJob } from '../jobs/job-kind';
import type { AgeIdentity, AgeTarget } from './archive';
import { makeBackup, type MadeBackup } from './make-backup';

export interface BackupJobInput {
  workRoot: string;
  dest: string;
  target: AgeTarget;
  kind: 'backup' | 'share';
  appVersion: string;
  createdBy: string;
  /** ISO instant: a Date does not survive the trip to the worker as one. */
  now: string;
  verifyWith: AgeIdentity | null;
  /** Made from the demonstration store: the manifest says so, and a restore into a real store asks first. */
  demo?: boolean;
}

/**
 * A backup or share, written and verified in a worker thread on its own connection, so the window never waits on
 * it. main then records it, with its audit entry, in one transaction.
 */
export const backupWriteJob = defineJob({
  label: 'Backing up',
  cancel: 'cooperative',
  run: (ctx, input: BackupJobInput): Promise<MadeBackup> => {
    // The job's connection is opened query_only, and that also stops sqlcipher_export writing the snapshot into its
    // attached file. This connection runs nothing else, and the only file it writes is that new snapshot.
    ctx.db.pragma('query_only = OFF');
    return makeBackup(
      { ...input, db: ctx.db, now: new Date(input.now) },
      { onProgress: (done, total, label) => ctx.onProgress(done, total, label), signal: ctx.signal },
    );
  },
});
