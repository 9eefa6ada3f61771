import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from '../../contract/backup-types';
import { schemaVersion } from '../db/migrate';
import type { Db } from '../db/types';
import { unwrapHeader, type UnwrappedHeader } from './age-stream';
import { beginAgeFile, readBackArchive, writeArchive, type AgeIdentity, type AgeTarget } from './archive';
import type { WorkControl } from './progress';
import { auditHead, exportSnapshot, readCounts, sha256File, stripSecrets } from './snapshot';
import { openSnapshot, verifySnapshotFile } from './verify';

export interface MakeBackupInput {
  db: Db;
  /** A private folder (inside the data folder) for the temporary snapshot; removed afterwards. */
  workRoot: string;
  dest: string;
  target: AgeTarget;
  kind: 'backup' | 'share';
  appVersion: string;
  createdBy: string;
  now: Date;
  demo?: boolean;
  /** How to read the written file back to verify it; null when it is made only for other people's keys. */
  verifyWith: AgeIdentity | null;
}

export interface MadeBackup {
  /** Where the file is now: `dest` once verified, else `dest` + FAILED_SUFFIX, kept aside for inspection. */
  file: string;
  manifest: BackupManifest;
  size: number;
  sha256: string;
  /** Problems found by the verification after writing; empty when the file verified. */
  problems: string[];
}

/** Written first; renamed to the real name only once the file has verified, so a name ending `.plhr.age` is complete. */
export const PARTIAL_SUFFIX = '.partial';
/** A file that was written but failed verification: renamed so it can never be mistaken for, or counted as, a backup. */
export const FAILED_SUFFIX = '.failed';

function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  // The rename itself is durable only once the folder is flushed (POSIX; Windows cannot open a folder this way).
  try {
    const fd = fs.openSync(path.dirname(to), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported here: the rename is still atomic.
  }
}

/**
 * Snapshot → manifest → age archive → read back and verify. Progress is reported in percent: the snapshot is a few
 * percent, encryption and verification (which decrypts the whole file again) share the rest.
 */
export async function makeBackup(input: MakeBackupInput, control: WorkControl = {}): Promise<MadeBackup> {
  const report = (pct: number, label: string) => control.onProgress?.(Math.round(pct), 100, label);
  fs.mkdirSync(input.workRoot, { recursive: true, mode: 0o700 });
  const work = fs.mkdtempSync(path.join(input.workRoot, 'backup-'));
  const snapshotFile = path.join(work, 'reciprocal.db');
  const key = randomBytes(32);
  // The passphrase's scrypt runs on the thread pool while the snapshot is taken on this thread; so does the
  // verification's, unwrapping the new header with the key it will be read back with.
  const age = beginAgeFile(input.target);
  const verifyWith = input.verifyWith;
  const known = verifyWith
    ? age.then((a) => {
        const fileKey = unwrapHeader(a.header, verifyWith);
        fileKey.catch(() => undefined);
        return { header: a.header, fileKey };
      })
    : null;
  known?.catch(() => undefined);
  try {
    report(0, 'Taking a snapshot of the database');
    // The snapshot and the figures that describe it are taken in the same synchronous step: nothing can change between.
    exportSnapshot(input.db, snapshotFile, key);
    const counts = readCounts(input.db);
    const head = auditHead(input.db);
    const version = schemaVersion(input.db);
    if (input.kind === 'share') {
      const snap = openSnapshot(snapshotFile, key);
      try {
        stripSecrets(snap);
      } finally {
        snap.close();
      }
    }
    control.signal?.throwIfAborted();
    report(5, 'Hashing the snapshot');
    const sha256 = await sha256File(snapshotFile, control.signal);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: input.appVersion,
      schemaVersion: version,
      createdAt: input.now.toISOString(),
      createdBy: input.createdBy,
      kind: input.kind,
      demo: input.demo ?? false,
      counts,
      snapshot: { file: 'reciprocal.db', size: fs.statSync(snapshotFile).size, sha256 },
      auditHead: head,
    };
    const partial = `${input.dest}${PARTIAL_SUFFIX}`;
    const written = await writeArchive(
      { manifest, snapshotFile, snapshotKey: key, dest: partial, target: input.target, age },
      { ...control, onProgress: (done, total) => report(10 + (45 * done) / Math.max(total, 1), 'Encrypting the backup') },
    );
    report(55, 'Verifying the backup');
    let problems: string[];
    try {
      problems = await verifyWritten(input, partial, manifest, snapshotFile, key, control, (pct) => report(55 + 45 * pct, 'Verifying the backup'), known);
      control.signal?.throwIfAborted();
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw err;
    }
    const file = problems.length ? `${input.dest}${FAILED_SUFFIX}` : input.dest;
    renameDurably(partial, file);
    report(100, problems.length ? 'The backup failed verification' : 'Backup verified');
    return { file, manifest, size: written.size, sha256: written.sha256, problems };
  } finally {
    key.fill(0);
    // Zeroed by writeArchive once used; here too when the backup stopped before it.
    void age.then((a) => a.key.fill(0)).catch(() => undefined);
    void known
      ?.then((k) => k.fileKey)
      .then((fileKey) => fileKey.fill(0))
      .catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const JUST_WRITTEN = { structure: false } as const;

async function verifyWritten(
  input: MakeBackupInput,
  written: string,
  manifest: BackupManifest,
  snapshotFile: string,
  key: Buffer,
  control: WorkControl,
  progress: (fraction: number) => void,
  known: Promise<UnwrappedHeader> | null,
): Promise<string[]> {
  // The snapshot this function has just written: no structure check (see SnapshotChecks).
  if (!input.verifyWith) return verifySnapshotFile(snapshotFile, key, manifest, JUST_WRITTEN);
  try {
    // Read back and hashed, not unpacked: a snapshot whose SHA-256 matches the manifest's is the one made above, so
    // the checks run on that file (readBackArchive throws if the hash differs).
    const opened = await readBackArchive(
      written,
      input.verifyWith,
      { ...control, onProgress: (done, total) => progress((0.6 * done) / Math.max(total, 1)) },
      (await known) ?? undefined,
    );
    try {
      if (JSON.stringify(opened.manifest) !== JSON.stringify(manifest)) return ['The manifest read back differs from the one written.'];
      if (!opened.snapshotKey.equals(key)) return ['The snapshot key read back differs from the one written.'];
      const problems = verifySnapshotFile(snapshotFile, key, manifest, JUST_WRITTEN);
      progress(1);
      return problems;
    } finally {
      opened.snapshotKey.fill(0);
    }
  } catch (err) {
    return [err instanceof Error ? err.message : 'The backup could not be read back.'];
  }
}
