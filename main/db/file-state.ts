import fs from 'node:fs';
import type { DamageKind } from '../../contract/session';
import { missingCase } from '../../contract/missing-case';
import { codesOf } from '../errors';

/** SQLCipher's page size (its default, which we keep): a whole database file is always a multiple of it. */
export const PAGE_SIZE = 4096;

/**
 * What can be told about the database file without its key: missing, empty, or cut short (not a whole number of
 * pages). Null when it looks whole; damage inside it shows only when a page is read.
 */
export function databaseFileProblem(file: string): Exclude<DamageKind, 'corrupt'> | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  if (!stat.isFile()) return 'missing';
  if (stat.size === 0) return 'empty';
  if (stat.size % PAGE_SIZE !== 0) return 'truncated';
  return null;
}

/** SQLite's corruption and not-a-database errors, on any call: the file is damaged, not the request. */
export function isDatabaseDamage(err: unknown): boolean {
  return codesOf(err).some((c) => c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB');
}

export function damageMessage(kind: DamageKind): string {
  switch (kind) {
    case 'missing':
      return 'The database file (reciprocal.db) is missing from the data folder, but its key file is still there, so this is not a new installation. Reciprocal has not created an empty database in its place.';
    case 'empty':
      return 'The database file (reciprocal.db) is empty: it holds no data. Reciprocal has not set up a new database in its place.';
    case 'truncated':
      return 'The database file (reciprocal.db) is shorter than it should be: part of it has been cut off, so some of its data cannot be read.';
    case 'corrupt':
      return 'Part of the database file (reciprocal.db) is damaged and cannot be read. Reciprocal has stopped saving changes so that nothing more is lost.';
    default:
      return missingCase(kind);
  }
}

/** Creates the database file owner-only before SQLite opens it; SQLite gives its WAL and SHM files the same mode. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** Makes the database and its WAL and SHM owner-only (files made by an older version, or restored from elsewhere). */
export function makeDatabaseFilesPrivate(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      // Not there (WAL and SHM come and go); the file that matters is checked by the test.
    }
  }
}
