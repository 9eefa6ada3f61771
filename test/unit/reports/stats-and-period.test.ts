import { describe, expect, it } from 'vitest';
import { countOver, percentile, spread } from '../../../main/reports/stats';
import { financialYear, financialYearOf, inPeriod, previousPeriod } from '../../../main/reports/period';

describe('percentiles as PERCENTILE.INC', () => {
  it('matches a spreadsheet on a small set', () => {
    // Excel: =PERCENTILE.INC({3,7,8,15,30},0.25) is 7; the median 8; 0.75 is 15; 0.1 is 4.6.
    const days = [30, 3, 15, 8, 7];
    expect(percentile(days, 0.25)).toBe(7);
    expect(percentile(days, 0.5)).toBe(8);
    expect(percentile(days, 0.75)).toBe(15);
    expect(percentile(days, 0.1)).toBeCloseTo(4.6, 10);
  });

  it('interpolates an even count, and has no value for none', () => {
    expect(spread([10, 20, 30, 40])).toEqual({ count: 4, p25: 17.5, median: 25, p75: 32.5 });
    expect(spread([])).toEqual({ count: 0, p25: null, median: null, p75: null });
  });

  it('counts strictly over each limit', () => {
    expect(countOver([30, 31, 90, 91, 200], [30, 90, 180])).toEqual([
      { over: 30, count: 4 },
      { over: 90, count: 2 },
      { over: 180, count: 1 },
    ]);
  });
});

describe('financial years', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearOf('2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31', label: 'April 2025 to March 2026' });
    expect(financialYearOf('2026-04-01').from).toBe('2026-04-01');
    expect(() => financialYearOf('2026-02-30')).toThrow(/calendar date/);
  });

  it('compares a financial year with the one before, and any other range with the days just before it', () => {
    expect(previousPeriod(financialYear(2026))).toEqual(financialYear(2025));
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30', label: 'November' })).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
      label: '02/10/2026 to 31/10/2026',
    });
  });

  it('includes both ends', () => {
    const fy = financialYear(2026);
    expect([inPeriod('2026-04-01', fy), inPeriod('2027-03-31', fy), inPeriod('2027-04-01', fy), inPeriod(null, fy)]).toEqual([true, true, false, false]);
  });
});
