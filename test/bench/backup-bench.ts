import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../main/db/types';
import { dataFiles } from '../../main/app/data-files';
import { openArchive } from '../../main/backup/archive';
import { makeBackup } from '../../main/backup/make-backup';
import { randomBytes } from 'node:crypto';
import { confirmSwapped, stageRestore, swapIn } from '../../main/backup/restore';
import { verifySnapshotFile } from '../../main/backup/verify';
import { withPeakMemory } from './measure';
import type { BulkRow } from './report';

const PASS = 'a passphrase for the bench backup';

/** Backup, verification and restore of the bench's store, each with main's peak resident memory while it ran. */
export async function backupBench(db: Db, dir: string): Promise<BulkRow[]> {
  const dest = path.join(dir, 'bench.plhr.age');
  const made = await withPeakMemory(() =>
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
  const openDir = path.join(dir, 'open');
  fs.mkdirSync(openDir);
  const verified = await withPeakMemory(async () => {
    const o = await openArchive(dest, { passphrase: PASS }, openDir);
    const problems = verifySnapshotFile(o.snapshotFile, o.snapshotKey, o.manifest);
    if (problems.length) throw new Error(problems.join(' '));
    return o;
  });
  const target = path.join(dir, 'restored');
  fs.mkdirSync(target);
  // The same steps as RestoreService.restore, in this process: the app runs the first and last in a job worker.
  const restored = await withPeakMemory(async () => {
    const files = dataFiles(target);
    const stage = fs.mkdtempSync(path.join(target, '.restore-stage-'));
    const dataKey = randomBytes(32);
    await stageRestore({ ...verified.value, stage, dataKey, passphrase: PASS, now: new Date() });
    const swap = swapIn(files, stage, new Date(), 'bench');
    confirmSwapped(files.database, dataKey, verified.value.manifest);
    swap.keep();
  });
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const note = (r: { peakMb: number; aboveStartMb: number }) => `main's peak memory ${mb(r.peakMb)} (+${mb(r.aboveStartMb)})`;
  return [
    {
      workload: 'Backup: snapshot, encrypt, write',
      ms: made.ms,
      budgetMs: 5000,
      peakMb: made.peakMb,
      note: `${note(made)}; file ${mb(made.value.size / 2 ** 20)}`,
    },
    { workload: 'Backup verification: decrypt, hash, open, check', ms: verified.ms, budgetMs: null, peakMb: verified.peakMb, note: note(verified) },
    { workload: 'Restore: new key, migrate, check, swap', ms: restored.ms, budgetMs: 15_000, peakMb: restored.peakMb, note: note(restored) },
  ];
}
