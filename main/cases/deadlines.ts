import { daysBetween, fromDayNumber, isWeekend, toDayNumber, type IsoDate } from '../../contract/calendar-date';
import type { QuietState } from '../../contract/case-policy';
import type { CaseState } from '../../contract/cases';
import { missingCase } from '../../contract/missing-case';
import { DEADLINE_LABELS, type Deadline, type DeadlineKind } from '../../contract/case-views';
import { DEFAULT_BANK_HOLIDAYS } from './bank-holidays';

/*
 * The scheme's deadlines, every one counted in working days (weekends and bank holidays skipped), so that an
 * approval on a Friday before Christmas is not due on Christmas Day. Everything is in calendar dates (ISO strings), never Date-with-time, so that a deadline
 * cannot shift by a day across the clocks changing or when the laptop's time zone is wrong.
 */

export interface DeadlinePolicy {
  /** The scheme promises to circulate "within a week" of the landlord's approval: 5 working days by default. */
  circulateWithinWorkingDays: number;
  /** Chase the Named Lead when no decision has come back after this many working days. */
  chaseApprovalAfterWorkingDays: number;
  /** After a chase, the next one falls due this many working days later. */
  chaseIntervalWorkingDays: number;
  /** Review a circulated case that has had no offer for this many working days. */
  reviewNoOfferAfterWorkingDays: number;
  /** "No progress for N working days" in each state that has no deadline of its own. */
  noProgressWorkingDays: Readonly<Record<QuietState, number>>;
  /** Offers a case may have; once reached, a declined offer means closing rather than re-circulating. */
  offerCap: number;
  /** How far ahead (calendar days) the dashboard shows a deadline as "due soon". */
  dueSoonDays: number;
  /** Bank holidays in England and Wales, which are not working days. */
  bankHolidays: readonly IsoDate[];
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  circulateWithinWorkingDays: 5,
  chaseApprovalAfterWorkingDays: 10,
  chaseIntervalWorkingDays: 5,
  reviewNoOfferAfterWorkingDays: 65,
  noProgressWorkingDays: {
    referral_received: 5,
    landlord_declined: 10,
    offer_made: 10,
    viewing: 5,
    offer_accepted: 10,
    moved: 10,
    on_hold: 20,
    withdrawn: 5,
  },
  offerCap: 1,
  dueSoonDays: 3,
  bankHolidays: DEFAULT_BANK_HOLIDAYS,
};

export function isWorkingDay(date: IsoDate, bankHolidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !bankHolidays.has(date);
}

/*
 * Speed (issue 14): every change to a case recomputes its deadlines, each a count of up to 65 working days. Counting
 * on day numbers, with the holidays as a set of day numbers made once per list, keeps that to integer arithmetic
 * instead of a date string parsed and formatted for every day counted.
 */
const holidaySets = new Map<string, ReadonlySet<number>>();

function holidayDays(bankHolidays: readonly IsoDate[]): ReadonlySet<number> {
  // Keyed by content: the policy is read afresh from the settings for each change, so the array is new each time.
  const key = bankHolidays.join();
  let set = holidaySets.get(key);
  if (!set) {
    if (holidaySets.size >= 8) holidaySets.clear();
    holidaySets.set(key, (set = new Set(bankHolidays.map(toDayNumber))));
  }
  return set;
}

/** Day 0 (1970-01-01) was a Thursday: with Sunday as 0, a day number's weekday is `(n + 4) mod 7`. */
const isWorkingDayNumber = (n: number, holidays: ReadonlySet<number>) => {
  const dow = (((n + 4) % 7) + 7) % 7;
  return dow !== 0 && dow !== 6 && !holidays.has(n);
};

