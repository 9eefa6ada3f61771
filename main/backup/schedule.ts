import type { Cadence, ScheduleSettings } from '../../contract/backup-types';
import { missingCase } from '../../contract/missing-case';
import { formatUkDate } from '../../contract/dates';
import type { Timers } from '../ports';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function intervalMs(cadence: Cadence): number {
  switch (cadence) {
    case 'daily':
      return DAY;
    case 'weekly':
      return 7 * DAY;
    default:
      return missingCase(cadence);
  }
}

/** A schedule can run only once it has a folder and a passphrase to write with. */
export function scheduleReady(schedule: ScheduleSettings, hasPassphrase: boolean): boolean {
  return schedule.folder !== null && hasPassphrase;
}

/** Due when no verified backup exists yet, or the last is one interval old. A missed one is simply due at once. */
export function backupDue(schedule: ScheduleSettings, hasPassphrase: boolean, lastSuccessAt: string | null, now: number): boolean {
  if (!scheduleReady(schedule, hasPassphrase)) return false;
  if (lastSuccessAt === null) return true;
  return now - Date.parse(lastSuccessAt) >= intervalMs(schedule.cadence);
}

/**
 * The warning in the status bar, Settings and Home. A backup is "overdue" once it is a full interval late, with an hour
 * of grace so that the warning does not flash while a due backup is being written.
 */
export function overdueWarning(schedule: ScheduleSettings, hasPassphrase: boolean, lastSuccessAt: string | null, now: number): string | null {
  if (!scheduleReady(schedule, hasPassphrase)) return 'Backups are not set up: choose a backup folder and a backup passphrase in Settings.';
  if (lastSuccessAt === null) return 'No backup has been made yet.';
  const late = now - Date.parse(lastSuccessAt) - intervalMs(schedule.cadence);
  if (late <= HOUR) return null;
  return `No backup since ${formatUkDate(lastSuccessAt.slice(0, 10))}: the ${schedule.cadence} backup is overdue.`;
}

/** The verified backups beyond the newest `keep`: these are removed once a new one has verified. */
export function beyondRetention<T>(newestFirst: readonly T[], keep: number): T[] {
  return newestFirst.slice(keep);
}

/**
 * Checks every minute whether a backup is due and runs it. It only ever runs while the app is unlocked (the check
 * asks), so a backup missed while locked or switched off runs at the next unlock.
 */
export class BackupScheduler {
  private handle: unknown = null;
  private stopped = false;

  constructor(
    private readonly timers: Timers,
    private readonly tick: () => Promise<void>,
    private readonly periodMs = 60_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.tick()
        .catch(() => undefined)
        .finally(() => this.arm());
    }, this.periodMs);
    // A pending check must not keep a test process or a closing app alive.
    (this.handle as { unref?: () => void } | null)?.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
