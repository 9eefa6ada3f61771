import type { IsoDate } from '../contract/calendar-date';
import { formatUkDate } from '../contract/dates';
import { AppFailure } from './errors';

/** The fields of an action that record something that has happened (an offer, a move, a ledger entry). */
const PAST_FIELDS = ['offeredOn', 'decidedOn', 'tenancyStartOn', 'onDate'] as const;

/**
 * One clock: "not in the future" is checked here against the app's today (the same day the deadlines count from),
 * never in the schema, which could only read the machine's clock. A viewing may be booked ahead, so it is not
 * among them.
 */
export function refuseFutureDates(req: object, today: IsoDate): void {
  const fields: Record<string, string> = {};
  for (const field of PAST_FIELDS) {
    const value = (req as Record<string, unknown>)[field];
    if (typeof value === 'string' && value > today) fields[field] = `Enter a date on or before ${formatUkDate(today)}`;
  }
  if (Object.keys(fields).length > 0) {
    throw new AppFailure('VALIDATION', `The date cannot be after today (${formatUkDate(today)}). Nothing was changed.`, { fields });
  }
}
