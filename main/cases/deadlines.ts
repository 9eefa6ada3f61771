import { addDays, daysBetween, isWeekend, type IsoDate } from '../../contract/calendar-date';
import type { CaseState } from '../../contract/cases';
import { missingCase } from '../../contract/missing-case';
import { DEADLINE_LABELS, type Deadline, type DeadlineKind } from '../../contract/case-views';
import { DEFAULT_BANK_HOLIDAYS } from './bank-holidays';

/*
 * The scheme's deadlines. Everything is in calendar dates (ISO strings), never Date-with-time, so that a deadline
 * cannot shift by a day across the clocks changing or when the laptop's time zone is wrong.
 */

export interface DeadlinePolicy {
  /** The scheme promises to circulate within a week of the landlord's approval (calendar days). */
  circulateWithinDays: number;
  /** Chase the Named Lead when no decision has come back after this many working days. */
  chaseApprovalAfterWorkingDays: number;
  /** Review a circulated case that has had no offer for this many calendar days. */
  reviewNoOfferAfterDays: number;
  /** How far ahead the dashboard shows a deadline as "due soon". */
  dueSoonDays: number;
  /** Bank holidays in England and Wales, which are not working days. */
  bankHolidays: readonly IsoDate[];
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  circulateWithinDays: 7,
  chaseApprovalAfterWorkingDays: 10,
  reviewNoOfferAfterDays: 90,
  dueSoonDays: 3,
  bankHolidays: DEFAULT_BANK_HOLIDAYS,
};

export function isWorkingDay(date: IsoDate, bankHolidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !bankHolidays.has(date);
}

/** The date `days` working days after `start` (the start day itself never counts). */
export function addWorkingDays(start: IsoDate, days: number, bankHolidays: readonly IsoDate[]): IsoDate {
  const holidays = new Set(bankHolidays);
  let date = start;
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) counted += 1;
  }
  return date;
}

/** Working days after `from`, up to and including `to`; 0 when `to` is not later. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, bankHolidays: readonly IsoDate[]): number {
  const holidays = new Set(bankHolidays);
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(date, holidays)) count += 1;
  }
  return count;
}

/** The dates of a case that its deadlines run from. */
export interface CaseDates {
  state: CaseState;
  /** When the case entered its current state (for awaiting approval: when the request went to the Named Lead). */
  enteredStateOn: IsoDate;
  /** First circulation: the no-offer review runs from here. */
  circulatedOn: IsoDate | null;
  /** The most recent offer made to the applicant, if any. */
  lastOfferOn: IsoDate | null;
  /** The last time a coordinator recorded a review of the case. */
  lastReviewedOn: IsoDate | null;
  /** Set when a change after circulation means partners must see the request again. */
  needsRecirculation: boolean;
  recirculationRequestedOn: IsoDate | null;
}

const latest = (dates: readonly (IsoDate | null)[]): IsoDate | null =>
  dates.reduce<IsoDate | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

const plural = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export function describeDue(dueOn: IsoDate, today: IsoDate, dueSoonDays: number): Pick<Deadline, 'status' | 'daysUntilDue' | 'text'> {
  const daysUntilDue = daysBetween(today, dueOn);
  if (daysUntilDue < 0) return { status: 'overdue', daysUntilDue, text: `Overdue by ${plural(-daysUntilDue)}` };
  if (daysUntilDue === 0) return { status: 'due_today', daysUntilDue, text: 'Due today' };
  return { status: daysUntilDue <= dueSoonDays ? 'due_soon' : 'upcoming', daysUntilDue, text: `Due in ${plural(daysUntilDue)}` };
}

/** Due dates that apply to the case in its current state (none while on hold, or once the outcome is known). */
export function dueDates(dates: CaseDates, policy: DeadlinePolicy): { kind: DeadlineKind; dueOn: IsoDate }[] {
  const reviewFrom = latest([dates.circulatedOn, dates.lastOfferOn, dates.lastReviewedOn]);
  const review = reviewFrom === null ? [] : [{ kind: 'review_no_offer' as const, dueOn: addDays(reviewFrom, policy.reviewNoOfferAfterDays) }];
  switch (dates.state) {
    case 'awaiting_landlord_approval':
      return [{ kind: 'chase_approval', dueOn: addWorkingDays(dates.enteredStateOn, policy.chaseApprovalAfterWorkingDays, policy.bankHolidays) }];
    case 'approved':
      return [{ kind: 'circulate', dueOn: addDays(dates.enteredStateOn, policy.circulateWithinDays) }];
    case 'circulated': {
      const recirculate =
        dates.needsRecirculation && dates.recirculationRequestedOn !== null
          ? [{ kind: 'recirculate' as const, dueOn: addDays(dates.recirculationRequestedOn, policy.circulateWithinDays) }]
          : [];
      return [...recirculate, ...review];
    }
    // After a decline the request goes back out; the same one-week promise applies.
    case 'offer_declined':
      return [{ kind: 'recirculate', dueOn: addDays(dates.enteredStateOn, policy.circulateWithinDays) }, ...review];
    // An offer in play, a pending decision or a finished outcome: the next step is someone else's, not a deadline.
    case 'referral_received':
    case 'landlord_declined':
    case 'offer_made':
    case 'viewing':
    case 'offer_accepted':
    case 'moved':
    case 'closed':
    case 'on_hold':
    case 'withdrawn':
      return [];
    default:
      return missingCase(dates.state);
  }
}

/** The case's deadlines as of `today`, soonest first. */
export function deadlinesFor(dates: CaseDates, policy: DeadlinePolicy, today: IsoDate): Deadline[] {
  return dueDates(dates, policy)
    .map(({ kind, dueOn }) => ({ kind, label: DEADLINE_LABELS[kind], dueOn, ...describeDue(dueOn, today, policy.dueSoonDays) }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** The soonest deadline, which is what the dashboard and the case list show. */
export function nextDeadline(dates: CaseDates, policy: DeadlinePolicy, today: IsoDate): Deadline | null {
  return deadlinesFor(dates, policy, today)[0] ?? null;
}
