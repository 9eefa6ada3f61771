import { addDays, daysBetween, parseIsoDate, type IsoDate } from '../../contract/calendar-date';
import { financialYearLabel, financialYearOf as startYearOf, formatUkDate } from '../../contract/dates';

/** A report's period: both ends inclusive, as calendar dates. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
  label: string;
}

/**
 * The UK financial year (1 April to 31 March) that contains `date`. Funders and partners report on it, and the
 * Year One, Year Two and Three Years On reports were each one or more of them.
 */
export function financialYearOf(date: IsoDate): Period {
  if (!parseIsoDate(date)) throw new Error(`Not a calendar date: ${date}`);
  return financialYear(startYearOf(date));
}

/** The financial year that starts on 1 April of `startYear`. */
export function financialYear(startYear: number): Period {
  return { from: `${startYear}-04-01`, to: `${startYear + 1}-03-31`, label: financialYearLabel(startYear) };
}

/**
 * The period to compare with: the previous financial year for a financial year, otherwise the same number of days
 * immediately before.
 */
export function previousPeriod(period: Period): Period {
  const from = parseIsoDate(period.from);
  if (from && from.month === 4 && from.day === 1 && period.to === `${from.year + 1}-03-31`) return financialYear(from.year - 1);
  const length = daysBetween(period.from, period.to) + 1;
  const to = addDays(period.from, -1);
  const start = addDays(to, -(length - 1));
  return { from: start, to, label: `${formatUkDate(start)} to ${formatUkDate(to)}` };
}

export function inPeriod(date: IsoDate | null | undefined, period: Period): boolean {
  return !!date && date >= period.from && date <= period.to;
}
