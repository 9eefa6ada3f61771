import { formatUkDate } from '../../contract/dates';
import type { AnonymisedStatus } from '../../contract/rights';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

/*
 * An anonymised or erased case is a record kept for the counts, not a case to work: nobody can be contacted, chased
 * or housed through it any more, and anything written on it now would be personal data the retention policy or the
 * applicant's request has already removed. So main refuses every change to it (notes, chases, edits, boroughs, state
 * changes), and the case page shows why instead of the actions.
 */

/** When and why the case was anonymised, or null while it holds its personal details. */
export function anonymisedStatus(db: Db, caseId: number): AnonymisedStatus | null {
  const row = db
    .prepare('SELECT anonymised_at, anonymised_how FROM cases WHERE id = ?')
    .get<{ anonymised_at: string | null; anonymised_how: 'retention' | 'erasure' | null }>([caseId]);
  if (row === undefined || row.anonymised_at === null || row.anonymised_how === null) return null;
  // The erasure's reason is the coordinator's, kept with the case's own erasure entry (never redacted: it is written
  // after the redaction, and a case cannot be anonymised twice).
  const reason =
    row.anonymised_how === 'erasure'
      ? ((db.prepare("SELECT reason FROM audit_log WHERE case_id = ? AND action = 'case.erased' ORDER BY id DESC LIMIT 1", { pluck: true }).get([caseId]) as
          string | null | undefined) ?? null)
      : null;
  return { at: row.anonymised_at, how: row.anonymised_how, reason };
}

/** The sentence the case page and a refused change both use. */
export function anonymisedWords(reference: string, s: AnonymisedStatus): string {
  return s.how === 'retention'
    ? `Case ${reference} was anonymised on ${formatUkDate(s.at)} under the retention policy`
    : `Case ${reference} was erased on ${formatUkDate(s.at)} on the applicant's request`;
}

/** Throws RULE if the case has been anonymised; call before any change to a case. */
export function refuseIfAnonymised(db: Db, caseId: number): void {
  const status = anonymisedStatus(db, caseId);
  if (status === null) return;
  const reference = db.prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([caseId]) as string;
  throw new AppFailure('RULE', `${anonymisedWords(reference, status)}: only its record is kept, and it cannot be changed. Nothing was changed.`);
}
