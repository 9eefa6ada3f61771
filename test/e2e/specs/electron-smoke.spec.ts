import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, test, expect } from '@playwright/test';

/**
 * Where the Electron binary was downloaded (users' machines), launch the real app once. Found from the package's
 * `path.txt` rather than `require('electron')`, which tries to download a missing binary: a test must never reach
 * for the network.
 */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('the packaged Electron app starts hardened on the setup screen', async () => {
  test.skip(binary === null, 'Electron binary not installed on this machine (its download needs the internet)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, RECIPROCAL_DATA_DIR: dataDir } });
  try {
    const win = await app.firstWindow();
    await expect(win.locator('[data-screen="setup"][data-ready="true"]')).toBeVisible();
    // The renderer has the bridge and nothing else: no require, no process, no ipcRenderer.
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(await win.evaluate(() => Object.keys(window.api).sort())).toContain('vault');
    // No network: a fetch to the outside world is refused.
    expect(
      await win.evaluate(() =>
        fetch('https://example.com/').then(
          () => 'reached',
          () => 'blocked',
        ),
      ),
    ).toBe('blocked');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Not in Electron's type definitions, but a public method of WebContents.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
      const wp = contents.getLastWebPreferences();
      return { contextIsolation: wp?.contextIsolation, sandbox: wp?.sandbox, nodeIntegration: wp?.nodeIntegration };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
