import type { Db } from '../db/types';
import { appendAudit, type AuditInput } from './audit';
import { ensureRowTracking, resetTouched, touchedDigests } from './audited-rows';

/** What a change sees: the open database, its instant, who makes it, and the one way to record it. */
export interface AuditedChangeContext {
  db: Db;
  now: Date;
  actor: string;
  audit(input: AuditInput): void;
}

/**
 * Runs `fn` as one transaction that must write at least one audit entry: a state change without its audit entry is a
 * bug, so it rolls back rather than commit silently. Entries are written when the change is complete, so that the
 * last one can carry the digests of the audited rows as the change left them (audited-rows.ts); they keep the order
 * they were made in.
 */
export function runAuditedChange<T>(db: Db, actor: string, now: Date, fn: (tx: AuditedChangeContext) => T): T {
  ensureRowTracking(db);
  return db.transaction(() => {
    resetTouched(db);
    const entries: AuditInput[] = [];
    const result = fn({ db, now, actor, audit: (input) => void entries.push(input) });
    if (entries.length === 0) throw new Error('A change must write its audit entry in the same transaction');
    // An async function would commit at its first await and do the rest of its writes outside the transaction.
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new Error('A change must be synchronous: all of it happens inside the one transaction');
    }
    const digests = touchedDigests(db);
    entries.forEach((input, i) => appendAudit(db, actor, now, input, i === entries.length - 1 ? digests : undefined));
    return result;
  })();
}
