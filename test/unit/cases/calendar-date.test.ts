import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, isIsoDate, todayIso } from '../../../contract/calendar-date';

describe('calendar dates', () => {
  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-1', '26-01-01', '2026-01-01T00:00', ''])('rejects %j', (v) => {
    expect(isIsoDate(v)).toBe(false);
  });

  it.each(['2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (v) => {
    expect(isIsoDate(v)).toBe(true);
  });

  it('does day arithmetic across months, years and the clocks changing', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-28', '2026-10-26')).toBe(212);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-04-03')).toBe(5); // Good Friday
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('takes today from local calendar fields, not UTC', () => {
    // 00:30 on 1 June in London is still 31 May in UTC; the local day is what a coordinator means by today.
    expect(todayIso(new Date(2026, 5, 1, 0, 30))).toBe('2026-06-01');
  });
});
