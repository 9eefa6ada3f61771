import type { Db, Migration } from '../types';

/*
 * The ledger, the scheme's "central pot" (issue 11).
 *
 * One row is one posting of `amount` properties from the account that owes (`from_partner_id`) to the account that
 * is owed (`to_partner_id`). A NULL side is the central pot itself: the counter side of an opening balance, of a
 * property contributed outside a case, and of a Housing Moves move when the policy books those. Because every row
 * takes from one account exactly what it gives to another, the balances of all accounts sum to zero by construction;
 * reciprocal moves touch only partners, so partner balances alone sum to zero whenever the pot is level.
 *
 * Rows are never edited or deleted (triggers, as for the audit log). A mistake is undone by a reversal: a new row
 * that swaps the two sides of the row it reverses, points at it (`reverses_id`, unique: once only) and says why.
 *
 * Existing moves are booked here as the app would have booked them, dated the day the tenancy started.
 * Enum values are written out, not imported: a shipped migration must not change when the app's lists do.
 */

const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;
const DATE = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;

const KINDS = ['move', 'housing_moves', 'opening_balance', 'contribution', 'correction', 'reversal'];
const MANUAL = ['opening_balance', 'contribution', 'correction', 'reversal'];

export const m005Ledger: Migration = {
  version: 10,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE ledger_entries (
        id INTEGER PRIMARY KEY,
        on_date TEXT NOT NULL ${DATE('on_date')},
        kind TEXT NOT NULL CHECK (${oneOf('kind', KINDS)}),
        -- The side that owes (its balance goes down); NULL is the central pot.
        from_partner_id INTEGER REFERENCES partners(id) ON DELETE RESTRICT,
        -- The side that is owed (its balance goes up); NULL is the central pot.
        to_partner_id INTEGER REFERENCES partners(id) ON DELETE RESTRICT,
        amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 500),
        -- The size of the home given, so that a 3-bed owed is not read as a 1-bed owed; NULL when not known.
        bedrooms INTEGER CHECK (bedrooms IS NULL OR bedrooms BETWEEN 0 AND 7),
        move_id INTEGER REFERENCES moves(id) ON DELETE RESTRICT,
        case_id INTEGER REFERENCES cases(id) ON DELETE RESTRICT,
        reverses_id INTEGER UNIQUE REFERENCES ledger_entries(id) ON DELETE RESTRICT,
        reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
        recorded_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        CHECK (from_partner_id IS NOT to_partner_id),
        CHECK (kind <> 'move' OR (move_id IS NOT NULL AND from_partner_id IS NOT NULL AND to_partner_id IS NOT NULL)),
        CHECK (kind <> 'housing_moves' OR (move_id IS NOT NULL AND from_partner_id IS NOT NULL AND to_partner_id IS NULL)),
        CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
        CHECK (NOT ${oneOf('kind', MANUAL)} OR length(trim(reason)) >= 1)
      ) STRICT;
      -- One booking per move; a reversal carries the move too, so this is on the bookings alone.
      CREATE UNIQUE INDEX ledger_one_booking_per_move ON ledger_entries(move_id) WHERE kind = 'move' OR kind = 'housing_moves';
      -- A partner's statement and balance: two index ranges, one per side, in date order.
      CREATE INDEX ledger_from ON ledger_entries(from_partner_id, on_date);
      CREATE INDEX ledger_to ON ledger_entries(to_partner_id, on_date);

      CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'Ledger entries are never edited: reverse the entry with a reason instead'); END;
      CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'Ledger entries are never deleted: reverse the entry with a reason instead'); END;
      -- A reversal undoes exactly one ordinary entry: the same amount, the two sides swapped, never a reversal itself.
      CREATE TRIGGER ledger_entries_reversal_mirrors BEFORE INSERT ON ledger_entries WHEN NEW.reverses_id IS NOT NULL
        BEGIN
          SELECT RAISE(ABORT, 'A reversal must mirror the entry it reverses')
          WHERE NOT EXISTS (
            SELECT 1 FROM ledger_entries o
            WHERE o.id = NEW.reverses_id AND o.kind <> 'reversal' AND o.amount = NEW.amount
              AND o.from_partner_id IS NEW.to_partner_id AND o.to_partner_id IS NEW.from_partner_id
              AND o.on_date <= NEW.on_date
          );
        END;
    `);
    bookExistingMoves(db);
  },
};

/** Moves recorded before the ledger existed: booked as completeMove would have booked them (Housing Moves: not). */
function bookExistingMoves(db: Db): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, bedrooms, move_id, case_id, reason, recorded_at, actor)
     SELECT coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)), 'move', m.home_partner_id, m.receiving_partner_id, 1,
            coalesce(p.bedrooms, c.bedrooms), m.id, m.case_id, '', ?, 'Data migration'
     FROM moves m
     JOIN cases c ON c.id = m.case_id
     LEFT JOIN offers o ON o.id = m.offer_id
     LEFT JOIN properties p ON p.id = o.property_id
     WHERE m.route = 'reciprocal' AND m.receiving_partner_id IS NOT NULL AND m.receiving_partner_id <> m.home_partner_id
     ORDER BY m.id`,
  ).run([now]);
}
