import { createHash } from 'node:crypto';
import type { Db } from '../../../main/db/types';

/**
 * A hash of every row of every table, table by table, so that "nothing was changed" can be asserted for the whole
 * database, including tables that later features add. Rows are sorted, so a table without rowid hashes the same
 * whatever order SQLite returns it in.
 */
export function fingerprint(db: Db): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name", { pluck: true })
    .all() as string[];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = db
      .prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`)
      .all()
      .map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
      )
      .sort();
    result[table] = createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  return result;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
