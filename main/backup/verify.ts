import Database from '@signalapp/sqlcipher';
import type { BackupManifest } from '../../contract/backup-types';
import { verifyAuditChain } from '../audit/audit';
import { latestVersion, schemaVersion } from '../db/migrate';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { tooNew } from './archive';
import { auditHead, readCounts, sameCounts } from './snapshot';

/** SQLCipher's check of every page's HMAC; an empty list means every page verified. */
export function cipherIntegrityCheck(db: Db): string[] {
  return db.pragma('cipher_integrity_check').map((row) => String(Object.values(row)[0]));
}

/**
 * Opens a snapshot with its own key, without the live connection's WAL and cache settings: a snapshot is read, and
 * (while it is being made) trimmed, never used as a live store.
 */
export function openSnapshot(file: string, key: Buffer, options: { readOnly?: boolean } = {}): Db {
  const db = new Database(file, { cacheStatements: false });
  try {
    db.exec(`PRAGMA key = "x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('cipher_memory_security = ON');
    db.pragma('temp_store = MEMORY');
    if (options.readOnly) db.pragma('query_only = ON');
    return db;
  } catch (err) {
    db.close();
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
    if (code === 'SQLITE_NOTADB')
      throw new AppFailure('VALIDATION', 'The snapshot inside the backup could not be opened with its key: the backup is damaged. Nothing was changed.');
    throw err;
  }
}

/**
 * What to check besides every page's HMAC, the counts, the version and the audit chain and head. `structure`:
 * SQLite's `quick_check` of every B-tree, for a file from elsewhere (opened to restore or to read a share). The check
 * after writing a backup leaves it out: that snapshot was written by SQLite moments before, and its pages' HMACs prove
 * it is what was written; at 50,000 cases `quick_check` was 7 s of a backup's 45.
 */
export interface SnapshotChecks {
  structure?: boolean;
}

/** Every problem found, in plain words; an empty list means the snapshot is what its manifest says. */
export function snapshotProblems(db: Db, manifest: BackupManifest, options: SnapshotChecks = {}): string[] {
  try {
    return checks(db, manifest, options.structure ?? true);
  } catch {
    // A damaged page can make a query fail outright rather than report itself.
    return ['The snapshot could not be read through: some of its pages failed the encryption check.'];
  }
}

function checks(db: Db, manifest: BackupManifest, structure: boolean): string[] {
  const problems: string[] = [];
  const pages = cipherIntegrityCheck(db);
  if (pages.length) problems.push(`${pages.length} page${pages.length === 1 ? '' : 's'} of the snapshot failed the encryption check.`);
  if (structure) {
    const quick = db.pragma('quick_check').map((row) => String(Object.values(row)[0]));
    if (!(quick.length === 1 && quick[0] === 'ok')) problems.push('The snapshot’s database structure is damaged.');
  }
  if (schemaVersion(db) !== manifest.schemaVersion) problems.push('The snapshot’s data version differs from its manifest.');
  const counts = readCounts(db);
  if (!sameCounts(counts, manifest.counts)) {
    problems.push(
      `The snapshot holds ${counts.cases} cases, ${counts.partners} partners and ${counts.auditEntries} audit entries, but its manifest says ${manifest.counts.cases}, ${manifest.counts.partners} and ${manifest.counts.auditEntries}.`,
    );
  }
  const chain = verifyAuditChain(db);
  if (!chain.ok) problems.push(`The snapshot’s audit log does not verify: ${chain.problem}`);
  const head = auditHead(db);
  if (head.id !== manifest.auditHead.id || head.hash !== manifest.auditHead.hash) problems.push('The snapshot’s newest audit entry differs from its manifest.');
  return problems;
}

/** Refuses, before anything is opened, a snapshot this app cannot read. */
export function assertReadable(manifest: BackupManifest): void {
  if (manifest.schemaVersion > latestVersion()) throw tooNew(manifest.appVersion);
}

/** Opens, checks and closes: the verification run after a backup is written, and before a restore. */
export function verifySnapshotFile(file: string, key: Buffer, manifest: BackupManifest, options: SnapshotChecks = {}): string[] {
  assertReadable(manifest);
  const db = openSnapshot(file, key, { readOnly: true });
  try {
    return snapshotProblems(db, manifest, options);
  } finally {
    db.close();
  }
}
