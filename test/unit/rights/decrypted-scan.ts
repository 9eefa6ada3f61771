import fs from 'node:fs';
import path from 'node:path';
import { createDecipheriv } from 'node:crypto';
import type { Db } from '../../../main/db/types';

/*
 * Three ways to look for a value in the database, from the rows down to the bytes on disk:
 * - `rowText`: every column of every row of every table (FTS shadow tables and the audit log included), as text;
 * - `plaintextExport`: `sqlcipher_export` into a plain SQLite file, read as bytes;
 * - `decryptedPages`: every page of the encrypted file and of its WAL, decrypted here with the raw key, so that free
 *   pages, slack space inside pages and old page images in the WAL are read too: what an attacker with the key and
 *   the file would see, which no SQL query shows.
 */

export function rowText(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", { pluck: true }).all() as string[];
  const out: string[] = [];
  for (const table of tables) {
    // The FTS table itself is contentless (nothing to select); its shadow tables hold the index.
    if (table === 'cases_fts') continue;
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all()) {
      for (const value of Object.values(row)) {
        out.push(value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value));
      }
    }
  }
  return out.join('\n');
}

/** Every term the name index holds, including terms of rows deleted but not yet merged away. */
export function ftsTerms(db: Db): string[] {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.rights_fts_vocab USING fts5vocab('main', 'cases_fts', 'row')");
  return db.prepare('SELECT term FROM temp.rights_fts_vocab', { pluck: true }).all() as string[];
}

export function plaintextExport(db: Db, dir: string): Buffer {
  const file = path.join(dir, 'plaintext-copy.db');
  fs.rmSync(file, { force: true });
  db.exec(`ATTACH DATABASE '${file}' AS plaintext KEY ''`);
  try {
    db.prepare("SELECT sqlcipher_export('plaintext')").get();
  } finally {
    db.exec('DETACH DATABASE plaintext');
  }
  const bytes = fs.readFileSync(file);
  fs.rmSync(file, { force: true });
  return bytes;
}

// SQLCipher 4 defaults: 4096-byte pages, each ending in a 16-byte IV and a 64-byte HMAC; page 1 starts with the salt.
const PAGE = 4096;
const RESERVE = 80;
const SALT = 16;

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const body = page.subarray(first ? SALT : 0, PAGE - RESERVE);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** The decrypted content of every page of `file` and of `file-wal`, concatenated. */
export function decryptedPages(file: string, key: Buffer): Buffer {
  const parts: Buffer[] = [];
  const main = fs.readFileSync(file);
  for (let i = 0; i + PAGE <= main.length; i += PAGE) parts.push(decryptPage(main.subarray(i, i + PAGE), key, i === 0));
  const walFile = `${file}-wal`;
  if (fs.existsSync(walFile)) {
    const wal = fs.readFileSync(walFile);
    // A 32-byte header, then frames of a 24-byte header (its first four bytes the page number) and one page.
    for (let i = 32; i + 24 + PAGE <= wal.length; i += 24 + PAGE) {
      const pageNumber = wal.readUInt32BE(i);
      parts.push(decryptPage(wal.subarray(i + 24, i + 24 + PAGE), key, pageNumber === 1));
    }
  }
  return Buffer.concat(parts);
}

/** The markers found in `haystack`, ignoring case; bytes are read as UTF-8. */
export function markersIn(haystack: string | Buffer, markers: readonly string[]): string[] {
  const text = (typeof haystack === 'string' ? haystack : haystack.toString('latin1')).toLowerCase();
  return markers.filter((m) => text.includes(m.toLowerCase()));
}
