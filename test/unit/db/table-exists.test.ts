import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { tableExists } from '../../../main/db/table-exists';

describe('tableExists', () => {
  let t: TestDb | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  it('sees a table made, renamed or dropped after it last answered', () => {
    t = openTestDb();
    const db = t.db;
    expect(tableExists(db, 'cases')).toBe(true);
    expect(tableExists(db, 'later_table')).toBe(false);
    db.exec('CREATE TABLE later_table (x INTEGER)');
    expect(tableExists(db, 'later_table')).toBe(true);
    db.exec('ALTER TABLE later_table RENAME TO renamed_table');
    expect(tableExists(db, 'later_table')).toBe(false);
    expect(tableExists(db, 'renamed_table')).toBe(true);
    db.exec('DROP TABLE renamed_table');
    expect(tableExists(db, 'renamed_table')).toBe(false);
  });

  it('forgets a table whose creation was rolled back', () => {
    t = openTestDb();
    const db = t.db;
    db.exec('BEGIN');
    db.exec('CREATE TABLE doomed (x INTEGER)');
    expect(tableExists(db, 'doomed')).toBe(true);
    db.exec('ROLLBACK');
    expect(tableExists(db, 'doomed')).toBe(false);
  });

  it('answers for each connection separately', () => {
    t = openTestDb({ to: 9 });
    expect(tableExists(t.db, 'ledger_entries')).toBe(false);
    const other = openTestDb();
    try {
      expect(tableExists(other.db, 'ledger_entries')).toBe(true);
      expect(tableExists(t.db, 'ledger_entries')).toBe(false);
    } finally {
      other.cleanup();
    }
  });
});
