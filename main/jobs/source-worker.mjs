// Runs the job worker from its TypeScript source, for unit tests and the e2e harness (the built app runs
// out/main/jobs-worker.js instead). A worker thread does not inherit its parent's TypeScript loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
