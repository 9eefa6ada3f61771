import type { Migration } from '../types';

/*
 * The case list at scale (issue 14): 50,000 cases, read a page at a time.
 *
 * One index per sort that an index can deliver, each led by the sort key and the case id (the list's tie-breaker),
 * then the columns the list filters on inside the index (state, next due date, home landlord, current borough). A
 * page then reads its rows in order from the index and stops after the page, with no temporary B-tree over every
 * matching case; the next page starts from the last row's key (keyset), and the last page reads backwards from the
 * end. The due-date sort puts cases with no deadline last by sorting on the date with a far-future stand-in
 * (`coalesce(next_due_on, '9999-12-31')`), the same order as before in one indexable term.
 *
 * State, landlord and borough sort by a computed order or a joined name: those keep `cases_list` and a sort of the
 * narrow rows.
 */
export const listSpeedMigration: Migration = {
  version: 15,
  name: 'list-speed',
  up(db) {
    db.exec(`
      CREATE INDEX cases_by_due ON cases(coalesce(next_due_on, '9999-12-31'), id, state, next_due_on, home_landlord_id, current_borough);
      CREATE INDEX cases_by_received ON cases(received_on, id, state, next_due_on, home_landlord_id, current_borough);
      CREATE INDEX cases_by_reference ON cases(ref_year, ref_seq, id, state, next_due_on, home_landlord_id, current_borough);
      CREATE INDEX cases_by_applicant ON cases(applicant_name_key, id, state, next_due_on, home_landlord_id, current_borough);
    `);
  },
};
