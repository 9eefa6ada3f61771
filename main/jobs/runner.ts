import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AppEvent } from '../../contract/events';
import type { JobInfo, JobOutcome } from '../../contract/jobs';
import { AppFailure } from '../errors';
import type { Logger } from '../log/logger';
import { jobKinds, type JobInput, type JobKindName, type JobOutput } from './kinds';
import type { MainMessage, WorkerInput, WorkerMessage } from './protocol';
import type { WorkerScript } from './worker-script';

/** What a job needs from the session: the database file and a copy of its data key, or a LOCKED failure. */
export interface JobAccess {
  databaseFile: string;
  /** A fresh copy; the runner transfers it to the worker, which zeroes it. */
  dataKey: Buffer;
}

export interface JobRunnerOptions {
  script: WorkerScript;
  access(): JobAccess;
  emit(event: AppEvent): void;
  logger: Logger;
  now(): Date;
}

export interface StartOptions {
  /** Answers the job's `ask` requests, in main (see `JobContext.ask`). */
  onAsk?(request: unknown): unknown;
}

interface Running {
  info: JobInfo;
  worker: Worker;
  flag: Int32Array;
  settle(outcome: JobOutcome, result: { value: unknown } | { error: unknown }): void;
}

const cancelledFailure = () => new AppFailure('CANCELLED', 'The job was cancelled. Nothing was changed.');

/**
 * Runs long work in `worker_threads`, one worker per job, each on its own read connection to the store, so that
 * main's event loop keeps answering IPC. Jobs report progress as `progress` events and end with a `job` event.
 * At most one job of each kind runs at a time; locking stops them all (the workers hold the open database).
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: JobRunnerOptions) {}

  /** Starts a job and waits for its result. A cancelled job rejects with CANCELLED. */
  run<K extends JobKindName>(kind: K, input: JobInput<K>, options: StartOptions = {}): Promise<JobOutput<K>> {
    return this.start(kind, input, options).result;
  }

  start<K extends JobKindName>(kind: K, input: JobInput<K>, options: StartOptions = {}): { jobId: string; result: Promise<JobOutput<K>> } {
    const def = jobKinds[kind];
    for (const job of this.running.values()) {
      if (job.info.kind === kind) throw new AppFailure('CONFLICT', `${def.label} is already running. Wait for it to finish, or cancel it.`);
    }
    const live = (def as { database?: 'live' | 'none' }).database !== 'none';
    const access: JobAccess = live ? this.options.access() : { databaseFile: '', dataKey: Buffer.alloc(32) };
    const jobId = randomUUID();
    // The worker gets its own copy of the key, transferred (moved, not copied) so that no stray copy stays in main.
    const key = new Uint8Array(32);
    key.set(access.dataKey);
    access.dataKey.fill(0);
    const cancelFlag = new SharedArrayBuffer(4);
    const { script } = this.options;
    const workerData: WorkerInput = {
      kind,
      input,
      databaseFile: live ? access.databaseFile : null,
      key: key.buffer,
      cancelFlag,
      ...(script.entry ? { entry: script.entry.href } : {}),
    };
    let worker: Worker;
    try {
      worker = new Worker(script.url, { workerData, transferList: [key.buffer], name: `job:${kind}` });
    } finally {
      // Detached once transferred; zeroed here only if the worker could not be started.
      if (key.byteLength) key.fill(0);
    }
    const info: JobInfo = { jobId, kind, label: def.label, state: 'running', done: 0, total: 0, startedAt: this.options.now().toISOString() };

    const result = new Promise<JobOutput<K>>((resolve, reject) => {
      let settled = false;
      const job: Running = {
        info,
        worker,
        flag: new Int32Array(cancelFlag),
        settle: (outcome, r) => {
          if (settled) return;
          settled = true;
          this.running.delete(jobId);
          this.options.logger.info('job.ended', { kind, outcome });
          this.options.emit({ type: 'job', jobId, kind, outcome });
          if ('value' in r) resolve(r.value as JobOutput<K>);
          else reject(r.error);
          void worker.terminate();
        },
      };
      this.running.set(jobId, job);

      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'progress':
            info.done = message.done;
            info.total = message.total;
            if (message.label) info.label = message.label;
            this.options.emit({ type: 'progress', taskId: jobId, kind, done: message.done, total: message.total, label: info.label });
            return;
          case 'done':
            return job.settle(info.state === 'cancelling' && def.cancel === 'terminate' ? 'cancelled' : 'finished', { value: message.value });
          case 'cancelled':
            return job.settle('cancelled', { error: cancelledFailure() });
          case 'failed':
            return job.settle('failed', {
              error: new AppFailure(message.error.code, message.error.message, message.error.fields ? { fields: message.error.fields } : {}),
            });
          case 'crashed':
            return job.settle('failed', { error: crashError(message.codes, message.name) });
          case 'ask':
            return void this.answer(job, message.id, message.request, options.onAsk);
          default:
            message satisfies never;
        }
      });
      worker.on('error', (err) => job.settle('failed', { error: err }));
      worker.on('exit', () => job.settle('failed', { error: new Error('The job worker stopped without an answer') }));
    });
    this.options.logger.info('job.started', { kind });
    this.options.emit({ type: 'progress', taskId: jobId, kind, done: 0, total: 0, label: info.label });
    return { jobId, result };
  }

  /** Does what the worker asked (one message, one answer) unless the job has ended meanwhile. */
  private async answer(job: Running, id: number, request: unknown, onAsk: StartOptions['onAsk']): Promise<void> {
    let reply: MainMessage;
    try {
      if (!onAsk) throw new AppFailure('RULE', 'This job cannot ask main for anything.');
      if (job.info.state === 'cancelling') throw cancelledFailure();
      reply = { type: 'answer', id, ok: true, value: await onAsk(request) };
    } catch (err) {
      const error = err instanceof AppFailure ? err.toError() : { code: 'INTERNAL' as const, message: 'Something went wrong. Nothing was changed.' };
      reply = { type: 'answer', id, ok: false, error };
    }
    if (this.running.get(job.info.jobId) === job) job.worker.postMessage(reply);
  }

  /** Asks a job to stop; false when no job of that id is running. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    this.stop(job, cancelledFailure());
    return true;
  }

  /** Stops every job that holds the store open, e.g. on lock. A restore (no live connection) carries on. */
  stopAll(error: AppFailure): void {
    for (const job of [...this.running.values()]) {
      if ((jobKinds[job.info.kind as JobKindName] as { database?: 'live' | 'none' }).database === 'none') continue;
      this.stop(job, error, true);
    }
  }

  status(): JobInfo[] {
    return [...this.running.values()].map((job) => ({ ...job.info }));
  }

  private stop(job: Running, error: AppFailure, force = false): void {
    job.info.state = 'cancelling';
    Atomics.store(job.flag, 0, 1);
    job.worker.postMessage({ type: 'cancel' } satisfies MainMessage);
    // Work that only reads can stop at once, even inside one long SQLite call; other work stops at its next check
    // so that it can clean up after itself. Locking stops everything at once.
    if (force || jobKinds[job.info.kind as JobKindName].cancel === 'terminate') job.settle('cancelled', { error });
  }
}

/** An unexpected error in a worker, rebuilt with its codes so that the registry maps it (disk full, corruption). */
function crashError(codes: string[], name: string): Error {
  let err: Error | undefined;
  for (const code of [...codes].reverse()) {
    const next: Error & { code?: string } = new Error(`Job failed (${name})`, err ? { cause: err } : undefined);
    next.code = code;
    err = next;
  }
  return err ?? new Error(`Job failed (${name})`);
}