/** The date `days` working days after `start` (the start day itself never counts). */
export function addWorkingDays(start: IsoDate, days: number, bankHolidays: readonly IsoDate[]): IsoDate {
  const holidays = holidayDays(bankHolidays);
  let n = toDayNumber(start);
  let counted = 0;
  while (counted < days) {
    n += 1;
    if (isWorkingDayNumber(n, holidays)) counted += 1;
  }
  return counted === 0 ? start : fromDayNumber(n);
}

/** Working days after `from`, up to and including `to`; 0 when `to` is not later. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, bankHolidays: readonly IsoDate[]): number {
  const holidays = holidayDays(bankHolidays);
  const last = toDayNumber(to);
  let count = 0;
  for (let n = toDayNumber(from) + 1; n <= last; n++) {
    if (isWorkingDayNumber(n, holidays)) count += 1;
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
  /** The last time the coordinator chased the landlord. */
  lastLandlordChaseOn: IsoDate | null;
  /** The last chase of anyone, or update from the Nominating Officer: "no progress" counts from here. */
  lastContactOn: IsoDate | null;
  offersMade: number;
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

/** A declined offer with the cap reached: re-circulating is refused, so the step left is closing the case. */
export function offerCapReached(dates: Pick<CaseDates, 'offersMade'>, policy: Pick<DeadlinePolicy, 'offerCap'>): boolean {
  return dates.offersMade >= policy.offerCap;
}

/**
 * Due dates that apply to the case in its current state, all counted in working days. Every open state has one, so
 * no case goes quiet; a step the case cannot take never gets one (a declined offer at the cap is due to close, not
 * to re-circulate).
 */
export function dueDates(dates: CaseDates, policy: DeadlinePolicy): { kind: DeadlineKind; dueOn: IsoDate }[] {
  const after = (from: IsoDate, days: number) => addWorkingDays(from, days, policy.bankHolidays);
  const reviewFrom = latest([dates.circulatedOn, dates.lastOfferOn, dates.lastReviewedOn]);
  const review = reviewFrom === null ? [] : [{ kind: 'review_no_offer' as const, dueOn: after(reviewFrom, policy.reviewNoOfferAfterWorkingDays) }];
  const quiet = (state: QuietState) => {
    const from = latest([dates.enteredStateOn, dates.lastContactOn]) ?? dates.enteredStateOn;
    return [{ kind: 'no_progress' as const, dueOn: after(from, policy.noProgressWorkingDays[state]) }];
  };
  switch (dates.state) {
    case 'awaiting_landlord_approval': {
      const chased = dates.lastLandlordChaseOn !== null && dates.lastLandlordChaseOn >= dates.enteredStateOn;
      const dueOn = chased
        ? after(dates.lastLandlordChaseOn as IsoDate, policy.chaseIntervalWorkingDays)
        : after(dates.enteredStateOn, policy.chaseApprovalAfterWorkingDays);
      return [{ kind: 'chase_approval', dueOn }];
    }
    case 'approved':
      return [{ kind: 'circulate', dueOn: after(dates.enteredStateOn, policy.circulateWithinWorkingDays) }];
    case 'circulated': {
      const recirculate =
        dates.needsRecirculation && dates.recirculationRequestedOn !== null
          ? [{ kind: 'recirculate' as const, dueOn: after(dates.recirculationRequestedOn, policy.circulateWithinWorkingDays) }]
          : [];
      return [...recirculate, ...review];
    }
    case 'offer_declined':
      if (offerCapReached(dates, policy)) return [{ kind: 'close_case', dueOn: after(dates.enteredStateOn, policy.circulateWithinWorkingDays) }];
      // Under the cap the request goes back out; the same promise as the first circulation applies.
      return [{ kind: 'recirculate', dueOn: after(dates.enteredStateOn, policy.circulateWithinWorkingDays) }, ...review];
    case 'referral_received':
    case 'landlord_declined':
    case 'offer_made':
    case 'viewing':
    case 'offer_accepted':
    case 'moved':
    case 'on_hold':
    case 'withdrawn':
      return quiet(dates.state);
    case 'closed':
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
