// Migration 014-ledger-speed (main/db/migrations/014-ledger-speed.ts): the ledger's maintained totals, rebuilt from
// every existing entry, and the indexes the ledger screen reads.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { ledgerSpeedMigration as yourMigration } from '../../../main/db/migrations/014-ledger-speed';
import { ledgerTable, verifyLedgerBalances } from '../../../main/ledger/balances';
import { statement } from '../../../main/ledger/statement';
import { verifyAuditedRows } from '../../../main/audit/row-check';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

describe('migration 014-ledger-speed', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('rebuilds every account’s totals from the entries of a database of the previous version; the ledger reads the same', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    const hackney = insertPartner(t.db, 'Hackney Council');
    const barnet = insertPartner(t.db, 'Barnet Homes');
    const entry = t.db.prepare(
      `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, bedrooms, reverses_id, reason, recorded_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', 'Sam')`,
    );
    entry.run(['2025-04-01', 'opening_balance', hackney, null, 2, null, null, 'Owed before the app']);
    const c = Number(entry.run(['2025-06-01', 'correction', barnet, hackney, 1, 2, null, 'Counted twice']).lastInsertRowid);
    entry.run(['2025-07-01', 'reversal', hackney, barnet, 1, 2, c, 'Correction was wrong']);
    entry.run(['2025-08-01', 'contribution', null, barnet, 1, 3, null, 'Gave a flat']);
    const before = ledgerTable(t.db, { asOf: '2025-06-30', bedrooms: null, cap: 3 });
    const beforeToday = ledgerTable(t.db, { asOf: '2026-01-01', bedrooms: null, cap: 3 });
    const beforeStatement = statement(t.db, hackney, '2026-01-01');

    migrate(t.db, { to: yourMigration.version });
    expect(schemaVersion(t.db)).toBe(yourMigration.version);

    expect(t.db.prepare('SELECT partner_key, bedrooms_key, balance FROM ledger_balances ORDER BY partner_key, bedrooms_key').all()).toEqual([
      { partner_key: 0, bedrooms_key: -1, balance: 2 },
      { partner_key: 0, bedrooms_key: 3, balance: -1 },
      { partner_key: hackney, bedrooms_key: -1, balance: -2 },
      { partner_key: hackney, bedrooms_key: 2, balance: 0 },
      { partner_key: barnet, bedrooms_key: 2, balance: 0 },
      { partner_key: barnet, bedrooms_key: 3, balance: 1 },
    ]);
    expect(verifyLedgerBalances(t.db)).toBeNull();
    expect(ledgerTable(t.db, { asOf: '2025-06-30', bedrooms: null, cap: 3 })).toEqual(before);
    expect(ledgerTable(t.db, { asOf: '2026-01-01', bedrooms: null, cap: 3 })).toEqual(beforeToday);
    expect(statement(t.db, hackney, '2026-01-01')).toEqual(beforeStatement);
    // The upgrade re-records every audited row, the new totals included, so the audit check vouches for them.
    expect(verifyAuditedRows(t.db).ok).toBe(true);
    const indexes = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entries' ORDER BY name", { pluck: true }).all();
    expect(indexes).toEqual(expect.arrayContaining(['ledger_by_date', 'ledger_bedrooms', 'ledger_from', 'ledger_to']));
  });
});
