import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { appendAudit } from '../../../main/audit/audit';

describe('migration 001: foundation', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('creates settings and an append-only audit log from an empty database', () => {
    t = openTestDb({ to: 0 });
    expect(schemaVersion(t.db)).toBe(0);
    migrate(t.db, { to: 1 });
    expect(schemaVersion(t.db)).toBe(1);
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    appendAudit(t.db, 'Sam', new Date('2026-11-27T10:00:00Z'), { action: 'test', entityType: 'test', summary: 'first' });
    expect(() => t.db.exec("UPDATE audit_log SET summary = 'changed'")).toThrow(/append-only/);
    expect(() => t.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(t.db.prepare('SELECT summary FROM audit_log', { pluck: true }).all()).toEqual(['first']);
  });
});
