import type { Db } from '../../../main/db/types';

/** Every row of every table, for asserting that a refused call changed nothing at all. */
export function tableSnapshot(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", {
      pluck: true,
    })
    .all() as string[];
  return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}
