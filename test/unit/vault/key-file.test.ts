import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { readKeyFile } from '../../../main/vault/key-file';
import { OWASP_SCRYPT } from '../../../main/vault/kdf';

describe('key file and passphrases', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('wraps a random data key with scrypt at OWASP parameters in two slots', async () => {
    t = createTestCore();
    await setUp(t);
    const file = readKeyFile(path.join(t.dataDir, 'reciprocal.key.json'));
    for (const slot of [file.slots.passphrase, file.slots.recovery]) {
      expect(slot.kdf.N).toBeGreaterThanOrEqual(OWASP_SCRYPT.N);
      expect(slot.kdf.r).toBeGreaterThanOrEqual(8);
      expect(slot.cipher).toBe('aes-256-gcm');
    }
    expect(file.slots.passphrase.kdf.salt).not.toBe(file.slots.recovery.kdf.salt);
  });

  it('changing the passphrase rewraps the key: the recovery key and the data still work, the old passphrase does not', async () => {
    t = createTestCore();
    const recoveryKey = await setUp(t);
    const next = 'another long passphrase 99';
    const badCurrent = await t.call('vault.changePassphrase', { current: 'wrong wrong wrong', passphrase: next, confirmPassphrase: next });
    expect(badCurrent.error?.code).toBe('WRONG_PASSPHRASE');
    const mismatch = await t.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: next, confirmPassphrase: 'something else' });
    expect(mismatch.error?.fields?.['confirmPassphrase']).toBe('The two passphrases do not match');
    const ok = await t.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: next, confirmPassphrase: next });
    expect(ok.ok).toBe(true);

    t.restart();
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).error?.code).toBe('WRONG_PASSPHRASE');
    expect((await t.call('vault.unlock', { passphrase: next })).ok).toBe(true);
    expect((await t.call('settings.getGeneral')).value).toMatchObject({ coordinatorName: 'Sam Coordinator' });
    t.core.lock('manual');
    const rec = await t.call('vault.unlockWithRecoveryKey', { recoveryKey });
    expect(rec.value).toMatchObject({ state: 'unlocked', mustChangePassphrase: true });
  });

  it('after a recovery-key unlock, nothing opens until a new passphrase is set', async () => {
    t = createTestCore();
    const recoveryKey = await setUp(t);
    t.core.lock('manual');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey: 'AAAA-BBBB' })).error?.code).toBe('WRONG_RECOVERY_KEY');
    const res = await t.call('vault.unlockWithRecoveryKey', { recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' ') });
    expect(res.ok).toBe(true);
    expect((await t.call('settings.getGeneral')).error?.code).toBe('LOCKED');
    const next = 'fresh passphrase after recovery';
    expect((await t.call('vault.setPassphraseAfterRecovery', { passphrase: next, confirmPassphrase: next })).ok).toBe(true);
    expect((await t.call('settings.getGeneral')).ok).toBe(true);
    t.restart();
    expect((await t.call('vault.unlock', { passphrase: next })).ok).toBe(true);
  });

  it('a new recovery key replaces the old one', async () => {
    t = createTestCore();
    const oldKey = await setUp(t);
    const res = await t.call('vault.newRecoveryKey', { current: PASSPHRASE });
    const newKey = (res.value as { recoveryKey: string }).recoveryKey;
    expect(newKey).not.toBe(oldKey);
    t.core.lock('manual');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey: oldKey })).error?.code).toBe('WRONG_RECOVERY_KEY');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey: newKey })).ok).toBe(true);
  });

  it('explains a missing or damaged key file instead of failing obscurely', async () => {
    t = createTestCore();
    await setUp(t);
    t.core.lock('manual');
    const keyFile = path.join(t.dataDir, 'reciprocal.key.json');
    const saved = fs.readFileSync(keyFile);
    fs.writeFileSync(keyFile, '{ not json');
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).error).toMatchObject({
      code: 'KEY_FILE_DAMAGED',
      message: expect.stringContaining('damaged'),
    });
    fs.rmSync(keyFile);
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).error?.message).toContain('missing');
    fs.writeFileSync(keyFile, saved);
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
  });

  it('refuses to set up twice over existing data', async () => {
    t = createTestCore();
    await setUp(t);
    const again = await t.call('vault.create', { coordinatorName: 'X', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    expect(again.error?.code).toBe('ALREADY_SET_UP');
  });
});
