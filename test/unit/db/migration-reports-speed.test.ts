// Migration 013-reports-speed (main/db/migrations/013-reports-speed.ts): indexes for the year-end report.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { reportsSpeedMigration as yourMigration } from '../../../main/db/migrations/013-reports-speed';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

const INDEXES = [
  'cases_circulated',
  'cases_received_reference',
  'offers_offered',
  'offers_decided',
  'moves_tenancy_start',
  'case_events_case_transitions',
  'ledger_on_date',
];

describe('migration 013-reports-speed', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('adds the report’s indexes to a database of the previous version and changes no row', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    insertPartner(t.db, 'Hackney Council');
    const before = t.db.prepare('SELECT * FROM partners').all();
    const indexes = () =>
      t.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))", { pluck: true })
        .all([JSON.stringify(INDEXES)]);
    expect(indexes()).toEqual([]);
    migrate(t.db);
    expect(schemaVersion(t.db)).toBeGreaterThanOrEqual(yourMigration.version);
    expect([...indexes()].sort()).toEqual([...INDEXES].sort());
    expect(t.db.prepare('SELECT * FROM partners').all()).toEqual(before);
    expect(t.db.prepare('PRAGMA integrity_check', { pluck: true }).get()).toBe('ok');
  });
});
