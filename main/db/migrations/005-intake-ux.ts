import type { Migration } from '../types';

/*
 * The name a case is searched by, folded in SQL so that the index stays in step with `cases` through triggers,
 * whatever code writes the row (intake, edits, a later redaction). The tokenizer (unicode61, remove_diacritics 2)
 * already folds case and accents and splits on hyphens; apostrophes would split "O’Brien" into "o" and "brien",
 * so the name is indexed as written ("brien" finds it) and without apostrophes ("obrien" finds it). The
 * hyphen-joined form is added too, so "smithjones" finds "Smith-Jones" as well as "smith jones". Written out here,
 * frozen with the migration.
 */
const noApostrophes = (col: string) => `replace(replace(replace(replace(replace(${col}, '''', ''), '’', ''), '‘', ''), 'ʼ', ''), '\`', '')`;
const searchText = (col: string) => `(${col} || ' ' || ${noApostrophes(col)} || ' ' || replace(replace(${noApostrophes(col)}, '-', ''), '‐', ''))`;

/**
 * Intake without lost typing or lost partners (issue 7):
 * - `partner_aliases`: other names a landlord goes by, for the registered check;
 * - `drafts`: unsaved referral and case-edit forms, kept in the encrypted store (never in the renderer's storage)
 *   so that a lock or a crash loses nothing;
 * - `cases_fts`: a full-text index of applicant names, contentless (the names stay only on `cases`).
 */
export const intakeUxMigration: Migration = {
  version: 5,
  name: 'intake-ux',
  up(db) {
    db.exec(`
      CREATE TABLE partner_aliases (
        id INTEGER PRIMARY KEY,
        partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 200),
        -- partnerNameKey(alias): one other name belongs to one partner only.
        alias_key TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX partner_aliases_partner ON partner_aliases(partner_id);

      CREATE TABLE drafts (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
        kind TEXT NOT NULL CHECK (kind = 'referral' OR kind = 'case_edit'),
        case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
        body TEXT NOT NULL CHECK (json_valid(body)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE VIRTUAL TABLE cases_fts USING fts5(
        name, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2"
      );
      INSERT INTO cases_fts (rowid, name) SELECT id, ${searchText('applicant_name')} FROM cases;

      CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_fts (rowid, name) VALUES (new.id, ${searchText('new.applicant_name')});
      END;
      CREATE TRIGGER cases_fts_update AFTER UPDATE OF applicant_name ON cases BEGIN
        DELETE FROM cases_fts WHERE rowid = old.id;
        INSERT INTO cases_fts (rowid, name) VALUES (new.id, ${searchText('new.applicant_name')});
      END;
      CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
        DELETE FROM cases_fts WHERE rowid = old.id;
      END;
    `);
  },
};
