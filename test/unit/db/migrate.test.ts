import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { latestVersion, migrate, schemaVersion } from '../../../main/db/migrate';
import type { Migration } from '../../../main/db/types';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { openEncrypted } from '../../../main/db/open';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

describe('migrations', () => {
  let t: TestDb | undefined;
  let c: TestCore | undefined;
  afterEach(() => {
    t?.cleanup();
    c?.cleanup();
    t = undefined;
    c = undefined;
  });

  it('apply in order and record the version in user_version', () => {
    t = openTestDb();
    expect(schemaVersion(t.db)).toBe(latestVersion());
  });

  it('roll back every step when one fails, leaving the database as it was', () => {
    t = openTestDb({ to: 0 });
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'fails', up: (db) => db.exec('CREATE TABLE b (x NOPE SYNTAX') },
    ];
    expect(() => migrate(t!.db, { migrations: broken })).toThrow();
    expect(schemaVersion(t.db)).toBe(0);
    expect(t.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'", { pluck: true }).get()).toBe(0);
  });

  it('refuse a database from a newer app with a clear message, changing nothing', async () => {
    c = createTestCore();
    await setUp(c);
    c.core.services.db().exec('PRAGMA user_version = 999');
    c.restart();
    const res = await c.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(res.error?.code).toBe('DATABASE_TOO_NEW');
    expect(res.error?.message).toMatch(/newer version of Reciprocal.*Nothing was changed/);
    expect((await c.call('session.status')).value).toMatchObject({ state: 'locked' });
  });

  it('refuse gaps in the numbering', () => {
    t = openTestDb({ to: 0 });
    expect(() => migrate(t!.db, { migrations: [{ version: 2, name: 'x', up: () => undefined }] })).toThrow(/without gaps/);
  });

  it('cannot be read with another key', () => {
    t = openTestDb();
    t.db.close();
    expect(() => openEncrypted(path.join(t!.dir, 'test.db'), randomBytes(32))).toThrow();
    t.reopen();
  });
});
