/**
 * The seams between the app core and its host. Electron supplies real ones; the e2e harness and unit tests
 * supply their own, so everything behind them runs in plain Node.
 */

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs time `factor` times faster: lets a test see a 1-minute auto-lock after 1 second. */
export function scaledTimers(factor: number): Timers {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    setTimeout: (fn, ms) => setTimeout(fn, ms / factor),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native file dialogs. Each returns null when the coordinator cancels. */
export interface Dialogs {
  chooseOpenFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  chooseSaveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** A folder (for backups); null when cancelled. */
  chooseFolder(options: { title: string }): Promise<string | null>;
}

/** The system clipboard (Electron's, in main: the window's permission to write it is denied). */
export interface Clipboard {
  writeText(text: string): void;
  /** Electron 45's is asynchronous. */
  readText(): string | Promise<string>;
}

export function memoryClipboard(): Clipboard {
  let text = '';
  return { writeText: (t) => void (text = t), readText: () => text };
}

export interface Paths {
  dataDir: string;
}

/** Today's calendar date (yyyy-mm-dd, local time) for deadlines; separate from Timers so tests can fix the date. */
export type Today = () => string;

export const localToday: Today = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
