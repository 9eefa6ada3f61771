import type { IsoDate } from '../../contract/calendar-date';
import type { Deadline, DeadlineKind } from '../../contract/case-views';
import type { Db } from '../db/types';
import type { CaseRow } from './case-store';
import { writeNextDue } from './case-store';
import { deadlinesFor, dueDates, type CaseDates, type DeadlinePolicy } from './deadlines';

/*
 * Keeps `cases.next_due_on` in step with the deadline rules, so that SQL can find overdue cases by index. The due
 * date does not depend on today, only on the case's dates and the policy, so it is written when either changes.
 */

type DatesRow = Pick<
  CaseRow,
  | 'state'
  | 'state_entered_on'
  | 'circulated_on'
  | 'last_offer_on'
  | 'last_reviewed_on'
  | 'needs_recirculation'
  | 'recirculation_requested_on'
  | 'last_landlord_chase_on'
  | 'last_contact_on'
  | 'offers_made'
>;

const DATE_COLUMNS =
  'state, state_entered_on, circulated_on, last_offer_on, last_reviewed_on, needs_recirculation, recirculation_requested_on, last_landlord_chase_on, last_contact_on, offers_made';

export function caseDates(row: DatesRow): CaseDates {
  return {
    state: row.state,
    enteredStateOn: row.state_entered_on,
    circulatedOn: row.circulated_on,
    lastOfferOn: row.last_offer_on,
    lastReviewedOn: row.last_reviewed_on,
    needsRecirculation: row.needs_recirculation === 1,
    recirculationRequestedOn: row.recirculation_requested_on,
    lastLandlordChaseOn: row.last_landlord_chase_on,
    lastContactOn: row.last_contact_on,
    offersMade: row.offers_made,
  };
}

export function soonestDue(row: DatesRow, policy: DeadlinePolicy): { dueOn: IsoDate; kind: DeadlineKind } | null {
  const all = dueDates(caseDates(row), policy).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return all[0] ?? null;
}

export function caseDeadlines(row: DatesRow, policy: DeadlinePolicy, today: IsoDate): Deadline[] {
  return deadlinesFor(caseDates(row), policy, today);
}

/** After a change to a case: its stored due date again, written only when it moved (most changes leave it). */
export function syncNextDue(db: Db, id: number, policy: DeadlinePolicy): void {
  const row = db.prepare(`SELECT ${DATE_COLUMNS}, next_due_on, next_due_kind FROM cases WHERE id = ?`).get<DatesRow & StoredDue>([id]);
  if (!row) return;
  const due = soonestDue(row, policy);
  if (dueMoved(due, row)) writeNextDue(db, id, due);
}

type StoredDue = Pick<CaseRow, 'next_due_on' | 'next_due_kind'>;

function dueMoved(due: { dueOn: IsoDate; kind: DeadlineKind } | null, stored: StoredDue): boolean {
  return (due?.dueOn ?? null) !== stored.next_due_on || (due?.kind ?? null) !== stored.next_due_kind;
}

/** After the policy changes: every case that is not closed gets its due date again. Returns how many changed. */
export function resyncAllDeadlines(db: Db, policy: DeadlinePolicy): number {
  const rows = db
    .prepare(`SELECT id, ${DATE_COLUMNS}, next_due_on, next_due_kind FROM cases WHERE state <> 'closed'`)
    .all<DatesRow & Pick<CaseRow, 'id' | 'next_due_on' | 'next_due_kind'>>();
  let changed = 0;
  for (const row of rows) {
    const due = soonestDue(row, policy);
    if (dueMoved(due, row)) {
      writeNextDue(db, row.id, due);
      changed += 1;
    }
  }
  return changed;
}
