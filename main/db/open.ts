import fs from 'node:fs';
import Database, { setLogger } from '@signalapp/sqlcipher';
import { AppFailure } from '../errors';
import type { Logger } from '../log/logger';
import type { Db } from './types';

let loggerInstalled = false;

/** SQLCipher reports decryption failures on stderr by default; route them to our log (they hold no data). */
export function installSqlcipherLogger(logger: Logger): void {
  if (loggerInstalled) return;
  loggerInstalled = true;
  setLogger((code) => logger.warn('sqlcipher', { code }));
}

/**
 * Opens an encrypted database with a raw 256-bit key. The key is given as a hex blob literal so SQLCipher
 * uses it directly, skipping its own PBKDF2: our key is already random, and the passphrase is stretched
 * (memory-hard) where the key file unwraps it.
 */
export function openEncrypted(file: string, key: Buffer, options: { mustExist?: boolean; memorySecurity?: boolean } = {}): Db {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes');
  // SQLite creates a missing file; opening an existing store must never do that (it would hide a lost database).
  if (options.mustExist && !fs.existsSync(file)) throw new AppFailure('DATABASE_DAMAGED', 'The database file is missing or damaged.');
  const db = new Database(file, { cacheStatements: true });
  try {
    // exec, not pragma(): `pragma()` goes through the statement cache, which would keep the key's hex text (and its
    // prepared statement) alive for as long as the database is open. exec prepares, runs and finalises at once.
    db.exec(`PRAGMA key = "x'${key.toString('hex')}'"`);
    // The first read proves the key: SQLCipher checks each page's HMAC.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: string }).code : '';
    if (code === 'SQLITE_NOTADB') {
      throw new AppFailure('DATABASE_UNREADABLE', 'The database could not be opened with this key. It may be damaged or belong to another key file.');
    }
    throw err;
  }
  // Wipes and locks freed memory, so decrypted pages are never swapped to disk: see SECURITY.md for the measured cost
  // and the decision. SQLCipher makes it process-wide, and once ON it stays ON. `memorySecurity: false` exists only
  // for the bench, which measures the cost in a separate process; the app never passes it.
  if (options.memorySecurity !== false) db.pragma('cipher_memory_security = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  // Sorts and temporary indexes stay in memory: SQLCipher encrypts the database, its journal and its WAL, but a
  // temporary file spilled to the OS temp folder would hold plain text. This build defaults to memory
  // (SQLITE_TEMP_STORE=2); saying so here keeps it that way whatever the build.
  db.pragma('temp_store = MEMORY');
  // A 64 MiB page cache (this build's default is 16 MB). At 50,000 cases the file is about 95 MB, and every page read
  // from disk is decrypted and its HMAC checked, so keeping more of the list's index and rows decrypted in memory
  // makes repeated list queries cheaper (about 8% over a mixed set of list queries, measured on such a database).
  // The cost is that more plain-text pages stay in memory while unlocked; locking closes the connection, and
  // cipher_memory_security wipes them as they are freed. There is one connection, so this bounds the total.
  db.pragma('cache_size = -65536');
  return db;
}

export function sqlcipherVersion(db: Db): string | null {
  const v = db.pragma('cipher_version', { simple: true });
  return typeof v === 'string' ? v : null;
}

/**
 * A second connection for a job's worker thread: the same key, read-only (`query_only`), and it never creates the
 * file (SQLite would make an empty one). WAL lets it read a consistent snapshot while main goes on writing.
 */
export function openForReading(file: string, key: Buffer): Db {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes');
  if (!fs.existsSync(file)) throw new AppFailure('DATABASE_UNREADABLE', 'The database file is missing or damaged.');
  const db = new Database(file, { cacheStatements: true });
  try {
    db.exec(`PRAGMA key = "x'${key.toString('hex')}'"`);
    db.pragma('cipher_memory_security = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('query_only = ON');
    // No probe read here: the integrity check must be able to open a damaged file and report what it finds.
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
