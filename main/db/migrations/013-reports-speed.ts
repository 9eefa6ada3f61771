import type { Migration } from '../types';

/*
 * Indexes for the year-end report (issue 13), so that every part reads index ranges over the period rather than
 * scanning the wide `cases` rows or every move and event. No table changes, no data moves.
 * - each funnel step by the day it happened: first circulation, offers made, offers decided, moves by tenancy start;
 * - referrals and the cases still open by the day received, with the reference, so the reference is read from the
 *   index rather than from each case's row;
 * - each case's endings (moved, closed, withdrawn) by case, for "still open on the period's last day";
 * - ledger entries by date, for the ledger part's moves in the period.
 * Numbered 014 for the merge (the lead renumbers); its version follows the branch's last migration, without a gap.
 */
export const reportsSpeedMigration: Migration = {
  version: 13,
  name: 'reports-speed',
  up(db) {
    db.exec(`
      CREATE INDEX cases_circulated ON cases(circulated_on) WHERE circulated_on IS NOT NULL;
      CREATE INDEX cases_received_reference ON cases(received_on, reference);
      CREATE INDEX offers_offered ON offers(offered_on, case_id);
      CREATE INDEX offers_decided ON offers(outcome, decided_on, case_id);
      CREATE INDEX moves_tenancy_start ON moves(tenancy_start_on, case_id);
      CREATE INDEX case_events_case_transitions ON case_events(case_id, to_state, on_date) WHERE kind = 'transition';
      CREATE INDEX ledger_on_date ON ledger_entries(on_date);
    `);
  },
};
