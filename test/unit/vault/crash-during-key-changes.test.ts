import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import type { DurableStep } from '../../../main/app/session';
import type { SessionStatus } from '../../../contract/session';

const CHILD = path.join(import.meta.dirname, 'crash-child.ts');
const NEW_PASSPHRASE = 'a brand new passphrase for today';

/** Runs the operation in a child process that SIGKILLs itself right after `step`. */
function crashAfter(dataDir: string, operation: string, step: DurableStep, ...args: string[]): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataDir, operation, step, ...args], { encoding: 'utf8', timeout: 60_000 });
  expect(child.signal, `the child should be killed after ${step}: ${child.stderr}`).toBe('SIGKILL');
}

let t: TestCore | null = null;
let dirs: string[] = [];
afterEach(() => {
  t?.cleanup();
  t = null;
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-crash-'));
  dirs.push(d);
  return d;
};
const vaultEntries = async (core: TestCore) => {
  const res = await core.call('audit.list', {});
  return ((res.value as { entries: { action: string }[] }).entries ?? []).map((e) => e.action).filter((a) => a.startsWith('vault.'));
};

describe('setup is all or nothing, even killed at any step', () => {
  for (const step of ['setup.marker-written', 'setup.key-written', 'setup.database-written'] as const) {
    it(`killed after ${step}: the next start sets up again from the beginning, with a new recovery key`, async () => {
      const dataDir = tempDir();
      crashAfter(dataDir, 'setup', step, PASSPHRASE);
      t = createTestCore({ dataDir });
      expect(((await t.call('session.status')).value as SessionStatus).state).toBe('needs-setup');
      // The half-made passphrase opens nothing.
      expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(false);
      const recoveryKey = await setUp(t);
      expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
      expect(await vaultEntries(t)).toEqual(['vault.created']);
      expect(fs.readdirSync(dataDir)).not.toContain('setup-incomplete.json');
    });
  }

  it('killed after the last step: set up, and the next unlock reminds them to store the recovery key', async () => {
    const dataDir = tempDir();
    crashAfter(dataDir, 'setup', 'setup.done', PASSPHRASE);
    t = createTestCore({ dataDir });
    expect(((await t.call('session.status')).value as SessionStatus).state).toBe('locked');
    const unlocked = (await t.call('vault.unlock', { passphrase: PASSPHRASE })).value as SessionStatus;
    expect(unlocked).toMatchObject({ state: 'unlocked', recoveryKeyUnconfirmed: true });
    // A new key, then the confirmation: the reminder goes.
    expect((await t.call('vault.newRecoveryKey', { current: PASSPHRASE })).ok).toBe(true);
    expect((await t.call('vault.confirmRecoveryKey')).value).toMatchObject({ recoveryKeyUnconfirmed: false });
    t.restart();
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).value).toMatchObject({ recoveryKeyUnconfirmed: false });
    expect(await vaultEntries(t)).toEqual(['vault.recovery_key_stored', 'vault.recovery_key_replaced', 'vault.created']);
  });
});

describe('a key change is audited or did not happen, even killed at any step', () => {
  async function setUpStore(): Promise<{ dataDir: string; recoveryKey: string }> {
    const dataDir = tempDir();
    const first = createTestCore({ dataDir });
    const recoveryKey = await setUp(first);
    await first.call('settings.updateGeneral', { autoLockMinutes: 9 });
    first.core.close();
    return { dataDir, recoveryKey };
  }

  it('killed after the new key file is staged: the old passphrase, no entry', async () => {
    const { dataDir } = await setUpStore();
    crashAfter(dataDir, 'change-passphrase', 'key-change.staged', PASSPHRASE, NEW_PASSPHRASE);
    t = createTestCore({ dataDir });
    // The new passphrase belongs to a change that did not finish: refused with words that say so.
    const refused = await t.call('vault.unlock', { passphrase: NEW_PASSPHRASE });
    expect(refused.error).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.stringContaining('did not finish') });
    expect(fs.existsSync(path.join(dataDir, 'reciprocal.key.json.next'))).toBe(false);
    expect(await t.call('vault.unlock', { passphrase: NEW_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect(await vaultEntries(t)).toEqual(['vault.created']);
    expect((await t.call('settings.getGeneral')).value).toMatchObject({ autoLockMinutes: 9 });
  });

  it('killed after the old passphrase unlocks and the staged file is undone: the old passphrase, no entry', async () => {
    const { dataDir } = await setUpStore();
    crashAfter(dataDir, 'change-passphrase', 'key-change.staged', PASSPHRASE, NEW_PASSPHRASE);
    t = createTestCore({ dataDir });
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'reciprocal.key.json.next'))).toBe(false);
    expect(await vaultEntries(t)).toEqual(['vault.created']);
    await t.call('session.lock');
    expect((await t.call('vault.unlock', { passphrase: NEW_PASSPHRASE })).ok).toBe(false);
  });

  for (const step of ['key-change.audited', 'key-change.done'] as const) {
    it(`killed after ${step}: the new passphrase, with its entry`, async () => {
      const { dataDir } = await setUpStore();
      crashAfter(dataDir, 'change-passphrase', step, PASSPHRASE, NEW_PASSPHRASE);
      t = createTestCore({ dataDir });
      expect((await t.call('vault.unlock', { passphrase: NEW_PASSPHRASE })).ok).toBe(true);
      expect(await vaultEntries(t)).toEqual(['vault.passphrase_changed', 'vault.created']);
      await t.call('session.lock');
      expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).error?.code).toBe('WRONG_PASSPHRASE');
      expect((await t.call('vault.unlock', { passphrase: NEW_PASSPHRASE })).ok).toBe(true);
      expect((await t.call('settings.getGeneral')).value).toMatchObject({ autoLockMinutes: 9 });
    });
  }

  it('killed after a new recovery key is audited: the new key is in force, with its entry, and not yet confirmed', async () => {
    const { dataDir, recoveryKey } = await setUpStore();
    crashAfter(dataDir, 'new-recovery-key', 'key-change.audited', PASSPHRASE);
    t = createTestCore({ dataDir });
    // Unlocking with the old recovery key rolls the change forward first, so the old key no longer opens it.
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).value).toMatchObject({ state: 'unlocked', recoveryKeyUnconfirmed: true });
    expect(await vaultEntries(t)).toEqual(['vault.recovery_key_replaced', 'vault.created']);
    await t.call('session.lock');
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).error?.code).toBe('WRONG_RECOVERY_KEY');
  });

  it('killed after a new recovery key is staged: the old recovery key still works, no entry', async () => {
    const { dataDir, recoveryKey } = await setUpStore();
    crashAfter(dataDir, 'new-recovery-key', 'key-change.staged', PASSPHRASE);
    t = createTestCore({ dataDir });
    expect((await t.call('vault.unlockWithRecoveryKey', { recoveryKey })).ok).toBe(true);
    expect((await t.call('vault.setPassphraseAfterRecovery', { passphrase: NEW_PASSPHRASE, confirmPassphrase: NEW_PASSPHRASE })).ok).toBe(true);
    expect(await vaultEntries(t)).toEqual(['vault.passphrase_reset', 'vault.created']);
  });
});
