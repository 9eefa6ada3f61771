import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, sanitise } from '../../../main/log/logger';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';

const NAME = 'Applicant-Jane-Q-Public';
const ADDRESS = '14 Acacia Avenue, London E1 6AN';

describe('the log file', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  it('never holds applicant data, passphrases or keys, whatever the app is asked', async () => {
    t = createTestCore();
    const recoveryKey = await setUp(t, NAME);
    await t.call('settings.updateGeneral', { coordinatorName: ADDRESS });
    await t.call('settings.updateGeneral', { coordinatorName: '', autoLockMinutes: ADDRESS });
    await t.call(`cases.${NAME}`, { name: NAME });
    await t.call('vault.changePassphrase', {
      current: 'wrong but secret 123',
      passphrase: 'new secret passphrase',
      confirmPassphrase: 'new secret passphrase',
    });
    t.core.lock('manual');
    await t.call('vault.unlock', { passphrase: `${PASSPHRASE}-typo` });
    await t.call('vault.unlockWithRecoveryKey', { recoveryKey });

    const logs = fs.readdirSync(path.join(t.dataDir, 'logs')).map((f) => fs.readFileSync(path.join(t!.dataDir, 'logs', f), 'utf8'));
    const all = logs.join('\n');
    expect(all).toContain('vault.created');
    expect(all).toContain('ipc.invalid_payload');
    for (const secret of [NAME, 'Acacia', 'E1 6AN', PASSPHRASE, 'wrong but secret', 'new secret passphrase', recoveryKey, recoveryKey.slice(0, 9)]) {
      expect(all, `log contains ${secret}`).not.toContain(secret);
    }
  });

  it('replaces anything that is not identifier-like', () => {
    expect(sanitise({ channel: 'cases.list', count: 3, name: 'Jane Doe', note: 'a@b.com' })).toEqual({
      channel: 'cases.list',
      count: 3,
      name: '[redacted]',
      note: '[redacted]',
    });
  });

  it('rotates at the size limit and keeps a fixed number of files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-'));
    const logger = createFileLogger({ dir, maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 200; i++) logger.info('tick', { i });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['reciprocal.log', 'reciprocal.log.1', 'reciprocal.log.2', 'reciprocal.log.3']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(2000);
    expect(fs.readFileSync(path.join(dir, 'reciprocal.log'), 'utf8')).toContain('"i":199');
    fs.rmSync(dir, { recursive: true });
  });
});
