import type { AppError } from '../../contract/result';

/** What main hands a job's worker. `key` is a transferred copy of the data key: main keeps no copy of that buffer. */
export interface WorkerInput {
  kind: string;
  input: unknown;
  /** Null for a kind with `database: 'none'`. */
  databaseFile: string | null;
  key: ArrayBuffer;
  /** Int32 flag set by main on cancel: readable from a synchronous loop, where messages never arrive. */
  cancelFlag: SharedArrayBuffer;
  /** Set only when running from TypeScript source (tests): the bootstrap registers tsx and imports this. */
  entry?: string;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; label?: string }
  | { type: 'done'; value: unknown }
  | { type: 'cancelled' }
  /** An expected failure (AppFailure), passed on as is. */
  | { type: 'failed'; error: AppError }
  /** An unexpected error: only its codes (SQLite messages can quote data). */
  | { type: 'crashed'; codes: string[]; name: string }
  /** The job asks main to do one thing for it (`JobContext.ask`); main answers with `answer` and the same id. */
  | { type: 'ask'; id: number; request: unknown };

export type MainMessage =
  { type: 'cancel' } | { type: 'answer'; id: number; ok: true; value: unknown } | { type: 'answer'; id: number; ok: false; error: AppError };
