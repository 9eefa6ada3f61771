import type { Db } from './types';

/**
 * Runs `read` with every statement seeing the database as of one moment: one read transaction, which WAL keeps to
 * its snapshot while another connection writes (a savepoint when a transaction is already open). For work that reads
 * in many statements on a job's own connection while the window goes on saving: a report's sections, the audit
 * check's chain and records, a statement's lines. Without it a change saved half-way shows in the later reads only.
 * `read` must be synchronous: a transaction cannot stay open across an await.
 */
export function asOfOneMoment<T>(db: Db, read: () => T): T {
  return db.transaction(read)();
}
