/**
 * How long work reports itself and can be stopped. Backup, verification and restore take this, so they can move onto
 * the job runner (`main/jobs/`) unchanged when it lands.
 */
export interface WorkControl {
  onProgress?: (done: number, total: number, label: string) => void;
  signal?: AbortSignal;
}

/** Lets other IPC calls in between chunks of work, so the window never waits on a backup. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
