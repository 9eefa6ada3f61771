import type { Migration } from '../types';

/**
 * Settings and the audit log. The audit log is append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained: each entry stores the hash of the one before, so an edit made around the triggers
 * still shows up when the chain is verified.
 */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id TEXT,
        case_id INTEGER,
        summary TEXT NOT NULL,
        changes TEXT NOT NULL,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
      CREATE INDEX audit_log_case ON audit_log(case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX audit_log_at ON audit_log(at);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
    `);
  },
};
