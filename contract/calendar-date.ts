/**
 * Calendar dates as ISO `yyyy-mm-dd` strings, with arithmetic on whole days.
 *
 * Why not `Date`: a `Date` is an instant, and `new Date('2026-03-29')` plus local-time arithmetic drifts by an hour
 * (or a day) across the clocks changing. Deadlines here are calendar facts ("7 days after approval"), so every
 * calculation goes through a day number (days since 1970-01-01, computed with `Date.UTC`, which has no time zone).
 * Shared by main and the renderer, so no node imports. Display (dd/mm/yyyy) lives in `dates.ts`.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The parts of a real calendar date, or null for anything else (including 2026-02-29 and 2026-13-01). */
export function parseIsoDate(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls 31 April over to 1 May: a round trip catches every impossible day, leap years included.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

function requireParts(value: IsoDate): DateParts {
  const parts = parseIsoDate(value);
  if (!parts) throw new Error(`Not a calendar date: ${value}`);
  return parts;
}

/** Days since 1970-01-01. */
export function toDayNumber(value: IsoDate): number {
  const { year, month, day } = requireParts(value);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return isoFromParts({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function isoFromParts({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(value) + days);
}

/** `to - from` in whole days: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export function dayOfWeek(value: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(value) + 4) % 7) + 7) % 7;
}

export function isWeekend(value: IsoDate): boolean {
  const dow = dayOfWeek(value);
  return dow === 0 || dow === 6;
}

/** The coordinator's own calendar day: their laptop's local date, which for this scheme is London's. */
export function todayIso(now: Date = new Date()): IsoDate {
  return isoFromParts({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
