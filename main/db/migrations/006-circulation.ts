import type { Migration } from '../types';

// Written out rather than imported from contract/: a shipped migration must not change when the app's lists do.
const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;
const DATE = (column: string) => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const SHA256 = (column: string) => `CHECK (length(${column}) = 64 AND NOT ${column} GLOB '*[^0-9a-f]*')`;
const EXPORT_KINDS = ['pack', 'distribution_list', 'share', 'backup', 'report', 'full_record'];

/**
 * Circulation: the record of who received which property request, and every file that left the app.
 *
 * - `exports` is the one list of files written outside the store (docs/STORE.md); packs and distribution lists are
 *   the first kinds, backups, shares and reports add rows of their own kinds. `holds_identity` is 0 for everything
 *   but the deliberate full-record export, and the leak tests read it.
 * - `circulations` is one row per sending of a case's request; `circulation_boroughs` the boroughs it covered (and
 *   which were new), `circulation_recipients` a frozen copy of each partner contact it went to, so that a later
 *   directory edit never rewrites who received what. `contact_id` still points at the contact (contacts are retired,
 *   never deleted), for "requests received" on the partner page.
 * - The passphrase of an encrypted pack is kept with its circulation (inside the encrypted store), so that it can be
 *   read out again if a landlord loses it.
 * - `view_json` is the anonymous circulation view the pack was made from (no identity field exists in it), so that a
 *   re-circulation can list exactly what changed since.
 *
 * Cases circulated before this version keep their state and dates; they have no circulation rows, and the case page
 * says that their recipients were not recorded (see main/circulation/history.ts).
 */
export const m004Circulation: Migration = {
  version: 6,
  name: 'circulation',
  up(db) {
    db.exec(`
      CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (${oneOf('kind', EXPORT_KINDS)}),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        case_id INTEGER REFERENCES cases(id) ON DELETE RESTRICT,
        -- The file's own name, never its folder: a path can name the coordinator's machine and folders.
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 260),
        sha256 TEXT NOT NULL ${SHA256('sha256')},
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        holds_identity INTEGER NOT NULL CHECK (holds_identity IN (0, 1)),
        encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
        -- JSON array of age public keys, for shares and backups; empty for files sent by hand.
        recipients TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX exports_case ON exports(case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX exports_kind ON exports(kind, at);

      CREATE TABLE circulations (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        kind TEXT NOT NULL CHECK (kind = 'first' OR kind = 'recirculation'),
        audience TEXT NOT NULL CHECK (audience = 'everyone' OR audience = 'new_partners'),
        circulated_on TEXT NOT NULL ${DATE('circulated_on')},
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        pack_sha256 TEXT NOT NULL ${SHA256('pack_sha256')},
        encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
        passphrase TEXT CHECK ((encrypted = 1) = (passphrase IS NOT NULL)),
        export_id INTEGER NOT NULL UNIQUE REFERENCES exports(id) ON DELETE RESTRICT,
        -- JSON list of plain-words lines: what changed since the last circulation (empty for the first).
        changes TEXT NOT NULL DEFAULT '[]',
        view_json TEXT NOT NULL,
        UNIQUE (case_id, sequence)
      ) STRICT;

      CREATE TABLE circulation_boroughs (
        circulation_id INTEGER NOT NULL REFERENCES circulations(id) ON DELETE RESTRICT,
        borough_code TEXT NOT NULL REFERENCES boroughs(code) ON DELETE RESTRICT,
        is_new INTEGER NOT NULL CHECK (is_new IN (0, 1)),
        PRIMARY KEY (circulation_id, borough_code)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE circulation_recipients (
        id INTEGER PRIMARY KEY,
        circulation_id INTEGER NOT NULL REFERENCES circulations(id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        partner_name TEXT NOT NULL,
        -- JSON array of the partner's stock boroughs among those circulated, as they were.
        partner_boroughs TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE RESTRICT,
        contact_name TEXT NOT NULL,
        contact_role TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        contact_secure_email TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        UNIQUE (circulation_id, position)
      ) STRICT;
      CREATE INDEX circulation_recipients_partner ON circulation_recipients(partner_id, circulation_id);

      -- The record is history: it is never rewritten.
      CREATE TRIGGER circulations_no_update BEFORE UPDATE ON circulations
        BEGIN SELECT RAISE(ABORT, 'The circulation record is append-only'); END;
      CREATE TRIGGER circulations_no_delete BEFORE DELETE ON circulations
        BEGIN SELECT RAISE(ABORT, 'The circulation record is append-only'); END;
      CREATE TRIGGER circulation_recipients_no_update BEFORE UPDATE ON circulation_recipients
        BEGIN SELECT RAISE(ABORT, 'The circulation record is append-only'); END;
      CREATE TRIGGER circulation_recipients_no_delete BEFORE DELETE ON circulation_recipients
        BEGIN SELECT RAISE(ABORT, 'The circulation record is append-only'); END;
      CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports
        BEGIN SELECT RAISE(ABORT, 'The export record is append-only'); END;
      CREATE TRIGGER exports_no_delete BEFORE DELETE ON exports
        BEGIN SELECT RAISE(ABORT, 'The export record is append-only'); END;
    `);
  },
};
