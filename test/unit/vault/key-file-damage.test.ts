import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import type { SessionStatus } from '../../../contract/session';

let t: TestCore;
afterEach(() => t?.cleanup());
const keyPath = () => path.join(t.dataDir, 'reciprocal.key.json');
const throttle = () =>
  fs.existsSync(path.join(t.dataDir, 'unlock-attempts.json')) ? JSON.parse(fs.readFileSync(path.join(t.dataDir, 'unlock-attempts.json'), 'utf8')).failures : 0;

async function lockedStore(): Promise<Buffer> {
  t = createTestCore();
  await setUp(t);
  await t.call('session.lock');
  return fs.readFileSync(keyPath());
}

describe('a damaged key file says so', () => {
  it('one changed character in the passphrase slot: damaged, not a wrong passphrase, and no try counted', async () => {
    const saved = await lockedStore();
    const file = JSON.parse(saved.toString('utf8'));
    const wrapped: string = file.slots.passphrase.wrapped;
    file.slots.passphrase.wrapped = (wrapped[0] === 'A' ? 'B' : 'A') + wrapped.slice(1);
    fs.writeFileSync(keyPath(), JSON.stringify(file, null, 2));
    for (let i = 0; i < 5; i++) {
      const res = await t.call('vault.unlock', { passphrase: PASSPHRASE });
      expect(res.error).toMatchObject({
        code: 'KEY_FILE_DAMAGED',
        message: expect.stringContaining('The key file is damaged: its checksum does not match'),
      });
      expect(res.error?.message).not.toMatch(/Caps Lock/);
    }
    expect(throttle()).toBe(0);
    expect(((await t.call('session.status')).value as SessionStatus).retryAfterMs).toBe(0);
    fs.writeFileSync(keyPath(), saved);
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
  });

  it('a wrong passphrase with an intact file is still a wrong passphrase', async () => {
    await lockedStore();
    const res = await t.call('vault.unlock', { passphrase: 'not the passphrase at all' });
    expect(res.error).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.stringContaining('Caps Lock') });
    expect(throttle()).toBe(1);
  });

  for (const [name, kdf] of [
    ['N = 2^24 (73 s and 16 GiB)', { N: 2 ** 24 }],
    ['N not a power of two', { N: 2 ** 17 + 1 }],
    ['N below the minimum', { N: 2 ** 10 }],
    ['r = 1024', { r: 1024 }],
    ['p = 64', { p: 64 }],
  ] as const) {
    it(`refuses KDF parameters outside the range before running them: ${name}`, async () => {
      await lockedStore();
      const file = JSON.parse(fs.readFileSync(keyPath(), 'utf8'));
      // A hostile or broken tool could recompute the checksum too: the range is checked on its own.
      Object.assign(file.slots.passphrase.kdf, kdf);
      fs.writeFileSync(keyPath(), JSON.stringify(file));
      const res = await t.call('vault.unlock', { passphrase: PASSPHRASE });
      expect(res.error).toMatchObject({ code: 'KEY_FILE_DAMAGED', message: expect.stringContaining('key-stretching settings outside the range') });
      // Refused by the key file's schema, before any key stretching, and not counted as a try.
      expect(throttle()).toBe(0);
    });
  }

  it('reads a version 1 key file (no checksum) and writes version 2 on the next change', async () => {
    await lockedStore();
    const file = JSON.parse(fs.readFileSync(keyPath(), 'utf8'));
    delete file.checksum;
    delete file.revision;
    file.version = 1;
    fs.writeFileSync(keyPath(), JSON.stringify(file));
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    const next = 'another long passphrase here';
    expect((await t.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: next, confirmPassphrase: next })).ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(keyPath(), 'utf8'))).toMatchObject({ version: 2, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
