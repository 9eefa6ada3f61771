import type { Migration } from '../types';

/**
 * The duplicate check (issue 4) looks for open cases with the referral's date of birth, on every save of a referral
 * and as the coordinator types one in. Without an index on the date it read every case: 21 ms at 45,000 cases, and
 * most of what a new referral cost in the bench's build of the `stress` scheme (issue 14), growing with every case
 * added. Partial, since only open cases are duplicates: a closed case leaves the index, and the query's own
 * `state <> 'closed'` lets SQLite use it.
 */
export const duplicateCheckSpeedMigration: Migration = {
  version: 17,
  name: 'duplicate-check-speed',
  up(db) {
    db.exec(`CREATE INDEX cases_open_by_dob ON cases(applicant_dob) WHERE state <> 'closed'`);
  },
};
