import fs from 'node:fs';
import path from 'node:path';

export type LogValue = number | boolean | null | string;
export type LogData = Record<string, LogValue>;

export interface Logger {
  info(event: string, data?: LogData): void;
  warn(event: string, data?: LogData): void;
  error(event: string, data?: LogData): void;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

/**
 * Only identifier-like strings reach the log: channel names, error codes, counts. Anything that could be
 * free text (a name, an address, a passphrase, an SQL message quoting a value) is replaced, so that a
 * careless call site cannot leak applicant data into a plain-text file beside the encrypted store.
 */
const SAFE_STRING = /^[A-Za-z0-9_.:\-/]{0,80}$/;

export function sanitise(data: LogData | undefined): LogData | undefined {
  if (!data) return undefined;
  const out: LogData = {};
  for (const [key, value] of Object.entries(data)) {
    if (!SAFE_STRING.test(key)) continue;
    if (typeof value === 'string') out[key] = SAFE_STRING.test(value) ? value : '[redacted]';
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value;
  }
  return out;
}

export function createFileLogger(options: FileLoggerOptions): Logger & { file: string } {
  const fileName = options.fileName ?? 'reciprocal.log';
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dir, fileName);
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });

  // Keeps the current file plus `keep` older ones: reciprocal.log.1 is the newest of those.
  const rotate = () => {
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      const from = `${file}.${i}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
  };

  const write = (level: 'info' | 'warn' | 'error', event: string, data?: LogData) => {
    const safeEvent = SAFE_STRING.test(event) ? event : '[redacted-event]';
    const line = JSON.stringify({ at: now().toISOString(), level, event: safeEvent, ...sanitise(data) }) + '\n';
    try {
      if (fs.existsSync(file) && fs.statSync(file).size + line.length > maxBytes) rotate();
      fs.appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down (for example on a full disk).
    }
  };

  return {
    file,
    info: (event, data) => write('info', event, data),
    warn: (event, data) => write('warn', event, data),
    error: (event, data) => write('error', event, data),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
