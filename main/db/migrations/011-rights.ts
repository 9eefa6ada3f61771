import type { Migration } from '../types';

/*
 * Retention and data-subject rights (UK GDPR, issue 15).
 *
 * - `cases.anonymised_at` / `cases.anonymised_how`: when and why (the retention policy, or an erasure request) a
 *   case's identity was erased. The row stays: the ledger, the offers, the moves and the audit log point at it, and
 *   reports count it; only its personal fields are overwritten (main/rights/anonymise.ts).
 * - The case timeline is append-only, but its free text (notes, transition reasons) can identify someone. An UPDATE
 *   is allowed that changes nothing but `text`, to the erasure marker or to nothing, and only on a case that has
 *   already been marked anonymised in the same transaction. Every other UPDATE is refused as before.
 * - `audit_redactions`: the audit log is append-only and hash-chained, yet its before/after values (and the reasons
 *   typed with a change) hold identity. A redaction may rewrite `changes` and `reason` of an entry only once a row
 *   here records, for that entry, the hash it was written with (`original_hash`, which the next entry still links
 *   to) and the hash of its redacted content (`redacted_hash`). The audit check (main/audit/audit.ts) then checks a
 *   redacted entry against `redacted_hash`, so it is never blind to a later edit, and checks that every redaction
 *   is declared by a later `audit.redacted` entry in the chain, so a row added here behind the app's back shows.
 *   Every other column of an entry (who, when, what, the summary, its hashes and row digests) stays as written.
 */
export const rightsMigration: Migration = {
  version: 11,
  name: 'rights',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN anonymised_at TEXT;
      ALTER TABLE cases ADD COLUMN anonymised_how TEXT CHECK (anonymised_how IS NULL OR anonymised_how = 'retention' OR anonymised_how = 'erasure');
      CREATE INDEX cases_retention ON cases(closed_on) WHERE state = 'closed' AND anonymised_at IS NULL;

      CREATE TABLE audit_redactions (
        audit_id INTEGER PRIMARY KEY REFERENCES audit_log(id) ON DELETE RESTRICT,
        original_hash TEXT NOT NULL CHECK (length(original_hash) = 64),
        redacted_hash TEXT NOT NULL CHECK (length(redacted_hash) = 64),
        redacted_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_redactions_no_update BEFORE UPDATE ON audit_redactions
        BEGIN SELECT RAISE(ABORT, 'The audit redaction record is append-only'); END;
      CREATE TRIGGER audit_redactions_no_delete BEFORE DELETE ON audit_redactions
        BEGIN SELECT RAISE(ABORT, 'The audit redaction record is append-only'); END;

      DROP TRIGGER audit_log_no_update;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
          EXISTS (SELECT 1 FROM audit_redactions r WHERE r.audit_id = OLD.id AND r.original_hash = OLD.hash)
          AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
          AND NEW.entity_type IS OLD.entity_type AND NEW.entity_id IS OLD.entity_id AND NEW.case_id IS OLD.case_id
          AND NEW.summary IS OLD.summary AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
          AND NEW.row_digests IS OLD.row_digests
        )
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;

      DROP TRIGGER case_events_no_update;
      CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        WHEN NOT (
          EXISTS (SELECT 1 FROM cases c WHERE c.id = OLD.case_id AND c.anonymised_at IS NOT NULL)
          AND (NEW.text = '' OR NEW.text = '[erased]')
          AND NEW.id = OLD.id AND NEW.case_id IS OLD.case_id AND NEW.at IS OLD.at AND NEW.on_date IS OLD.on_date
          AND NEW.kind IS OLD.kind AND NEW.actor IS OLD.actor AND NEW.from_state IS OLD.from_state
          AND NEW.to_state IS OLD.to_state AND NEW.summary IS OLD.summary
        )
        BEGIN SELECT RAISE(ABORT, 'The case timeline is append-only'); END;
    `);
  },
};
