import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, type DemoFillResult, type DemoStatus } from '../../../contract/demo';
import type { RestorePreview } from '../../../contract/backup-types';
import { BACKUP_PASS, configureBackups, ok, refused, tempDir } from '../backup/helpers';
import { fingerprint } from '../reliability/db-fingerprint';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

/* Demo mode (issue 14): made-up data only in the demonstration store, and its backups say so. */

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

describe('demo mode', () => {
  it('refuses to make demo data in a real store and changes nothing', async () => {
    const t = createTestCore({ today: () => '2026-11-30' });
    cores.push(t);
    await setUp(t);
    expect(await ok<DemoStatus>(t, 'demo.status')).toEqual({ demo: false, passphrase: null, filled: false, scale: 'small', canSwitch: false });
    const before = fingerprint(t.core.services.db());
    const e = await refused(t, 'demo.fill', { scale: 'small' });
    expect(e).toMatchObject({ code: 'RULE' });
    expect(e.message).toMatch(/only be made in the demonstration store/);
    expect(fingerprint(t.core.services.db())).toEqual(before);
  });

  it('fills the demonstration store once, gives the real today back, and marks its backups as demo', async () => {
    const t = createTestCore({ today: () => '2026-11-30', demo: true });
    cores.push(t);
    expect(await ok<DemoStatus>(t, 'demo.status')).toEqual({ demo: true, passphrase: DEMO_PASSPHRASE, filled: false, scale: 'small', canSwitch: false });
    const created = await t.call('vault.create', { coordinatorName: 'Demo Coordinator', passphrase: DEMO_PASSPHRASE, confirmPassphrase: DEMO_PASSPHRASE });
    expect(created.ok).toBe(true);

    const made = await ok<DemoFillResult>(t, 'demo.fill', { scale: 'small', seed: 3 });
    expect(made.partners).toBe(77);
    expect(made.referrals).toBeGreaterThan(150);
    expect(made.moves).toBeGreaterThan(0);
    expect(t.core.services.today()).toBe('2026-11-30');
    expect(t.events.some((e) => e.type === 'progress' && e.kind === 'demo.fill')).toBe(true);
    expect(await ok<DemoStatus>(t, 'demo.status')).toMatchObject({ filled: true });
    const before = fingerprint(t.core.services.db());
    expect(await refused(t, 'demo.fill', { scale: 'small' })).toMatchObject({ code: 'RULE' });
    expect(fingerprint(t.core.services.db())).toEqual(before);

    const folder = tempDir('reciprocal-demo-backups-');
    try {
      await configureBackups(t, folder);
      const record = await ok<{ filePath: string }>(t, 'backups.runNow');
      t.dialogs.open.push(record.filePath);
      const chosen = await ok<{ token: string }>(t, 'restore.choose');
      const preview = await ok<RestorePreview>(t, 'restore.open', { token: chosen.token, passphrase: BACKUP_PASS });
      expect(preview.manifest.demo).toBe(true);
      await ok(t, 'restore.cancel', { token: chosen.token });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
