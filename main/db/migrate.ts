import { AppFailure } from '../errors';
import type { Db, Migration } from './types';
import { migrations as allMigrations } from './migrations';
import { recordUpgradeBaseline } from '../audit/audited-rows';

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }) ?? 0);
}

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Applies every pending migration in one transaction and records the version in PRAGMA user_version,
 * so a crash part-way leaves the database exactly as it was. A database written by a newer app is refused
 * rather than guessed at.
 */
export function migrate(db: Db, options: { to?: number; migrations?: readonly Migration[] } = {}): number {
  const migrations = [...(options.migrations ?? allMigrations)].sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.version} at position ${i + 1}`);
  });
  const latest = latestVersion(migrations);
  const target = options.to ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppFailure(
      'DATABASE_TOO_NEW',
      `This database was written by a newer version of Reciprocal (data version ${current}; this app understands up to ${latest}). Install the newer version to open it. Nothing was changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    if (current > 0) recordUpgradeBaseline(db, current, target, new Date());
    db.exec(`PRAGMA user_version = ${target}`);
  })();
  return target;
}
