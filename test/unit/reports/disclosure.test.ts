import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_DISCLOSURE,
  exactTable,
  formatPublished,
  percentilesVisible,
  protectLines,
  protectTable,
  publishCount,
  publishRate,
  type ProtectedTable,
  type Published,
} from '../../../main/reports/disclosure';

const policy = DEFAULT_DISCLOSURE;
const shown = (p: Published) => formatPublished(p);

describe('one count', () => {
  it('hides 1 to 7, shows 0, and rounds the rest to the nearest 5', () => {
    expect([0, 1, 7, 8, 12, 13, 277, 622].map((n) => shown(publishCount(n, policy)))).toEqual(['0', '*', '*', '10', '10', '15', '275', '620']);
  });

  it('follows the policy: a threshold of 10 and a base of 10', () => {
    const p = { threshold: 10, roundingBase: 10 };
    expect([9, 10, 11, 14, 15].map((n) => shown(publishCount(n, p)))).toEqual(['*', '*', '10', '10', '20']);
  });

  it('refuses a count that is not a whole number of 0 or more', () => {
    expect(() => publishCount(-1, policy)).toThrow(/whole number/);
    expect(() => publishCount(2.5, policy)).toThrow(/whole number/);
  });
});

describe('rates from rounded numbers', () => {
  it('divides the rounded figures, not the exact ones', () => {
    // Exact: 13 / 52 = 25%. Rounded: 15 / 50 = 30%, so the rate does not give back 13.
    const rate = publishRate(publishCount(13, policy), publishCount(52, policy));
    expect(rate).toEqual({ hidden: false, value: 0.3 });
  });

  it('is hidden when either side is hidden, and absent for a denominator of 0', () => {
    expect(publishRate(publishCount(3, policy), publishCount(40, policy))).toEqual({ hidden: true, why: 'small' });
    expect(publishRate(publishCount(0, policy), publishCount(0, policy))).toBeNull();
  });
});

/** Whether some hidden inner cell can be worked out exactly from its line's published total and other members. */
function recoverable(t: ProtectedTable): boolean {
  const rows = t.cells.length;
  const cols = rows ? t.cells[0]!.length : 0;
  const at = (r: number, c: number): Published =>
    r === rows ? (c === cols ? t.grandTotal : t.columnTotals[c]!) : c === cols ? t.rowTotals[r]! : t.cells[r]![c]!;
  for (let r = 0; r <= rows; r++) {
    const line = Array.from({ length: cols + 1 }, (_, c) => at(r, c));
    if (line.filter((p) => p.hidden).length === 1) return true;
  }
  for (let c = 0; c <= cols; c++) {
    const line = Array.from({ length: rows + 1 }, (_, r) => at(r, c));
    if (line.filter((p) => p.hidden).length === 1) return true;
  }
  return false;
}

describe('cross-tabulations', () => {
  it('hides a second cell where one small cell could be recovered from its row and column totals', () => {
    // From-borough × to-borough. Without secondary suppression, the 3 in row 0 is its row total (25) less 22.
    const counts = [
      [3, 22, 40],
      [30, 12, 18],
      [25, 35, 50],
    ];
    const t = protectTable(counts, policy);
    expect(t.cells[0]![0]).toEqual({ hidden: true, why: 'small' });
    // Row 0's smallest other non-zero cell (22) and column 0's (25) are hidden as well...
    expect(t.secondary).toContainEqual([0, 1]);
    expect(t.secondary).toContainEqual([2, 0]);
    // ...which leaves rows 0 and 2 and columns 0 and 1 each with one hidden cell, so suppression goes on until no
    // line has exactly one.
    expect(recoverable(t)).toBe(false);
    // The totals themselves are large and stay visible, rounded.
    expect(t.grandTotal).toEqual({ hidden: false, value: 235 });
  });

  it('hides nothing more when two small cells already share every line', () => {
    const counts = [
      [2, 20],
      [30, 5],
      [40, 40],
    ];
    const t = protectTable(counts, policy);
    // Rows 0 and 1 have one small cell each: a second cell must go in each of them.
    expect(recoverable(t)).toBe(false);
    expect(t.cells.flat().filter((p) => p.hidden).length).toBeGreaterThanOrEqual(4);
  });

  it('never leaves a hidden cell recoverable by one subtraction, on random tables', () => {
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((cols) => fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(table, (counts) => {
        const t = protectTable(counts, policy);
        expect(recoverable(t)).toBe(false);
        // Every small inner count is hidden.
        counts.forEach((row, r) => row.forEach((n, c) => n >= 1 && n <= 7 && expect(t.cells[r]![c]!.hidden).toBe(true)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps exact figures for internal reports', () => {
    const t = exactTable([
      [3, 22],
      [1, 0],
    ]);
    expect(t.cells.flat().map(shown)).toEqual(['3', '22', '1', '0']);
    expect(t.rowTotals.map(shown)).toEqual(['25', '1']);
    expect(t.columnTotals.map(shown)).toEqual(['4', '22']);
    expect(shown(t.grandTotal)).toBe('26');
  });
});

describe('percentiles of small groups', () => {
  it('are shown only for a group whose own count would be shown', () => {
    expect(percentilesVisible(7, policy)).toBe(false);
    expect(percentilesVisible(8, policy)).toBe(true);
    expect(percentilesVisible(0, policy)).toBe(false);
  });
});

describe('figures tied by sums (the ledger part)', () => {
  const texts = (ps: Published[]) => ps.map((p) => formatPublished(p));

  it('judges a signed figure by its size and keeps its sign when rounded', () => {
    expect(texts(protectLines([-3, 12, -12, 0, 23], [], policy))).toEqual(['*', '10', '-10', '0', '25']);
  });

  it('hides a second figure where start + change = end would give a hidden one away', () => {
    // Start 20, change −3 (small), end 17: with the change alone hidden, 20 − 17 gives it back; so 17 is hidden too.
    expect(texts(protectLines([20, -3, 17], [[0, 1, 2]], policy))).toEqual(['20', '*', '*']);
  });

  it('keeps going until no line has exactly one hidden figure, across lines that share figures', () => {
    // Two rows [a, b, total] sharing a column of totals: hiding row 1's 4 forces its 30 (smallest left), which
    // leaves column 1 with one hidden figure, so row 2's 40 goes too, and then row 2's line needs a second.
    const values = [4, 30, 34, 50, 40, 90, 54, 70, 124];
    const lines = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [0, 3, 6],
      [1, 4, 7],
      [2, 5, 8],
    ];
    const out = protectLines(values, lines, policy, new Set([6, 7, 8]));
    for (const line of lines) expect(line.filter((i) => out[i]!.hidden).length).not.toBe(1);
    expect(out[0]).toEqual({ hidden: true, why: 'small' });
    expect(out[8]).toEqual({ hidden: false, value: 125 });
  });

  it('never leaves a line with exactly one hidden figure, whatever the figures (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 3, maxLength: 3 }), ([start, given, taken]) => {
        const change = given! - taken!;
        const values = [start!, given!, taken!, change, start! + change];
        const lines = [
          [0, 3, 4],
          [1, 2, 3],
        ];
        const out = protectLines(values, lines, policy);
        for (const line of lines) {
          const hidden = line.filter((i) => out[i]!.hidden).length;
          // One hidden figure is left only where every other figure in its line is 0, and so gives nothing away.
          if (hidden === 1) expect(line.filter((i) => !out[i]!.hidden).every((i) => values[i] === 0)).toBe(true);
        }
      }),
    );
  });
});
