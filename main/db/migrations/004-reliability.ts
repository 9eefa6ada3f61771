import { appendAudit } from '../../audit/audit';
import { allDigests } from '../../audit/audited-rows';
import type { Migration } from '../types';

/**
 * Row digests in the audit log (main/audit/audited-rows.ts): each change's last audit entry records a digest of
 * every audited row it left, so that the audit check can tell when the data no longer matches its history.
 *
 * Rows already in the database get one baseline entry holding their digests as they are now: the check can then
 * vouch for every row from here on, and says plainly that it cannot see what happened before this point.
 */
export const reliabilityMigration: Migration = {
  version: 4,
  name: 'reliability',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN row_digests TEXT');
    const digests = allDigests(db);
    if (digests.length === 0) return;
    appendAudit(
      db,
      'Reciprocal',
      new Date(),
      {
        action: 'audit.baseline',
        entityType: 'audit',
        summary: `Audit check started recording the state of each case and partner (${digests.length} ${digests.length === 1 ? 'record' : 'records'})`,
      },
      digests,
    );
  },
};
