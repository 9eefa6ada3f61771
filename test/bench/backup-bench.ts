import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../main/db/types';
import { dataFiles } from '../../main/app/data-files';
import { openArchive } from '../../main/backup/archive';
import { makeBackup } from '../../main/backup/make-backup';
import { randomBytes } from 'node:crypto';
import { checkRestored, stageRestore, swapIn } from '../../main/backup/restore';
import { verifySnapshotFile } from '../../main/backup/verify';

const PASS = 'a passphrase for the bench backup';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Times `work` and samples the process's resident memory meanwhile: the peak above where it started. */
async function measure<T>(label: string, work: () => Promise<T>): Promise<T> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.warn(`${label.padEnd(48)} ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s   peak memory ${mb(peak)} (+${mb(peak - base)})`);
  }
}

/** Backup, verification and restore of the bench's store (50,000 cases by default). */
export async function backupBench(db: Db, dir: string): Promise<void> {
  const dest = path.join(dir, 'bench.plhr.age');
  const made = await measure('Backup: snapshot, encrypt, write', () =>
    makeBackup({
      db,
      workRoot: path.join(dir, 'work'),
      dest,
      target: { passphrase: PASS },
      kind: 'backup',
      appVersion: 'bench',
      createdBy: 'Bench',
      now: new Date(),
      verifyWith: null,
    }),
  );
  console.warn(`  (database snapshot ${mb(made.manifest.snapshot.size)}, backup file ${mb(made.size)})`);
  const openDir = path.join(dir, 'open');
  fs.mkdirSync(openDir);
  const opened = await measure('Verification: decrypt, hash, open, check', async () => {
    const o = await openArchive(dest, { passphrase: PASS }, openDir);
    const problems = verifySnapshotFile(o.snapshotFile, o.snapshotKey, o.manifest);
    if (problems.length) throw new Error(problems.join(' '));
    return o;
  });
  const target = path.join(dir, 'restored');
  fs.mkdirSync(target);
  // The same steps as RestoreService.restore, in this process: the app runs the first and last in a job worker.
  await measure('Restore: new key, migrate, check, swap', async () => {
    const files = dataFiles(target);
    const stage = fs.mkdtempSync(path.join(target, '.restore-stage-'));
    const dataKey = randomBytes(32);
    await stageRestore({ ...opened, stage, dataKey, passphrase: PASS, now: new Date() });
    const swap = swapIn(files, stage, new Date(), 'bench');
    checkRestored(files.database, dataKey, opened.manifest);
    swap.keep();
  });
}
