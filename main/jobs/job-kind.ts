import type { Db } from '../db/types';

/**
 * What a job's work function gets inside its worker thread. `db` is the worker's own connection to the store,
 * opened read-only (`query_only`): a job reads in the worker and hands its result back to main, which does any
 * audited write itself with `services.change`.
 */
export interface JobContext {
  /** For a kind with `database: 'none'`, a stand-in that throws on use: that job opens only the files it is given. */
  db: Db;
  /** Reports progress as a `progress` event. Cheap: call it between chunks. */
  onProgress(done: number, total: number, label?: string): void;
  /** Aborted once the job is cancelled (or the app locks). Pass it to stream APIs; check it between chunks. */
  signal: AbortSignal;
  /** Throws if the job has been cancelled. Works even inside a synchronous loop that never yields. */
  throwIfCancelled(): void;
  /**
   * Asks main to do one thing and waits for its answer: how a job whose work is a series of audited writes (the demo
   * fill) keeps every write in main, one short transaction each, while main's event loop stays free between them.
   * Main answers only if the caller passed `onAsk` to `JobRunner.start`; otherwise it rejects.
   */
  ask(request: unknown): Promise<unknown>;
}

/**
 * A kind of job. `run` executes in the worker, so it may use only its context, its input and plain modules: no
 * session, no services, no Electron. Input and output must survive structured cloning (plain data).
 *
 * `cancel`: `terminate` stops the worker at once (safe for work that only reads, even inside one long SQLite call);
 * `cooperative` sets the signal and lets `run` stop at its next check, so it can remove its temporary files.
 */
export interface JobKind<Input, Output> {
  label: string;
  cancel: 'terminate' | 'cooperative';
  /**
   * `none`: the job works on files it is handed (a restore, before any store is open) and gets no connection to the
   * live store. It needs no unlocked session, and locking does not stop it: it never holds the live database open.
   */
  database?: 'live' | 'none';
  run(ctx: JobContext, input: Input): Output | Promise<Output>;
}

export function defineJob<Input, Output>(kind: JobKind<Input, Output>): JobKind<Input, Output> {
  return kind;
}

/** Thrown by `throwIfCancelled`; the runner turns it into a CANCELLED answer. */
export class JobCancelled extends Error {
  constructor() {
    super('The job was cancelled');
    this.name = 'JobCancelled';
  }
}
