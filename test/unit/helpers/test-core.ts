import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../../main/app/core';
import type { AppEvent } from '../../../contract/events';
import { localToday, type Dialogs, type Timers } from '../../../main/ports';
import type { SenderInfo } from '../../../main/ipc/registry';

export const APP_SENDER: SenderInfo = { url: 'app://reciprocal/index.html', isMainFrame: true };

export interface TestCore {
  core: AppCore;
  dataDir: string;
  events: AppEvent[];
  dialogs: { open: (string | null)[]; save: (string | null)[]; folder: (string | null)[] };
  call(
    channel: string,
    payload?: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }>;
  restart(): void;
  cleanup(): void;
  /**
   * Runs `work` with the app's today set to `day`, then gives the usual today back: for steps the app dates itself
   * (a circulation is sent today), recorded as of an earlier day in a test's story.
   */
  onDay<T>(day: string, work: () => Promise<T>): Promise<T>;
}

/** The real app core over a temp data folder, called exactly as the renderer would call it. */
export function createTestCore(options: { timers?: Timers; today?: () => string; dataDir?: string; demo?: boolean; memorySecurity?: false } = {}): TestCore {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-core-'));
  const events: AppEvent[] = [];
  const queues = { open: [] as (string | null)[], save: [] as (string | null)[], folder: [] as (string | null)[] };
  const dialogs: Dialogs = {
    chooseOpenFile: async () => queues.open.shift() ?? null,
    chooseSaveFile: async () => queues.save.shift() ?? null,
    chooseFolder: async () => queues.folder.shift() ?? null,
  };
  let dayOverride: string | null = null;
  const baseToday = options.today;
  const today = () => dayOverride ?? (baseToday ? baseToday() : localToday());
  const make = () =>
    createAppCore({
      paths: { dataDir },
      version: '0.0.0-test',
      dialogs,
      isTrustedSender: (s) => s.isMainFrame && s.url.startsWith('app://reciprocal/'),
      emit: (e) => events.push(e),
      ...(options.timers ? { timers: options.timers } : {}),
      today,
      ...(options.demo ? { demo: true } : {}),
      ...(options.memorySecurity === false ? { memorySecurity: false as const } : {}),
    });
  const handle: TestCore = {
    core: make(),
    dataDir,
    events,
    dialogs: queues,
    call: (channel, payload = {}) => handle.core.registry.dispatch(channel, payload, APP_SENDER) as ReturnType<TestCore['call']>,
    restart() {
      handle.core.close();
      handle.core = make();
    },
    cleanup() {
      handle.core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async onDay(day, work) {
      const before = dayOverride;
      dayOverride = day;
      try {
        return await work();
      } finally {
        dayOverride = before;
      }
    },
  };
  return handle;
}

export const PASSPHRASE = 'correct horse battery staple';

/** First run through the real channels; returns the recovery key. */
export async function setUp(t: TestCore, name = 'Sam Coordinator'): Promise<string> {
  const res = await t.call('vault.create', { coordinatorName: name, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  if (!res.ok) throw new Error(`setup failed: ${res.error?.message}`);
  return (res.value as { recoveryKey: string }).recoveryKey;
}
