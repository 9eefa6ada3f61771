import type { IsoDate } from '../../contract/calendar-date';
import { ERASED } from '../../contract/rights';
import { redactEnquiryAuditEntries, type Redaction } from '../audit/redaction';
import type { Db } from '../db/types';

/*
 * Retention covers enquiries too. An enquiry holds no identity by design, but its notes are free text ("what was
 * said"), and free text can name someone or say where they are, however the form asks. Enquiries received before the
 * policy's cut-off keep their date, agency, reason and signposting (the year-end counts read those) and lose their
 * notes, in the row and in the audit entry that recorded them. The cut-off is the cases' one: an enquiry is closed
 * the day it is recorded, so "closed more than N years ago" is "received more than N years ago".
 */

/** Enquiries received before the cut-off whose notes still hold text. */
export function enquiriesDueForRetention(db: Db, receivedBefore: IsoDate): number[] {
  return db
    .prepare("SELECT id FROM enquiries WHERE received_on < ? AND notes <> '' AND notes <> ? ORDER BY received_on, id", { pluck: true })
    .all([receivedBefore, ERASED]) as number[];
}

/** Erases the notes of these enquiries and of their audit entries. Call inside the retention run's change. */
export function anonymiseEnquiries(db: Db, ids: readonly number[], now: Date): Redaction[] {
  const erase = db.prepare('UPDATE enquiries SET notes = ? WHERE id = ?');
  const redactions: Redaction[] = [];
  for (const id of ids) {
    erase.run([ERASED, id]);
    redactions.push(...redactEnquiryAuditEntries(db, id, now));
  }
  return redactions;
}
