import type { IpcRegistry } from '../ipc/registry';
import type { JobRunner } from './runner';

export function registerJobHandlers(registry: IpcRegistry, jobs: JobRunner): void {
  registry.register('jobs.status', () => ({ jobs: jobs.status() }));
  registry.register('jobs.cancel', (req) => ({ cancelled: jobs.cancel(req.jobId) }));
}
