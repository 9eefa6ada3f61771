import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/audit';
import { PAGE_SIZE } from '../../../main/db/file-state';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import type { SessionStatus } from '../../../contract/session';

let t: TestCore;
afterEach(() => t?.cleanup());

const dbFile = () => path.join(t.dataDir, 'reciprocal.db');
const status = async () => (await t.call('session.status')).value as SessionStatus;
const dataFolder = () => fs.readdirSync(t.dataDir).sort();

/** A set-up store with enough audit entries that later pages hold only them; folded into the main file. */
async function storeWithHistory(): Promise<void> {
  t = createTestCore();
  await setUp(t);
  await t.call('settings.updateGeneral', { autoLockMinutes: 11 });
  const db = t.core.services.db();
  db.transaction(() => {
    for (let i = 0; i < 3000; i++)
      appendAudit(db, 'Seeder', new Date(), { action: 'seed.entry', entityType: 'seed', entityId: i, summary: `Seed entry ${i} `.padEnd(400, '.') });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  await t.call('session.lock');
}

describe('a missing, empty or cut-short database is never replaced silently', () => {
  for (const [name, damage, kind] of [
    ['deleted', () => fs.rmSync(dbFile()), 'missing'],
    ['emptied', () => fs.truncateSync(dbFile(), 0), 'empty'],
    ['cut short mid-page', () => fs.truncateSync(dbFile(), fs.statSync(dbFile()).size - 1000), 'truncated'],
  ] as const) {
    it(`${name}: its own state and message, no new file, and unlock refused with the same words`, async () => {
      await storeWithHistory();
      damage();
      const before = fs.existsSync(dbFile()) ? fs.statSync(dbFile()).size : null;
      const s = await status();
      expect(s.state).toBe('damaged');
      expect(s.damage).toMatchObject({ kind, canCheck: false, message: expect.stringContaining('reciprocal.db') });

      const unlock = await t.call('vault.unlock', { passphrase: PASSPHRASE });
      expect(unlock.error).toMatchObject({ code: 'DATABASE_DAMAGED', message: expect.stringContaining(s.damage!.message) });
      expect(fs.existsSync(dbFile()) ? fs.statSync(dbFile()).size : null).toBe(before);
      expect(fs.existsSync(`${dbFile()}-wal`)).toBe(false);

      // The check says what is wrong; setup is refused: this is not a new installation.
      const check = await t.call('database.integrityCheck');
      expect(check.value).toMatchObject({ ok: false, problems: [s.damage!.message] });
      expect((await t.call('vault.create', { coordinatorName: 'X', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE })).error?.code).toBe(
        'ALREADY_SET_UP',
      );
      expect((await t.call('settings.getGeneral')).error?.code).toBe('DATABASE_DAMAGED');
      // A restart finds the same.
      t.restart();
      expect((await status()).damage?.kind).toBe(kind);
    });
  }

  it('cut short on a page boundary: unlock says the file is damaged and keeps the key for the check', async () => {
    await storeWithHistory();
    fs.truncateSync(dbFile(), Math.floor(fs.statSync(dbFile()).size / PAGE_SIZE / 2) * PAGE_SIZE);
    const unlock = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(unlock.error).toMatchObject({ code: 'DATABASE_DAMAGED', message: expect.stringContaining('damaged and cannot be read') });
    expect((await status()).damage).toMatchObject({ kind: 'corrupt', canCheck: true });
    const check = await t.call('database.integrityCheck');
    expect(check.ok).toBe(true);
    expect((check.value as { ok: boolean }).ok).toBe(false);
  });

  it('starts again only after the typed confirmation, and keeps the damaged files aside', async () => {
    await storeWithHistory();
    fs.truncateSync(dbFile(), 0);
    const refused = await t.call('database.startAgain', { confirmation: 'yes' });
    expect(refused.error).toMatchObject({ code: 'VALIDATION', fields: { confirmation: 'Type start again to confirm' } });
    expect(fs.existsSync(path.join(t.dataDir, 'reciprocal.key.json'))).toBe(true);

    const res = await t.call('database.startAgain', { confirmation: 'Start again' });
    const movedTo = (res.value as { movedTo: string }).movedTo;
    expect(fs.readdirSync(movedTo).sort()).toEqual(['reciprocal.db', 'reciprocal.key.json']);
    expect((await status()).state).toBe('needs-setup');
    await setUp(t, 'New Coordinator');
    expect((await status()).state).toBe('unlocked');
    expect(fs.existsSync(movedTo)).toBe(true);
  });

  it('refuses to start again over a healthy store', async () => {
    await storeWithHistory();
    const res = await t.call('database.startAgain', { confirmation: 'start again' });
    expect(res.error?.code).toBe('RULE');
    expect(await t.call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  });
});

describe('one damaged page does not poison the session', () => {
  it('a flipped byte in a later page: every call says the database is damaged, writes stop, the check runs afresh', async () => {
    await storeWithHistory();
    const size = fs.statSync(dbFile()).size;
    // Most pages hold the seeded audit entries, which the audit check reads, but the audit log's five indexes grow
    // beside them and the check does not read those: one byte in each of three pages well apart, so that one of them
    // is the audit log's own (the build has no dbstat to say which page is whose).
    const fd = fs.openSync(dbFile(), 'r+');
    for (const share of [0.45, 0.6, 0.75]) {
      const at = Math.floor((size * share) / PAGE_SIZE) * PAGE_SIZE + 100;
      const byte = Buffer.alloc(1);
      fs.readSync(fd, byte, 0, 1, at);
      byte[0] = byte[0]! ^ 0xff;
      fs.writeSync(fd, byte, 0, 1, at);
    }
    fs.closeSync(fd);

    expect(await t.call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    // 1. A read that reaches the page.
    const verify = await t.call('audit.verify');
    expect(verify.error).toMatchObject({ code: 'DATABASE_DAMAGED', message: expect.stringContaining('Part of the database file (reciprocal.db) is damaged') });
    expect(t.events).toContainEqual({ type: 'database-damaged' });
    // 2. A write: refused with the same words, not "Something went wrong".
    const write = await t.call('settings.updateGeneral', { autoLockMinutes: 30 });
    expect(write.error).toMatchObject({ code: 'DATABASE_DAMAGED' });
    // 3. Settings: the same.
    expect((await t.call('settings.getGeneral')).error).toMatchObject({ code: 'DATABASE_DAMAGED' });
    expect(await status()).toMatchObject({ state: 'damaged', damage: { kind: 'corrupt', canCheck: true } });
    // The check itself still answers, on a fresh connection, and names the damage.
    const check = await t.call('database.integrityCheck');
    expect(check.ok).toBe(true);
    expect(check.value).toMatchObject({ ok: false });
    expect((check.value as { problems: string[] }).problems.length).toBeGreaterThan(0);

    // Locking clears the state; the rest of the data is as it was and nothing was written meanwhile.
    await t.call('session.lock');
    expect((await status()).state).toBe('locked');
    expect(await t.call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect((await t.call('settings.getGeneral')).value).toMatchObject({ autoLockMinutes: 11 });
  });
});

describe('files are private', () => {
  it.skipIf(process.platform === 'win32')('creates the database, its WAL and SHM, the key file and the log owner-only', async () => {
    t = createTestCore();
    await setUp(t);
    await t.call('settings.updateGeneral', { autoLockMinutes: 8 });
    const mode = (f: string) => fs.statSync(path.join(t.dataDir, f)).mode & 0o777;
    for (const f of ['reciprocal.db', 'reciprocal.db-wal', 'reciprocal.db-shm', 'reciprocal.key.json', 'logs/reciprocal.log'])
      expect([f, mode(f)]).toEqual([f, 0o600]);
    expect(fs.statSync(t.dataDir).mode & 0o777).toBe(0o700);
    // A store made by an older version (0644) is made private on the next unlock.
    await t.call('session.lock');
    fs.chmodSync(dbFile(), 0o644);
    await t.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(mode('reciprocal.db')).toBe(0o600);
    expect(dataFolder()).not.toContain('setup-incomplete.json');
  });
});
