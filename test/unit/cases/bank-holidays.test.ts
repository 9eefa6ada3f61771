import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, isoFromParts, isWeekend, type IsoDate } from '../../../contract/calendar-date';
import { DEFAULT_BANK_HOLIDAYS } from '../../../main/cases/bank-holidays';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoFromParts({ year, month, day });
}

function firstMonday(year: number, month: number): IsoDate {
  let date = isoFromParts({ year, month, day: 1 });
  while (dayOfWeek(date) !== 1) date = addDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): IsoDate {
  let date = addDays(isoFromParts({ year, month: month + 1, day: 1 }), -1);
  while (dayOfWeek(date) !== 1) date = addDays(date, -1);
  return date;
}

/** The usual rules for England and Wales, independent of the shipped list. */
function expectedHolidays(year: number): IsoDate[] {
  const taken = new Set<IsoDate>();
  const substitute = (date: IsoDate): IsoDate => {
    let d = date;
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    return d;
  };
  const easter = easterSunday(year);
  const newYear = substitute(isoFromParts({ year, month: 1, day: 1 }));
  const fixed = [addDays(easter, -2), addDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8)];
  fixed.forEach((d) => taken.add(d));
  const christmas = substitute(isoFromParts({ year, month: 12, day: 25 }));
  const boxing = substitute(isoFromParts({ year, month: 12, day: 26 }));
  return [newYear, ...fixed, christmas, boxing].sort();
}

describe('default bank holidays', () => {
  it.each([2025, 2026, 2027, 2028, 2029, 2030])('%i follows the rules', (year) => {
    expect(DEFAULT_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`))).toEqual(expectedHolidays(year));
  });

  it('matches the published dates for Easter', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('has the substitute days', () => {
    expect(DEFAULT_BANK_HOLIDAYS).toContain('2026-12-28'); // Boxing Day 2026 is a Saturday
    expect(DEFAULT_BANK_HOLIDAYS).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28'])); // Sat 25th, Sun 26th
    expect(DEFAULT_BANK_HOLIDAYS).toContain('2028-01-03'); // New Year's Day 2028 is a Saturday
  });

  it('lists only weekdays, each once, in order', () => {
    expect(DEFAULT_BANK_HOLIDAYS.filter(isWeekend)).toEqual([]);
    expect(new Set(DEFAULT_BANK_HOLIDAYS).size).toBe(DEFAULT_BANK_HOLIDAYS.length);
    expect([...DEFAULT_BANK_HOLIDAYS].sort()).toEqual(DEFAULT_BANK_HOLIDAYS);
    expect(DEFAULT_BANK_HOLIDAYS).toHaveLength(48);
  });
});
