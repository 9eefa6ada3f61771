import type { IsoDate } from '../../contract/calendar-date';
import { formatUkDate } from '../../contract/dates';
import {
  ENQUIRY_REASONS,
  OUT_OF_LONDON_SIGNPOSTS,
  SIGNPOST_LABELS,
  SIGNPOSTS,
  type Enquiry,
  type EnquiryCounts,
  type EnquiryReason,
  type Signpost,
} from '../../contract/enquiries';
import type { ReferringAgencyKind } from '../../contract/cases';
import type { z } from 'zod';
import type { enquirySchema } from '../../contract/enquiries';
import type { ChangeContext } from '../app/services';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

/*
 * Enquiries that did not become cases, for the year-end counts. They hold no identity, so they may be counted and
 * reported freely; the notes field is for what was said, never a name or a contact detail.
 */

type EnquiryRow = {
  id: number;
  received_on: IsoDate;
  agency_kind: ReferringAgencyKind;
  reason: EnquiryReason;
  signposting: string;
  notes: string;
  recorded_at: string;
  recorded_by: string;
};

const fromRow = (r: EnquiryRow): Enquiry => ({
  id: r.id,
  receivedOn: r.received_on,
  agencyKind: r.agency_kind,
  reason: r.reason,
  signposting: JSON.parse(r.signposting) as Signpost[],
  notes: r.notes,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

/** The scheme's rules for an enquiry, checked against the app's today. */
export function enquiryProblems(e: z.output<typeof enquirySchema>, today: IsoDate): Record<string, string> {
  const fields: Record<string, string> = {};
  if (e.receivedOn > today) fields['receivedOn'] = `The date of the enquiry cannot be after today (${formatUkDate(today)})`;
  if (e.reason === 'out_of_london') {
    const missing = OUT_OF_LONDON_SIGNPOSTS.filter((s) => !e.signposting.includes(s));
    // The scheme cannot circulate outside London; its own page names where to go instead.
    if (missing.length > 0) {
      fields['signposting'] = `For a move out of London, record that you signposted to ${missing.map((s) => SIGNPOST_LABELS[s]).join(' and ')}`;
    }
  }
  if ((e.reason === 'other' || e.signposting.includes('other')) && e.notes === '') fields['notes'] = 'Say what happened in the notes (no names)';
  return fields;
}

export function createEnquiry(tx: Pick<ChangeContext, 'db' | 'now' | 'actor' | 'audit'>, e: z.output<typeof enquirySchema>, today: IsoDate): Enquiry {
  const fields = enquiryProblems(e, today);
  const messages = Object.values(fields);
  if (messages.length > 0) {
    const message =
      messages.length === 1 ? `${messages[0]}. Nothing was saved.` : `${messages.length} answers need attention: ${messages.join('; ')}. Nothing was saved.`;
    throw new AppFailure('VALIDATION', message, { fields });
  }
  const signposting = [...e.signposting].sort((a, b) => SIGNPOSTS.indexOf(a) - SIGNPOSTS.indexOf(b));
  const at = tx.now.toISOString();
  const id = tx.db
    .prepare(
      `INSERT INTO enquiries (received_on, agency_kind, reason, signposting, notes, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run([e.receivedOn, e.agencyKind, e.reason, JSON.stringify(signposting), e.notes, at, tx.actor]).lastInsertRowid;
  const enquiry = getEnquiry(tx.db, id);
  tx.audit({
    action: 'enquiry.recorded',
    entityType: 'enquiry',
    entityId: id,
    summary: `Enquiry recorded (${e.reason.replace(/_/g, ' ')})`,
    changes: [
      { field: 'receivedOn', before: null, after: e.receivedOn },
      { field: 'agencyKind', before: null, after: e.agencyKind },
      { field: 'reason', before: null, after: e.reason },
      { field: 'signposting', before: null, after: signposting },
      { field: 'notes', before: null, after: e.notes },
    ],
  });
  return enquiry;
}

export function getEnquiry(db: Db, id: number): Enquiry {
  const row = db.prepare('SELECT * FROM enquiries WHERE id = ?').get<EnquiryRow>([id]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That enquiry could not be found. Nothing was changed.');
  return fromRow(row);
}

/** Newest first. */
export function listEnquiries(db: Db, limit: number): Enquiry[] {
  return db.prepare('SELECT * FROM enquiries ORDER BY received_on DESC, id DESC LIMIT ?').all<EnquiryRow>([limit]).map(fromRow);
}

/** Enquiries received between two dates (inclusive), as the year-end reports count them. */
export function countEnquiries(db: Db, from: IsoDate, to: IsoDate): EnquiryCounts {
  if (from > to)
    throw new AppFailure('VALIDATION', 'The start date must be on or before the end date.', { fields: { to: 'Enter a date on or after the start date' } });
  const rows = db
    .prepare('SELECT reason, signposting FROM enquiries WHERE received_on BETWEEN ? AND ?')
    .all<{ reason: EnquiryReason; signposting: string }>([from, to]);
  const byReason = new Map<EnquiryReason, number>();
  const bySignpost = new Map<Signpost, number>();
  for (const r of rows) {
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
    for (const s of JSON.parse(r.signposting) as Signpost[]) bySignpost.set(s, (bySignpost.get(s) ?? 0) + 1);
  }
  return {
    from,
    to,
    total: rows.length,
    byReason: ENQUIRY_REASONS.filter((r) => byReason.has(r)).map((reason) => ({ reason, count: byReason.get(reason) ?? 0 })),
    bySignpost: SIGNPOSTS.filter((s) => bySignpost.has(s)).map((signpost) => ({ signpost, count: bySignpost.get(signpost) ?? 0 })),
  };
}
