import type { Db, Migration } from '../types';

/*
 * The ledger screen at scale (issue 11): 50,000 cases, tens of thousands of entries.
 *
 * `ledger_balances` keeps each account's running totals (balance, properties given, properties received) per bedroom
 * size, updated by a trigger in the same statement, so in the same transaction, as each entry is inserted. The
 * entries stay append-only and remain the truth: this table is derived from them, rebuilt here from every entry,
 * checked against them by the audit check (`verifyLedgerBalances`), and registered as audited rows, so its rows are
 * digested with the audit entry of each change that moves them and a direct edit shows in the audit check.
 * - `partner_key`: the partner's id, or 0 for the central pot (a key column cannot be NULL and stay unique).
 * - `bedrooms_key`: the entry's bedroom size, or -1 when not known.
 * - A reversal counts against the kind of the entry it reverses: "given" and "received" are net of reversals.
 *
 * Today's ledger reads these rows (one per partner and size). A past date reads them less the entries dated after
 * it, through `ledger_by_date` (covering: no table rows read). Bedroom sizes by a date: `ledger_bedrooms`.
 *
 * Enum values are written out, not imported: a shipped migration must not change when the app's lists do.
 */

const SIDE = (side: 'to' | 'from') => {
  const sign = side === 'to' ? '' : '-';
  const given =
    side === 'to'
      ? "CASE WHEN NEW.kind = 'move' THEN NEW.amount ELSE 0 END"
      : "CASE WHEN NEW.kind = 'reversal' AND o.kind = 'move' THEN -NEW.amount ELSE 0 END";
  const received =
    side === 'to'
      ? "CASE WHEN NEW.kind = 'reversal' AND (o.kind = 'move' OR o.kind = 'housing_moves') THEN -NEW.amount ELSE 0 END"
      : "CASE WHEN NEW.kind = 'move' OR NEW.kind = 'housing_moves' THEN NEW.amount ELSE 0 END";
  // A row of zeros first, then the update: not an upsert, whose conflict handling SQLite would impose on the
  // statements of the triggers it sets off (the audit's row tracking relies on INSERT OR IGNORE).
  const key = `partner_key = coalesce(NEW.${side}_partner_id, 0) AND bedrooms_key = coalesce(NEW.bedrooms, -1)`;
  const original = '(SELECT o.kind FROM ledger_entries o WHERE o.id = NEW.reverses_id)';
  return `INSERT OR IGNORE INTO ledger_balances (partner_key, bedrooms_key, balance, given, received)
            VALUES (coalesce(NEW.${side}_partner_id, 0), coalesce(NEW.bedrooms, -1), 0, 0, 0);
          UPDATE ledger_balances SET balance = balance + ${sign}NEW.amount,
            given = given + ${given.replaceAll('o.kind', original)}, received = received + ${received.replaceAll('o.kind', original)}
          WHERE ${key};`;
};

export const ledgerSpeedMigration: Migration = {
  // 11 on this branch (main has 001–010 and migrate refuses gaps); the lead renumbers it 013 at merge.
  version: 14,
  name: 'ledger-speed',
  up(db) {
    db.exec(`
      CREATE TABLE ledger_balances (
        id INTEGER PRIMARY KEY,
        partner_key INTEGER NOT NULL CHECK (partner_key >= 0),
        bedrooms_key INTEGER NOT NULL CHECK (bedrooms_key BETWEEN -1 AND 7),
        balance INTEGER NOT NULL,
        given INTEGER NOT NULL,
        received INTEGER NOT NULL,
        UNIQUE (partner_key, bedrooms_key)
      ) STRICT;
      CREATE TRIGGER ledger_entries_balances AFTER INSERT ON ledger_entries
        BEGIN
          ${SIDE('to')}
          ${SIDE('from')}
        END;
      CREATE INDEX ledger_by_date ON ledger_entries(on_date, kind, from_partner_id, to_partner_id, amount, bedrooms, reverses_id);
      CREATE INDEX ledger_bedrooms ON ledger_entries(bedrooms, on_date);
      -- The Housing Moves moves not booked, counted as of a day, without reading every move.
      CREATE INDEX moves_by_route ON moves(route, tenancy_start_on);
    `);
    rebuildBalances(db);
  },
};

/** Every account's totals from every entry, as the trigger would have kept them. */
function rebuildBalances(db: Db): void {
  db.exec(`
    DELETE FROM ledger_balances;
    INSERT INTO ledger_balances (partner_key, bedrooms_key, balance, given, received)
    WITH e AS (
      SELECT e.*, o.kind AS base_kind FROM ledger_entries e LEFT JOIN ledger_entries o ON o.id = e.reverses_id
    ), sides AS (
      SELECT coalesce(to_partner_id, 0) AS pk, coalesce(bedrooms, -1) AS bk, amount AS balance,
             CASE WHEN kind = 'move' THEN amount ELSE 0 END AS given,
             CASE WHEN kind = 'reversal' AND (base_kind = 'move' OR base_kind = 'housing_moves') THEN -amount ELSE 0 END AS received
      FROM e
      UNION ALL
      SELECT coalesce(from_partner_id, 0), coalesce(bedrooms, -1), -amount,
             CASE WHEN kind = 'reversal' AND base_kind = 'move' THEN -amount ELSE 0 END,
             CASE WHEN kind = 'move' OR kind = 'housing_moves' THEN amount ELSE 0 END
      FROM e
    )
    SELECT pk, bk, sum(balance), sum(given), sum(received) FROM sides GROUP BY pk, bk ORDER BY pk, bk;
  `);
}
