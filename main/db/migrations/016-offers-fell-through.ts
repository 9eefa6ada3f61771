import type { Migration } from '../types';

/**
 * An accepted offer can still end before the move (issue 10): the applicant pulls out, the landlord withdraws, or
 * it falls through. `decided_on` then holds the day it ended, so the day it was accepted is kept in its own column
 * for the case page's timeline and the Offers board. Existing accepted offers take it from `decided_on`; an offer
 * that already fell through after acceptance under the old model cannot be told apart and keeps NULL.
 *
 * Also matching speed: `cases_waiting (state, circulated_on, reference, bedrooms)` is the rank order of property →
 * cases (longest waiting first, then the reference), so a page of candidates is read in order with a keyset and a
 * LIMIT, without sorting every case that requested the borough. Bedrooms rides along so the size check needs no row.
 */
export const offersFellThroughMigration: Migration = {
  version: 16,
  name: 'offers-fell-through',
  up(db) {
    db.exec(`
      ALTER TABLE offers ADD COLUMN accepted_on TEXT CHECK (accepted_on IS NULL OR accepted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
      UPDATE offers SET accepted_on = decided_on WHERE outcome = 'accepted';
      CREATE INDEX cases_waiting ON cases(state, circulated_on, reference, bedrooms);
    `);
  },
};
