import type { Migration } from '../types';

/**
 * Backups and shares (issue 12). The schedule, the backup passphrase and the coordinator's own age identity are
 * settings (key → JSON); these two tables hold what is a list:
 * - `backup_contacts`: the address book of colleagues' age public keys, for shares. A colleague who leaves is
 *   retired (`removed_at`), not deleted, so that the record of a share made for them keeps its name.
 * - `backup_records`: every backup or share file written, with its verification outcome and the audit chain head
 *   it holds. The heads are the anchors the audit check compares the live chain with.
 */
export const backupsMigration: Migration = {
  version: 7,
  name: 'backups',
  up(db) {
    db.exec(`
      CREATE TABLE backup_contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        public_key TEXT NOT NULL CHECK (public_key GLOB 'age1*'),
        added_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX backup_contacts_key ON backup_contacts(public_key) WHERE removed_at IS NULL;

      CREATE TABLE backup_records (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind = 'backup' OR kind = 'share'),
        trigger TEXT NOT NULL CHECK (trigger = 'schedule' OR trigger = 'manual'),
        file_path TEXT NOT NULL,
        created_at TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL,
        audit_head_id INTEGER NOT NULL,
        audit_head_hash TEXT NOT NULL,
        verified INTEGER NOT NULL CHECK (verified = 0 OR verified = 1),
        problem TEXT,
        recipients TEXT NOT NULL DEFAULT '[]',
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX backup_records_created ON backup_records(created_at);
    `);
  },
};
