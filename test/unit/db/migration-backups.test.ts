import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { backupsMigration } from '../../../main/db/migrations/007-backups';
import { insertPartner } from '../cases/case-db';

// Migration 007-backups: the address book and the backup records (the audit anchors).
describe('migration backups', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('adds the address book and backup records beside existing data, with their constraints', () => {
    t = openTestDb({ to: backupsMigration.version - 1 });
    const partner = insertPartner(t.db, 'Hackney Council');
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('general.coordinatorName', '\"Sam\"')").run();
    migrate(t.db, { to: backupsMigration.version });
    expect(schemaVersion(t.db)).toBe(backupsMigration.version);
    expect(t.db.prepare('SELECT name FROM partners WHERE id = ?', { pluck: true }).get([partner])).toBe('Hackney Council');
    expect(t.db.prepare("SELECT value FROM settings WHERE key = 'general.coordinatorName'", { pluck: true }).get()).toBe('"Sam"');

    const key = `age1${'q'.repeat(58)}`;
    const add = (k: string) => t.db.prepare("INSERT INTO backup_contacts (name, public_key, added_at) VALUES ('Kim', ?, 'now')").run([k]);
    add(key);
    expect(() => add(key)).toThrow(/UNIQUE/);
    expect(() => add('not-a-key')).toThrow(/CHECK/);
    // A retired contact frees the key for a new entry.
    t.db.exec("UPDATE backup_contacts SET removed_at = 'later'");
    add(key);

    const record = (kind: string, verified: number) =>
      t.db
        .prepare(
          `INSERT INTO backup_records (kind, trigger, file_path, created_at, size, sha256, audit_head_id, audit_head_hash, verified)
           VALUES (?, 'manual', '/b/x.plhr.age', 'now', 10, 'abc', 3, 'hash', ?)`,
        )
        .run([kind, verified]);
    record('backup', 1);
    expect(() => record('export', 1)).toThrow(/CHECK/);
    expect(() => record('backup', 2)).toThrow(/CHECK/);
    expect(t.db.prepare('SELECT recipients FROM backup_records', { pluck: true }).get()).toBe('[]');
  });
});
