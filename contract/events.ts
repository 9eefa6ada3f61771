import type { JobOutcome } from './jobs';
import type { LockReason } from './session';

/** Events main pushes to the renderer. Kept tiny on purpose: the renderer pulls data through channels. */
export type AppEvent =
  | { type: 'locked'; reason: LockReason }
  /** A call found the database damaged: writes have stopped; the renderer shows the damaged screen. */
  | { type: 'database-damaged' }
  /** A job's progress; `taskId` is the job id that `jobs.cancel` takes. */
  | { type: 'progress'; taskId: string; done: number; total: number; label: string; kind?: string }
  | { type: 'job'; jobId: string; kind: string; outcome: JobOutcome }
  /** A backup was recorded (or failed): the status bar and Settings read the new state. */
  | { type: 'backups.changed' };
