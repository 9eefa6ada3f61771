import type { IsoDate } from '../../contract/calendar-date';
import { DEFAULT_RETENTION_POLICY, retentionPolicySchema, type RetentionPolicy } from '../../contract/rights';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';

const KEY = 'rights.retention';

export function readRetentionPolicy(db: Db): RetentionPolicy {
  return readSetting(db, KEY, retentionPolicySchema, DEFAULT_RETENTION_POLICY);
}

export function writeRetentionPolicy(db: Db, policy: RetentionPolicy): void {
  writeSetting(db, KEY, policy);
}

/** The same day `years` years earlier; 29 February falls back to 1 March in a year without one. */
export function yearsBefore(today: IsoDate, years: number): IsoDate {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  return date.toISOString().slice(0, 10) as IsoDate;
}

/** The cases the policy covers today: closed before the cut-off and not yet anonymised, oldest first. */
export function casesDueForRetention(db: Db, closedBefore: IsoDate): { id: number; reference: string }[] {
  return db
    .prepare(
      `SELECT id, reference FROM cases
       WHERE state = 'closed' AND anonymised_at IS NULL AND closed_on IS NOT NULL AND closed_on < ?
       ORDER BY closed_on, id`,
    )
    .all<{ id: number; reference: string }>([closedBefore]);
}

export function countAnonymised(db: Db): number {
  return Number(db.prepare('SELECT count(*) FROM cases WHERE anonymised_at IS NOT NULL', { pluck: true }).get());
}
