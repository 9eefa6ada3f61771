import { app, BrowserWindow, clipboard, ipcMain, powerMonitor, Menu } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CoreHost } from '../app/core-host';
import type { SenderInfo } from '../ipc/registry';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../preload/build-api';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { APP_ORIGIN, hardenApp, hardenSession, hardenWebContents } from './security';
import { electronDialogs } from './dialogs';
import { builtWorkerScript } from '../jobs/worker-script';
import { openMainWindow } from '../security/window-options';

// The thin outer ring: windows, power events, IPC plumbing. Everything else is the app core in plain Node.
const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
let mainWindow: BrowserWindow | null = null;
/** The real store's core, or the demonstration store's after "Try it with demo data". */
let host: CoreHost | null = null;
/** Screen privacy: on until the setting is read after unlock, and again on every lock. */
let hideFromCapture = true;

// Set by electron-vite at build time (electron.vite.config.ts): About compares Electron's major with the window then.
declare const __RECIPROCAL_BUILD_DATE__: string;

if (process.env['RECIPROCAL_DATA_DIR']) app.setPath('userData', path.resolve(process.env['RECIPROCAL_DATA_DIR']));
// `npm run demo` (issue 14): the demonstration store lives in its own folder, with its own key, beside the real one.
// `--demo` (what scripts/demo.mjs passes) works on every platform; the variable is kept for existing setups.
const demo = process.env['RECIPROCAL_DEMO'] === '1' || process.argv.includes('--demo');

const isAppUrl = (url: string) => url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));

function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isMainFrame && isAppUrl(sender.url);
}

function createWindow(): void {
  mainWindow = openMainWindow(BrowserWindow, { preload: path.join(here, '../preload/index.cjs'), devTools: !app.isPackaged });
  mainWindow.setContentProtection(hideFromCapture);
  hardenWebContents(mainWindow.webContents, isAppUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

registerAppScheme();
hardenApp();

if (!app.requestSingleInstanceLock()) {
  // Two copies writing the same encrypted database would fight over it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(null);
    hardenSession(devServerUrl);
    serveRenderer(path.join(here, '../renderer'));

    host = new CoreHost({
      dataDir: app.getPath('userData'),
      startInDemo: demo,
      demoScale: (['tiny', 'small'] as const).find((s) => s === process.env['RECIPROCAL_DEMO_SCALE']) ?? 'real',
      version: app.getVersion(),
      dialogs: electronDialogs(() => mainWindow),
      isTrustedSender,
      emit: (event) => mainWindow?.webContents.send(EVENT_CHANNEL, event),
      jobWorker: builtWorkerScript(pathToFileURL(path.join(here, 'jobs-worker.js'))),
      clipboard: { writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() },
      build: { electronVersion: process.versions.electron ?? null, date: __RECIPROCAL_BUILD_DATE__ },
      screenPrivacy: {
        // Electron supports it on Windows and macOS; on Linux it has no effect, and About says so.
        platformSupported: process.platform === 'win32' || process.platform === 'darwin',
        apply: (hidden) => {
          hideFromCapture = hidden;
          mainWindow?.setContentProtection(hidden);
        },
      },
    });

    ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) => {
      const frame = event.senderFrame;
      const sender: SenderInfo = { url: frame?.url ?? '', isMainFrame: frame !== null && frame !== undefined && frame.parent === null };
      return host!.dispatch(channel, payload, sender);
    });

    for (const name of ['suspend', 'lock-screen'] as const) {
      powerMonitor.on(name as 'suspend', () => host?.lock(name === 'suspend' ? 'suspend' : 'screen-lock'));
    }

    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('before-quit', () => host?.close());
  app.on('window-all-closed', () => {
    host?.lock('shutdown');
    if (process.platform !== 'darwin') app.quit();
  });
}
