import type { AppEvent } from '../../contract/events';
import { appendAudit, type AuditInput } from '../audit/audit';
import type { Db } from '../db/types';
import type { Logger } from '../log/logger';
import type { Dialogs, Today } from '../ports';
import { readGeneralSettings } from '../settings/settings-repo';
import type { Session } from './session';
import type { JobInput, JobKindName, JobOutput } from '../jobs/kinds';

/** Long work, run in a worker thread off main's event loop (see `main/jobs/`). */
export interface Jobs {
  run<K extends JobKindName>(kind: K, input: JobInput<K>): Promise<JobOutput<K>>;
}

export interface ChangeContext {
  db: Db;
  now: Date;
  actor: string;
  audit(input: AuditInput): void;
}

/** What feature handlers get: the open database, the clock, the host's dialogs, and one way to change state. */
export interface AppServices {
  db(): Db;
  now(): Date;
  today: Today;
  actor(): string;
  dialogs: Dialogs;
  logger: Logger;
  emit(event: AppEvent): void;
  jobs: Jobs;
  /**
   * Runs `fn` as one transaction that must write at least one audit entry: a state change without its
   * audit entry is a bug, so it rolls back rather than commit silently.
   */
  change<T>(fn: (tx: ChangeContext) => T): T;
  /** Tell the session that settings it caches (auto-lock) may have changed. */
  settingsChanged(): void;
}

export function createServices(deps: {
  session: Session;
  now: () => Date;
  today: Today;
  dialogs: Dialogs;
  logger: Logger;
  emit(event: AppEvent): void;
  jobs: Jobs;
}): AppServices {
  const actor = () => readGeneralSettings(deps.session.db()).coordinatorName;
  return {
    db: () => deps.session.db(),
    now: deps.now,
    today: deps.today,
    actor,
    dialogs: deps.dialogs,
    logger: deps.logger,
    emit: deps.emit,
    jobs: deps.jobs,
    settingsChanged: () => deps.session.refreshSettings(),
    change(fn) {
      const db = deps.session.db();
      const now = deps.now();
      const who = actor();
      return db.transaction(() => {
        let audited = 0;
        const result = fn({
          db,
          now,
          actor: who,
          audit(input) {
            appendAudit(db, who, now, input);
            audited++;
          },
        });
        if (audited === 0) throw new Error('A change must write its audit entry in the same transaction');
        // An async function would commit at its first await and do the rest of its writes outside the transaction.
        if (typeof (result as { then?: unknown } | null)?.then === 'function') {
          throw new Error('A change must be synchronous: all of it happens inside the one transaction');
        }
        return result;
      })();
    },
  };
}
