import { runAuditedChange } from '../../../main/audit/audited-change';
import type { CaseTx } from '../../../main/cases/case-actions';
import type { Db } from '../../../main/db/types';

/** Partners straight into the directory's table: cases only need a name and a status. */
export function insertPartner(db: Db, name: string, status: 'active' | 'suspended' | 'left' = 'active'): number {
  const at = '2026-01-01T09:00:00.000Z';
  return db
    .prepare(
      `INSERT INTO partners (name, name_key, type, status, status_changed_on, joined_on, created_at, updated_at)
       VALUES (?, ?, 'local_authority', ?, '2025-01-01', '2025-01-01', ?, ?)`,
    )
    .run([name, name.toLowerCase(), status, at, at]).lastInsertRowid;
}

/** What `services.change` does: one transaction that must write its audit entry. */
export function changeRunner(db: Db, actor = 'Sam Coordinator', now = () => new Date('2026-03-02T10:00:00Z')) {
  return <T>(fn: (tx: CaseTx) => T): T => runAuditedChange(db, actor, now(), fn);
}
