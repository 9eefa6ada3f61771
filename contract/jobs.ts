import { z } from 'zod';
import { channel } from './channel';

/**
 * Long work (checks, packs, backups, reports) runs as a job in a worker thread, so the window never freezes and
 * every other call is still answered. The renderer sees each job's progress on the one event channel and can ask
 * for the list of running jobs or cancel one.
 */
export type JobState = 'running' | 'cancelling';

export interface JobInfo {
  jobId: string;
  /** The job kind, e.g. `database.integrity`: what is running, not anything about the data. */
  kind: string;
  label: string;
  state: JobState;
  done: number;
  total: number;
  startedAt: string;
}

/** How a job ended, as announced on the event channel. */
export type JobOutcome = 'finished' | 'failed' | 'cancelled';

const jobIdSchema = z
  .string({ error: 'Say which job' })
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'That is not a job this app started')
  .max(64, 'That is not a job this app started');

export const jobChannels = {
  'jobs.status': channel<{ jobs: JobInfo[] }>()(z.object({}).strict()),
  /** Asks a running job to stop. Answers with whether a job of that id was running. */
  'jobs.cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: jobIdSchema }).strict()),
};
