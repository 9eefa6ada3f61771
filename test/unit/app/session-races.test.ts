import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';

/*
 * Key stretching (scrypt) takes a noticeable time and runs off the main thread, so the session can lock while it
 * runs: the idle timer, the laptop going to sleep, or the Lock button. Whatever the timing, the key file and the
 * audit log must agree, the coordinator must be told the truth, and no slot may end up wrapping a zeroed key.
 */

/** Lets the request start: after one turn of the event loop its key stretch is running on the thread pool. */
const started = () => new Promise((resolve) => setImmediate(resolve));

const NEXT = 'a completely new passphrase';

describe('the session when it locks during slow vault work', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  const keyFile = () => fs.readFileSync(path.join(t.dataDir, 'reciprocal.key.json'), 'utf8');
  const vaultAudits = async () => {
    const res = await t.call('audit.list', { action: '' });
    return (res.value as { entries: { action: string }[] }).entries.map((e) => e.action).filter((a) => a.startsWith('vault.'));
  };

  it('setup overtaken by a lock still completes and shows the recovery key once, then stays locked', async () => {
    t = createTestCore();
    const pending = t.call('vault.create', { coordinatorName: 'Sam', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    await started();
    t.core.lock('screen-lock');
    const res = await pending;

    expect(res.ok).toBe(true);
    const recoveryKey = (res.value as { recoveryKey: string }).recoveryKey;
    expect((await t.call('session.status')).value).toMatchObject({ state: 'locked' });
    expect((await t.call('settings.getGeneral')).error?.code).toBe('LOCKED');
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    t.core.lock('manual');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).ok).toBe(true);
  });

  it('a passphrase change overtaken by a lock changes nothing and says so', async () => {
    t = createTestCore();
    await setUp(t);
    const before = keyFile();
    const pending = t.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: NEXT, confirmPassphrase: NEXT });
    await started();
    t.core.lock('suspend');
    const res = await pending;

    expect(res.error?.code).toBe('LOCKED');
    expect(res.error?.message).toContain('nothing was changed');
    expect(keyFile()).toBe(before);
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect(await vaultAudits()).toEqual(['vault.created']);
  });

  it('a new recovery key overtaken by a lock keeps the old one working', async () => {
    t = createTestCore();
    const recoveryKey = await setUp(t);
    const before = keyFile();
    const pending = t.call('vault.newRecoveryKey', { current: PASSPHRASE });
    await started();
    t.core.lock('idle');
    const res = await pending;

    // Before the fix the new slot was written, the old key stopped working, and the coordinator never saw the new one.
    expect(res.error?.code).toBe('LOCKED');
    expect(keyFile()).toBe(before);
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).ok).toBe(true);
  });

  it('a new passphrase after recovery, overtaken by a lock, never wraps a zeroed key', async () => {
    t = createTestCore();
    const recoveryKey = await setUp(t);
    t.core.lock('manual');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).ok).toBe(true);
    const before = keyFile();
    const pending = t.call('vault.setPassphraseAfterRecovery', { passphrase: NEXT, confirmPassphrase: NEXT });
    await started();
    t.core.lock('screen-lock');
    const res = await pending;

    expect(res.error?.code).toBe('LOCKED');
    expect(keyFile()).toBe(before);
    // The old passphrase still opens the data; the recovery key still works, and the new passphrase can then be set.
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    t.core.lock('manual');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).ok).toBe(true);
    expect((await t.call('vault.setPassphraseAfterRecovery', { passphrase: NEXT, confirmPassphrase: NEXT })).ok).toBe(true);
    t.core.lock('manual');
    expect((await t.call('vault.unlock', { passphrase: NEXT })).ok).toBe(true);
  });

  it('an unlock overtaken by the computer going to sleep stays locked', async () => {
    t = createTestCore();
    await setUp(t);
    t.core.lock('manual');
    const pending = t.call('vault.unlock', { passphrase: PASSPHRASE });
    await started();
    t.core.lock('suspend');
    const res = await pending;

    expect(res.error?.code).toBe('LOCKED');
    expect((await t.call('session.status')).value).toMatchObject({ state: 'locked' });
    // Not a wrong attempt: the next unlock is not throttled and works.
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
  });

  it('without a lock, the changes still go through with their audit entries', async () => {
    t = createTestCore();
    await setUp(t);
    expect((await t.call('vault.changePassphrase', { current: PASSPHRASE, passphrase: NEXT, confirmPassphrase: NEXT })).ok).toBe(true);
    expect((await t.call('vault.newRecoveryKey', { current: NEXT })).ok).toBe(true);
    expect(await vaultAudits()).toEqual(['vault.recovery_key_replaced', 'vault.passphrase_changed', 'vault.created']);
  });
});
