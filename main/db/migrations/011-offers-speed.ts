import type { Migration } from '../types';

/**
 * Matching speed (issue 10). Property → cases drives its candidate set from the requested borough
 * (`case_boroughs_borough`) and from state and size: `cases_matching (state, bedrooms)` lets SQLite take only the
 * circulated cases of a size the property fits, and count the other sizes, without reading every case that
 * requested the borough. An index only: no data changes.
 */
export const offersSpeedMigration: Migration = {
  version: 11,
  name: 'offers-speed',
  up(db) {
    db.exec(`CREATE INDEX cases_matching ON cases(state, bedrooms);`);
  },
};
