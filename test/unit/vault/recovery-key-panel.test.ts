import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../main/app/core';
import { memoryClipboard, type Timers } from '../../../main/ports';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('the recovery key: Copy, Save as a file, and the reminder', () => {
  it('copies to the clipboard and clears it after two minutes, unless something else was copied since', async () => {
    const pending: (() => void)[] = [];
    const timers: Timers = { now: () => Date.now(), setTimeout: (fn) => pending.push(fn), clearTimeout: () => undefined };
    const clipboard = memoryClipboard();
    t = createTestCore();
    t.core.close();
    t.core = createAppCore({
      paths: { dataDir: t.dataDir },
      version: 't',
      dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
      isTrustedSender: () => true,
      emit: () => undefined,
      timers,
      clipboard,
    });
    const key = await setUp(t);
    expect(await t.call('vault.copyRecoveryKey', { recoveryKey: key.toLowerCase() })).toEqual({ ok: true, value: { clearsAfterSeconds: 120 } });
    expect(clipboard.readText()).toBe(key);
    pending.splice(0).forEach((fn) => fn());
    await Promise.resolve();
    expect(clipboard.readText()).toBe('');
    await t.call('vault.copyRecoveryKey', { recoveryKey: key });
    clipboard.writeText('something else');
    pending.splice(0).forEach((fn) => fn());
    await Promise.resolve();
    expect(clipboard.readText()).toBe('something else');
    expect((await t.call('vault.copyRecoveryKey', { recoveryKey: 'not a key' })).error).toMatchObject({ code: 'VALIDATION' });
  });

  it('saves it as an owner-only text file the coordinator chose, audited', async () => {
    t = createTestCore();
    const key = await setUp(t);
    const file = path.join(t.dataDir, 'usb', 'key.txt');
    fs.mkdirSync(path.dirname(file));
    t.dialogs.save.push(file);
    expect(await t.call('vault.saveRecoveryKey', { recoveryKey: key })).toEqual({ ok: true, value: { cancelled: false, fileName: 'key.txt' } });
    expect(fs.readFileSync(file, 'utf8')).toContain(`    ${key}\n`);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const log = (await t.call('audit.list', {})).value as { entries: { action: string }[] };
    expect(log.entries[0]!.action).toBe('vault.recovery_key_saved');
    t.dialogs.save.push(null);
    expect((await t.call('vault.saveRecoveryKey', { recoveryKey: key })).value).toEqual({ cancelled: true });
    t.dialogs.save.push(path.join(t.dataDir, 'no-such-folder', 'key.txt'));
    expect((await t.call('vault.saveRecoveryKey', { recoveryKey: key })).error).toMatchObject({ code: 'IO' });
  });

  it('a new store reminds until the coordinator confirms; a new key asks again', async () => {
    t = createTestCore();
    await setUp(t);
    expect((await t.call('session.status')).value).toMatchObject({ recoveryKeyUnconfirmed: true });
    expect((await t.call('vault.confirmRecoveryKey')).value).toMatchObject({ recoveryKeyUnconfirmed: false });
    await t.call('vault.newRecoveryKey', { current: PASSPHRASE });
    expect((await t.call('session.status')).value).toMatchObject({ recoveryKeyUnconfirmed: true });
    t.restart();
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).value).toMatchObject({ recoveryKeyUnconfirmed: true });
  });

  it('refuses an easily guessed passphrase in main with the meter’s own words', async () => {
    t = createTestCore();
    const res = await t.call('vault.create', { coordinatorName: 'Sam', passphrase: 'password1234', confirmPassphrase: 'password1234' });
    expect(res.error).toMatchObject({ code: 'VALIDATION', fields: { passphrase: expect.stringMatching(/^This passphrase is too easy to guess/) } });
    expect(fs.readdirSync(t.dataDir).filter((f) => f !== 'logs')).toEqual([]);
  });
});
