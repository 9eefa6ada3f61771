import type { Migration } from '../types';

/**
 * Matching speed (issue 10). Property → cases drives its candidate set from the requested borough
 * (`case_boroughs_borough`); each of those cases is then probed in `cases_matching (state, id, bedrooms)`, which
 * answers "circulated, and of a size the property fits?" from the index alone, so only the cases shown have their
 * (large) rows read. An index only: no data changes.
 */
export const offersSpeedMigration: Migration = {
  version: 12,
  name: 'offers-speed',
  up(db) {
    db.exec(`CREATE INDEX cases_matching ON cases(state, id, bedrooms);`);
  },
};
