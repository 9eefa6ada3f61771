import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Page, Route } from '@playwright/test';
import type { AppCore } from '../../../main/app/core';
import { CoreHost } from '../../../main/app/core-host';
import type { SenderInfo } from '../../../main/ipc/registry';
import { realTimers, scaledTimers, type Dialogs, type Today } from '../../../main/ports';
import type { AppEvent } from '../../../contract/events';
import type { DemoScale } from '../../../contract/demo';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RENDERER_DIR = path.join(ROOT, 'out/renderer');
export const APP_ORIGIN = 'http://reciprocal.test';

let bridgeSource: string | null = null;
function bridge(): string {
  bridgeSource ??= buildSync({ entryPoints: [path.join(import.meta.dirname, 'bridge.ts')], bundle: true, format: 'iife', write: false, platform: 'browser' })
    .outputFiles[0]!.text;
  return bridgeSource;
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Answers for the native file dialogs, queued by a test before it clicks. */
export class FakeDialogs implements Dialogs {
  readonly openQueue: (string | null)[] = [];
  readonly saveQueue: (string | null)[] = [];
  readonly folderQueue: (string | null)[] = [];
  async chooseOpenFile(): Promise<string | null> {
    if (!this.openQueue.length) throw new Error('The test did not queue an answer for the open-file dialog');
    return this.openQueue.shift()!;
  }
  async chooseSaveFile(): Promise<string | null> {
    if (!this.saveQueue.length) throw new Error('The test did not queue an answer for the save-file dialog');
    return this.saveQueue.shift()!;
  }
  async chooseFolder(): Promise<string | null> {
    if (!this.folderQueue.length) throw new Error('The test did not queue an answer for the folder dialog');
    return this.folderQueue.shift()!;
  }
}

export interface HarnessOptions {
  /** Speeds the app's clock up: 60 makes a one-minute auto-lock happen after a second. */
  timeScale?: number;
  today?: Today;
  dataDir?: string;
  /** How much made-up scheme "Try it with demo data" makes; the product's `real` is too slow for an e2e test. */
  demoScale?: DemoScale;
}

/**
 * The Electron main process, minus Electron: the same app core, registry and handlers over a real
 * encrypted database in a temp folder, wired to the page through `exposeBinding`.
 */
export class AppHarness {
  readonly dataDir: string;
  readonly dialogs = new FakeDialogs();
  /** Every request the page tried to make outside the app: the app must make none. */
  readonly blockedRequests: string[] = [];
  /** The core answering the page: the real store's, or the demonstration store's after "Try it with demo data". */
  private host: CoreHost;
  private page: Page | null = null;

  constructor(private readonly options: HarnessOptions = {}) {
    this.dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-e2e-'));
    this.host = this.createHost();
  }

  private createHost(): CoreHost {
    return new CoreHost({
      dataDir: this.dataDir,
      demoScale: this.options.demoScale ?? 'real',
      version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
      dialogs: this.dialogs,
      timers: this.options.timeScale ? scaledTimers(this.options.timeScale) : realTimers,
      ...(this.options.today ? { today: this.options.today } : {}),
      isTrustedSender: (s: SenderInfo) => s.isMainFrame && s.url.startsWith(`${APP_ORIGIN}/`),
      emit: (event: AppEvent) => void this.page?.evaluate((e) => window.__reciprocalEmit(e), event).catch(() => undefined),
    });
  }

  get app(): AppCore {
    return this.host.current;
  }

  async attach(page: Page): Promise<void> {
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
    this.page = page;
    await page.context().route('**/*', (route) => this.serve(route));
    await page.exposeBinding('__reciprocalInvoke', (source, channel: unknown, payload: unknown) =>
      this.host.dispatch(channel, payload, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }),
    );
    await page.addInitScript({ content: bridge() });
    await page.goto(`${APP_ORIGIN}/index.html`);
  }

  private async serve(route: Route): Promise<void> {
    const url = new URL(route.request().url());
    if (url.origin !== APP_ORIGIN) {
      this.blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    const file = path.resolve(RENDERER_DIR, `.${url.pathname}`);
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'Not found' });
    return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: MIME[path.extname(file)] ?? 'application/octet-stream' });
  }

  /** Like quitting and starting the app again on the same data folder. */
  async restart(): Promise<void> {
    this.host.close();
    this.host = this.createHost();
    await this.page?.reload();
  }

  close(): void {
    this.host.close();
  }

  remove(): void {
    this.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
