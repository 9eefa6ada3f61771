/** Where the job worker's code is: the built file in the app, the TypeScript source (through tsx) in tests. */
export interface WorkerScript {
  url: URL;
  /** For the source bootstrap: the module it imports once tsx is registered. */
  entry?: URL;
}

export function sourceWorkerScript(): WorkerScript {
  return { url: new URL('./source-worker.mjs', import.meta.url), entry: new URL('./worker.ts', import.meta.url) };
}

export function builtWorkerScript(file: URL): WorkerScript {
  return { url: file };
}
