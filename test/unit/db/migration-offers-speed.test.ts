import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { offersSpeedMigration } from '../../../main/db/migrations/012-offers-speed';
import { REQUESTING, SIZED_WHERE } from '../../../main/offers/match-queries';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

// Migration 0NN-offers-speed (assigned 012; the lead renumbers at merge): the index matching drives its candidates from.
describe('migration offers-speed', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  const plan = (db: TestDb['db']) =>
    (
      db.prepare(`EXPLAIN QUERY PLAN SELECT c.id, c.reference FROM ${REQUESTING} WHERE ${SIZED_WHERE}`).all(['E09000003', 2, 2]) as {
        detail: string;
      }[]
    ).map((r) => r.detail);

  it('adds cases_matching beside existing data, and the candidate query of property → cases uses it', () => {
    t = openTestDb({ to: offersSpeedMigration.version - 1 });
    const partner = insertPartner(t.db, 'Hackney Council');
    expect(() => plan(t.db)).toThrow(/no such index: cases_matching/);
    migrate(t.db, { to: offersSpeedMigration.version });
    expect(schemaVersion(t.db)).toBe(offersSpeedMigration.version);
    expect(t.db.prepare('SELECT name FROM partners WHERE id = ?', { pluck: true }).get([partner])).toBe('Hackney Council');
    const columns = t.db.prepare("SELECT name FROM pragma_index_info('cases_matching')", { pluck: true }).all();
    expect(columns).toEqual(['state', 'id', 'bedrooms']);
    // The candidate set is driven from the requested borough, then each case is checked in the index, not its row.
    expect(plan(t.db)).toEqual([
      expect.stringMatching(/^SEARCH r USING COVERING INDEX case_boroughs_borough \(kind=\? AND borough_code=\?\)$/),
      expect.stringMatching(/^SEARCH c USING INDEX cases_matching \(state=\? AND id=\? AND bedrooms>\? AND bedrooms<\?\)$/),
    ]);
  });
});
