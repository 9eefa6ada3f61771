import type { Db } from './types';

/*
 * Whether a table exists, asked on nearly every call: a module whose table a later migration adds (the ledger's
 * totals, the redactions) answers for an older database too. `sqlite_master` has no index on the name, so each
 * answer was a scan of the schema (about 20 µs, once or more per registry call). The answers are kept per
 * connection for as long as its `schema_version` stands: any change to the schema moves that number. One case it
 * cannot see: a schema change rolled back, then a different one reaching the same number before the next question.
 * The app changes its schema only in migrations, once per connection as it opens, in one transaction whose failure
 * closes the store, so that case does not arise.
 */

const known = new WeakMap<Db, { version: number; tables: Map<string, boolean> }>();

export function tableExists(db: Db, name: string): boolean {
  const version = Number(db.pragma('schema_version', { simple: true }));
  let entry = known.get(db);
  if (entry === undefined || entry.version !== version) known.set(db, (entry = { version, tables: new Map() }));
  let exists = entry.tables.get(name);
  if (exists === undefined) {
    exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", { pluck: true }).get([name]) !== undefined;
    entry.tables.set(name, exists);
  }
  return exists;
}
