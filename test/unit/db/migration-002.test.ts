import { afterEach, describe, expect, it } from 'vitest';
import { BOROUGHS } from '../../../contract/boroughs';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { openTestDb, type TestDb } from '../helpers/test-db';

describe('migration 002: directory', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  function seedPartner(name: string, nameKey: string) {
    return t.db
      .prepare(
        `INSERT INTO partners (name, name_key, type, status, status_changed_on, joined_on, created_at, updated_at)
         VALUES (?, ?, 'local_authority', 'active', '2019-04-01', '2019-04-01', 'now', 'now')`,
      )
      .run([name, nameKey]).lastInsertRowid;
  }

  it('keeps the data of version 1 and seeds the 33 boroughs', () => {
    t = openTestDb({ to: 1 });
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('general.coordinatorName', '\"Sam\"')").run();
    migrate(t.db, { to: 2 });
    expect(schemaVersion(t.db)).toBe(2);
    expect(t.db.prepare('SELECT value FROM settings', { pluck: true }).all()).toEqual(['"Sam"']);
    expect(t.db.prepare('SELECT code, name FROM boroughs ORDER BY code').all()).toEqual(BOROUGHS.map((b) => ({ code: b.code, name: b.name })));
  });

  it('refuses a second partner with the same name key, unknown enums and unknown boroughs', () => {
    t = openTestDb({ to: 1 });
    migrate(t.db, { to: 2 });
    const id = seedPartner('Peabody', 'peabody');
    expect(() => seedPartner('PEABODY', 'peabody')).toThrow(/UNIQUE/);
    expect(() =>
      t.db
        .prepare(
          `INSERT INTO partners (name, name_key, type, status, status_changed_on, joined_on, created_at, updated_at)
           VALUES ('X', 'x', 'council', 'active', '2019-04-01', '2019-04-01', 'now', 'now')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    t.db.prepare("INSERT INTO partner_stock_boroughs (partner_id, borough_code) VALUES (?, 'E09000028')").run([id]);
    expect(() => t.db.prepare("INSERT INTO partner_stock_boroughs (partner_id, borough_code) VALUES (?, 'E09000099')").run([id])).toThrow(/FOREIGN KEY/);
    expect(() => t.db.prepare('DELETE FROM partners WHERE id = ?').run([id])).toThrow(/FOREIGN KEY/);
  });

  it('allows a retired contact and a current one with the same name, but not two current ones', () => {
    t = openTestDb({ to: 1 });
    migrate(t.db, { to: 2 });
    const id = seedPartner('Peabody', 'peabody');
    const insert = t.db.prepare(
      `INSERT INTO contacts (partner_id, kind, name, name_key, created_at, updated_at, removed_at) VALUES (?, 'named_lead', 'Jo', 'jo', 'now', 'now', ?)`,
    );
    insert.run([id, 'then']);
    insert.run([id, null]);
    expect(() => insert.run([id, null])).toThrow(/UNIQUE/);
  });

  it('checks its enums without IN lists of three or more values, and still refuses unknown ones', () => {
    t = openTestDb();
    // SQLite builds a temporary index for each evaluation of `x IN (a, b, c)`; the OR form costs almost nothing.
    const schema = t.db.prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL').all<{ name: string; sql: string }>();
    const longInLists = schema.flatMap(({ name, sql }) =>
      [...sql.matchAll(/\bIN\s*\(([^()]*)\)/gi)].filter((m) => (m[1] ?? '').split(',').length >= 3).map((m) => `${name}: ${m[0]}`),
    );
    expect(longInLists).toEqual([]);
    const id = seedPartner('Peabody', 'peabody');
    expect(() => t.db.prepare("UPDATE partners SET status = 'paused' WHERE id = ?").run([id])).toThrow(/CHECK/);
    expect(() =>
      t.db.prepare(`INSERT INTO contacts (partner_id, kind, name, name_key, created_at, updated_at) VALUES (?, 'boss', 'Jo', 'jo', 'now', 'now')`).run([id]),
    ).toThrow(/CHECK/);
    for (const status of ['active', 'suspended', 'left']) t.db.prepare('UPDATE partners SET status = ? WHERE id = ?').run([status, id]);
  });
});
