/**
 * Timing and tracing for the bench: medians, connections of each kind (the app's encrypted one, or a plaintext file
 * with the same settings), and the query plans of the statements a workload spent its time in.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from '@signalapp/sqlcipher';
import { openEncrypted } from '../../main/db/open';
import type { Db } from '../../main/db/types';

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export type ConnectionKind = 'encrypted' | 'plaintext';

export interface Connector {
  open(kind: ConnectionKind): Db;
  /** Whether the encrypted connections of this process wipe and lock freed memory (SQLCipher: process-wide). */
  memorySecurity: boolean;
}

/** The plaintext copy, opened with every setting the app gives its encrypted connection except the key. */
export function openPlaintext(file: string): Db {
  if (!fs.existsSync(file)) throw new Error(`No plaintext copy at ${file}`);
  const db = new Database(file, { cacheStatements: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}

export function connector(files: { database: string; plaintext: string }, key: Buffer, memorySecurity: boolean): Connector {
  return {
    memorySecurity,
    open: (kind) => (kind === 'encrypted' ? openEncrypted(files.database, key, { mustExist: true, memorySecurity }) : openPlaintext(files.plaintext)),
  };
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export interface TracedStatement {
  sql: string;
  ms: number;
  calls: number;
  plan: string[];
}

/**
 * Runs `fn` once with every statement prepared on `db` timed, then gives the slowest statements with their
 * `EXPLAIN QUERY PLAN` (run with the same parameters, so the plan is the one SQLite chose for this call).
 */
export async function traceStatements(db: Db, fn: () => Promise<unknown>, top = 3): Promise<TracedStatement[]> {
  const seen = new Map<string, { ms: number; calls: number; params: unknown }>();
  const prepare = db.prepare.bind(db);
  const wrapped = new WeakSet<object>();
  (db as { prepare: unknown }).prepare = (sql: string, options?: { pluck?: true }) => {
    const st = options ? prepare(sql, options) : prepare(sql);
    if (wrapped.has(st)) return st;
    wrapped.add(st);
    for (const method of ['all', 'get', 'run'] as const) {
      const original = (st[method] as (p?: unknown) => unknown).bind(st);
      (st as unknown as Record<string, unknown>)[method] = (params?: unknown) => {
        const start = performance.now();
        try {
          return original(params);
        } finally {
          const entry = seen.get(sql) ?? { ms: 0, calls: 0, params };
          entry.ms += performance.now() - start;
          entry.calls++;
          seen.set(sql, entry);
        }
      };
    }
    return st;
  };
  try {
    await fn();
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
  return [...seen]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, top)
    .map(([sql, e]) => {
      let plan: string[];
      try {
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<{ detail: string; id: number; parent: number }>(e.params as never);
        const depth = new Map<number, number>([[0, 0]]);
        plan = rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d - 1)}${r.detail}`;
        });
      } catch (err) {
        plan = [`(no plan: ${err instanceof Error ? err.message : String(err)})`];
      }
      return { sql: sql.replace(/\s+/g, ' ').trim(), ms: e.ms, calls: e.calls, plan };
    });
}

/** Samples resident memory while `work` runs: the peak, and how far above the start it went. */
export async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number; aboveStartMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - start, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, aboveStartMb: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The longest gap between 1 ms timer ticks while it runs: how long main's event loop was busy at a stretch. */
export function stallMeter(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
