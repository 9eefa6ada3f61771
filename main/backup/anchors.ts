import fs from 'node:fs';
import path from 'node:path';
import { formatUkDate } from '../../contract/dates';
import type { Db } from '../db/types';
import { anchors, type BackupAnchor } from './records-repo';

export interface AnchorProblem {
  problem: string;
  /** The backup the live chain contradicts. */
  backup: string;
  firstBadId: number;
}

/**
 * Every backup records the audit chain's head (id and hash) in its manifest and in `backup_records`. The chain can
 * verify on its own after its newest entries were deleted, or after it was rewritten and re-hashed from some point
 * on; a head recorded earlier cannot be made to agree with either. Only backups whose file is still there count:
 * those are the ones a coordinator can hold up against the live log.
 */
export function anchorProblem(db: Db, visible: (a: BackupAnchor) => boolean = (a) => fs.existsSync(a.filePath)): AnchorProblem | null {
  const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?', { pluck: true });
  const last = Number(db.prepare('SELECT coalesce(max(id), 0) FROM audit_log', { pluck: true }).get());
  for (const a of anchors(db)) {
    if (a.headId === 0 || !visible(a)) continue;
    const name = path.basename(a.filePath);
    const when = formatUkDate(a.createdAt.slice(0, 10));
    const hash = row.get([a.headId]);
    if (hash === undefined) {
      return {
        backup: name,
        firstBadId: a.headId,
        problem: `The audit log is shorter than the backup ${name} of ${when} says it was: that backup holds entry ${a.headId}, but the log now ${last ? `ends at entry ${last}` : 'is empty'}. Entries were removed after the backup was taken.`,
      };
    }
    if (hash !== a.headHash) {
      return {
        backup: name,
        firstBadId: a.headId,
        problem: `Entry ${a.headId} of the audit log is not the one recorded in the backup ${name} of ${when}: the history was rewritten after that backup was taken.`,
      };
    }
  }
  return null;
}
