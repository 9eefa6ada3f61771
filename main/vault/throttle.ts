import fs from 'node:fs';
import { writeFileAtomic } from './atomic-write';

/**
 * Failed unlock attempts wait longer and longer (1 s, 2 s, 4 s … up to 5 minutes) after the first three,
 * but never lock out for good: a coordinator must always be able to get back to their cases.
 * The count is kept on disk so that restarting the app does not reset it.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60 * 1000;

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

export class UnlockThrottle {
  private state: ThrottleState;

  constructor(
    private readonly file: string,
    private readonly now: () => number,
  ) {
    this.state = UnlockThrottle.load(file);
  }

  private static load(file: string): ThrottleState {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ThrottleState>;
      const failures = Number.isInteger(parsed.failures) && parsed.failures! >= 0 ? parsed.failures! : 0;
      const lastFailureAt = typeof parsed.lastFailureAt === 'number' ? parsed.lastFailureAt : 0;
      return { failures, lastFailureAt };
    } catch {
      return { failures: 0, lastFailureAt: 0 };
    }
  }

  /** Milliseconds until the next attempt is allowed; 0 means now. */
  retryAfterMs(): number {
    const wait = delayAfter(this.state.failures) - (this.now() - this.state.lastFailureAt);
    return Math.max(0, Math.ceil(wait));
  }

  get failures(): number {
    return this.state.failures;
  }

  recordFailure(): void {
    this.state = { failures: this.state.failures + 1, lastFailureAt: this.now() };
    this.persist();
  }

  recordSuccess(): void {
    if (this.state.failures === 0) return;
    this.state = { failures: 0, lastFailureAt: 0 };
    this.persist();
  }

  private persist(): void {
    try {
      writeFileAtomic(this.file, JSON.stringify(this.state));
    } catch {
      // Throttling still works in memory if the disk refuses the write.
    }
  }
}
