import type { Db } from '../db/types';
import type { Logger } from '../log/logger';

/*
 * Making sure erased values are gone from the file, not only from the rows:
 * - the name index is contentless FTS5: a deleted row leaves its terms in the index's segments until they are
 *   merged, so the index is merged into one segment inside the anonymisation's transaction (mergeNameIndex);
 * - secure_delete is ON for every connection (main/db/open.ts), so the space an old value took in its page, and every
 *   freed page, is overwritten with zeros when the transaction writes;
 * - the WAL still holds the old page images until a checkpoint: after the commit, a TRUNCATE checkpoint copies the new
 *   pages home and empties the WAL (scrubFile).
 * test/unit/rights/retention.test.ts decrypts every page of the file and of the WAL to prove nothing is left; without
 * the merge or the checkpoint it fails. A VACUUM is not needed on top (the same test passes without one) and would
 * hold main's event loop for seconds on a large store, so none is run.
 */

/** Merging everything into one segment ('optimize') drops the terms of deleted rows. */
export function mergeNameIndex(db: Db): void {
  db.prepare("INSERT INTO cases_fts (cases_fts) VALUES ('optimize')").run();
}

/** After the commit. A checkpoint that a job's reader holds back is logged; the next write's checkpoint finishes it. */
export function scrubFile(db: Db, logger: Logger): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result !== undefined && result.busy !== 0) logger.warn('rights.checkpoint_deferred');
}
