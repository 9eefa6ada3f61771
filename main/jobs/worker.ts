import { parentPort, workerData } from 'node:worker_threads';
import { openForReading } from '../db/open';
import { AppFailure, codesOf } from '../errors';
import { JobCancelled, type JobContext } from './job-kind';
import { isJobKindName, jobKinds } from './kinds';
import type { Db } from '../db/types';
import type { MainMessage, WorkerInput, WorkerMessage } from './protocol';

// One job per worker: it opens its own read connection (WAL lets it read while main writes), runs, and exits.
const data = workerData as WorkerInput;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const flag = new Int32Array(data.cancelFlag);
const controller = new AbortController();

const cancelled = () => {
  if (!controller.signal.aborted && Atomics.load(flag, 0) === 1) controller.abort();
  return controller.signal.aborted;
};

const pending = new Map<number, { resolve(value: unknown): void; reject(err: unknown): void }>();
let asked = 0;

port.on('message', (message: MainMessage) => {
  if (message.type === 'cancel') controller.abort();
  if (message.type === 'answer') {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (!waiting) return;
    if (message.ok) waiting.resolve(message.value);
    // Main refused because the job is being cancelled: end as cancelled, not failed.
    else if (message.error.code === 'CANCELLED') waiting.reject(new JobCancelled());
    else waiting.reject(new AppFailure(message.error.code, message.error.message, message.error.fields ? { fields: message.error.fields } : {}));
  }
});

/** The connection of a job that has none (`database: 'none'`): any use is a bug, said plainly. */
function noDatabase(): Db {
  const fail = () => {
    throw new Error('This job has no connection to the store');
  };
  return new Proxy({} as Db, { get: (_t, prop) => (prop === 'close' ? () => undefined : fail()) });
}

async function main(): Promise<void> {
  if (!isJobKindName(data.kind)) throw new Error(`Unknown job kind`);
  const kind = jobKinds[data.kind];
  // A view of the transferred buffer, not a copy: the only copy in this thread, zeroed once SQLCipher has the key.
  const key = Buffer.from(data.key);
  let db: Db;
  try {
    db = data.databaseFile === null ? noDatabase() : openForReading(data.databaseFile, key);
  } finally {
    key.fill(0);
  }
  try {
    const ctx: JobContext = {
      db,
      signal: controller.signal,
      onProgress(done, total, label) {
        cancelled();
        post(label === undefined ? { type: 'progress', done, total } : { type: 'progress', done, total, label });
      },
      throwIfCancelled() {
        if (cancelled()) throw new JobCancelled();
      },
      ask(request) {
        if (cancelled()) return Promise.reject(new JobCancelled());
        const id = ++asked;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          post({ type: 'ask', id, request });
        });
      },
    };
    const value = await (kind.run as (ctx: JobContext, input: unknown) => unknown)(ctx, data.input);
    post({ type: 'done', value });
  } finally {
    db.close();
  }
}

main().then(
  () => port.close(),
  (err: unknown) => {
    if (err instanceof JobCancelled || (controller.signal.aborted && err instanceof Error && err.name === 'AbortError')) post({ type: 'cancelled' });
    else if (err instanceof AppFailure) post({ type: 'failed', error: err.toError() });
    else post({ type: 'crashed', codes: codesOf(err), name: err instanceof Error ? err.name : 'unknown' });
    port.close();
  },
);
