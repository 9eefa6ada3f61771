import { BOROUGHS } from '../../../contract/boroughs';
import type { Migration } from '../types';

/**
 * `col = 'a' OR col = 'b' …` rather than `col IN ('a', 'b', 'c')`: for an IN list of three or more values SQLite
 * builds a temporary index every time the CHECK runs. Measured on SQLCipher with memory security on, two such
 * checks cost about 250 µs per insert against 4 µs for the OR form. (Changed before 002 shipped to anyone; the
 * same form as migration 003. Written out here, not imported, so that this migration never changes again.)
 */
const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;

/**
 * The scheme's directory: the 33 boroughs as reference rows, partners, the boroughs where each holds stock, and
 * their contacts.
 *
 * Later issues hang properties, ledger lines and circulations off `partners.id` and `boroughs.code`, so partners
 * are never deleted (a partner that leaves keeps its row, with status 'left') and contacts are retired rather than
 * deleted (`removed_at`), so that a circulation can keep pointing at the contact it went to.
 */
export const m002Directory: Migration = {
  version: 2,
  name: 'directory',
  up(db) {
    db.exec(`
      CREATE TABLE boroughs (
        code TEXT PRIMARY KEY CHECK (code GLOB 'E090000[0-3][0-9]'),
        name TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE partners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        -- partnerNameKey(name): case and spacing folded, so "Peabody" and "PEABODY " cannot both be registered.
        name_key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('local_authority', 'housing_association')),
        status TEXT NOT NULL CHECK (${oneOf('status', ['active', 'suspended', 'left'])}),
        status_changed_on TEXT NOT NULL CHECK (status_changed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        joined_on TEXT NOT NULL CHECK (joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        approval_route_notes TEXT NOT NULL DEFAULT '' CHECK (length(approval_route_notes) <= 2000),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX partners_status ON partners(status);

      CREATE TABLE partner_stock_boroughs (
        partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        borough_code TEXT NOT NULL REFERENCES boroughs(code) ON DELETE RESTRICT,
        PRIMARY KEY (partner_id, borough_code)
      ) STRICT, WITHOUT ROWID;
      -- Circulation asks the other way round: which partners hold stock in these boroughs?
      CREATE INDEX partner_stock_boroughs_borough ON partner_stock_boroughs(borough_code, partner_id);

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        kind TEXT NOT NULL CHECK (${oneOf('kind', ['named_lead', 'lettings', 'other'])}),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_key TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        secure_email TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX contacts_partner ON contacts(partner_id) WHERE removed_at IS NULL;
      -- The same person cannot be listed twice in the same capacity for one partner.
      CREATE UNIQUE INDEX contacts_unique_current ON contacts(partner_id, kind, name_key) WHERE removed_at IS NULL;
    `);
    // The codes are fixed by the ONS; seeding from the shared reference list keeps one source of truth.
    const insert = db.prepare('INSERT INTO boroughs (code, name) VALUES ($code, $name)');
    for (const b of BOROUGHS) insert.run({ code: b.code, name: b.name });
  },
};
