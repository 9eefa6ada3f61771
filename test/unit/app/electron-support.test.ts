import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSupport, latestStableMajor } from '../../../main/app/electron-support';
import { createTestCore, setUp } from '../helpers/test-core';
import { createAppCore } from '../../../main/app/core';

const root = path.resolve(import.meta.dirname, '../../..');

describe('a supported Electron', () => {
  it('knows the latest major as of a date, from the 8-week cadence', () => {
    expect(latestStableMajor('2026-10-20')).toBe(45);
    expect(latestStableMajor('2026-12-01')).toBe(45);
    expect(latestStableMajor('2026-12-15')).toBe(46);
    expect(latestStableMajor('2027-06-01')).toBe(49);
    expect(latestStableMajor('2026-04-01')).toBe(41);
  });

  it('warns when the build’s major is older than the latest three as of the build date', () => {
    expect(electronSupport('45.5.0', '2026-12-01')).toMatchObject({ supported: true, warning: null, oldestSupportedMajor: 43 });
    expect(electronSupport('43.1.0', '2026-12-01')).toMatchObject({ supported: true });
    const old = electronSupport('41.7.1', '2026-12-01');
    expect(old.supported).toBe(false);
    expect(old.warning).toMatch(/Electron 41, which was already out of Electron's supported window when it was built/);
    // A build of 45 made long after still warns: the window moves on.
    expect(electronSupport('45.5.0', '2027-08-01').supported).toBe(false);
  });

  it('is pinned to a supported major in package.json and the lock file', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const today = new Date().toISOString().slice(0, 10);
    const range = String(pkg.devDependencies.electron);
    const locked = String(lock.packages['node_modules/electron'].version);
    expect(Number.parseInt(range.replace(/^\D+/, ''), 10)).toBe(Number.parseInt(locked, 10));
    expect(electronSupport(locked, today).supported).toBe(true);
  });

  it('shows the Electron line and screen privacy in About, through the registry', async () => {
    const t = createTestCore();
    try {
      t.core.close();
      t.core = createAppCore({
        paths: { dataDir: t.dataDir },
        version: '0.0.0-test',
        dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
        isTrustedSender: () => true,
        emit: () => undefined,
        build: { electronVersion: '41.7.1', date: '2026-12-01' },
      });
      await setUp(t);
      const about = await t.call('session.about');
      expect(about.value).toMatchObject({ electron: { version: '41.7.1', supported: false, warning: expect.stringContaining('Electron 41') } });
    } finally {
      t.cleanup();
    }
  });
});

describe('screen privacy', () => {
  it('hides the window from capture by default, follows the setting once unlocked, and hides it again on lock', async () => {
    const t = createTestCore();
    const applied: boolean[] = [];
    try {
      t.core.close();
      t.core = createAppCore({
        paths: { dataDir: t.dataDir },
        version: '0.0.0-test',
        dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
        isTrustedSender: () => true,
        emit: () => undefined,
        screenPrivacy: { platformSupported: true, apply: (hidden) => applied.push(hidden) },
      });
      expect(applied).toEqual([true]);
      await setUp(t);
      expect((await t.call('settings.getGeneral')).value).toMatchObject({ hideFromScreenCapture: true });
      expect((await t.call('session.about')).value).toMatchObject({ screenPrivacy: { hidden: true, platformSupported: true } });
      await t.call('settings.updateGeneral', { hideFromScreenCapture: false });
      expect(applied.at(-1)).toBe(false);
      expect((await t.call('session.about')).value).toMatchObject({ screenPrivacy: { hidden: false } });
      await t.call('session.lock');
      expect(applied.at(-1)).toBe(true);
      await t.call('vault.unlock', { passphrase: 'correct horse battery staple' });
      expect(applied.at(-1)).toBe(false);
    } finally {
      t.cleanup();
    }
  });
});
