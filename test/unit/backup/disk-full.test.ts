import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { changedTables, fingerprint } from '../reliability/db-fingerprint';
import { configureBackups, ok, refused, seedCases, tempDir } from './helpers';

/*
 * Issue 15: a full disk and a read-only folder each get a clear message and leave the data undamaged. The backup
 * folder is a small tmpfs (1 MiB: the backup is larger), or one mounted read-only. Mounting needs root on Linux, as in
 * CI's container; elsewhere these tests are skipped and say so.
 */

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = tempDir('reciprocal-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

const mountable = canMount();

describe.skipIf(!mountable)('a backup folder that is full or read-only', () => {
  let t: TestCore | undefined;
  let mount: string | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
    if (mount) {
      execFileSync('umount', [mount], { stdio: 'ignore' });
      fs.rmSync(mount, { recursive: true, force: true });
      mount = undefined;
    }
  });

  async function withFolder(options: string): Promise<{ t: TestCore; folder: string }> {
    const core = createTestCore();
    t = core;
    await setUp(core);
    await seedCases(core);
    const folder = tempDir('reciprocal-small-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { stdio: 'ignore' });
    mount = folder;
    await configureBackups(core, folder);
    return { t: core, folder };
  }

  it('a full disk: a clear message, no file that looks like a backup, the data unchanged and still usable', async () => {
    const { t: core, folder } = await withFolder('size=32k');
    const before = fingerprint(core.core.services.db());
    const error = await refused(core, 'backups.runNow');
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toBe(
      `The disk holding the backup folder ${folder} is full, so no backup was written. Free some space there, or choose another folder. Your data is unchanged.`,
    );
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(changedTables(before, fingerprint(core.core.services.db()))).toEqual([]);
    expect(await ok(core, 'backups.list')).toEqual([]);
    expect(core.core.services.db().pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await ok<{ total: number }>(core, 'cases.list', {})).total).toBe(2);
    // The private work folder keeps no snapshot behind.
    const work = path.join(core.dataDir, '.backup-work');
    expect(fs.existsSync(work) ? fs.readdirSync(work) : []).toEqual([]);
  }, 300_000);

  it('a read-only folder: a clear message, nothing written, the data unchanged', async () => {
    const { t: core, folder } = await withFolder('size=8m,ro');
    const before = fingerprint(core.core.services.db());
    const error = await refused(core, 'backups.runNow');
    expect(error.code).toBe('IO');
    expect(error.message).toMatch(
      /the folder is read-only or you do not have permission to write there\. Choose another folder in Settings\. Your data is unchanged\.$/,
    );
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(changedTables(before, fingerprint(core.core.services.db()))).toEqual([]);
    expect((await ok<{ total: number }>(core, 'cases.list', {})).total).toBe(2);
  }, 300_000);
});
