import { describe, expect, it } from 'vitest';
import type { CountsModel, HeadlineModel, WaitsModel } from '../../../main/reports/model';
import { publishTable } from '../../../main/reports/publish';
import type { Tally } from '../../../main/reports/tally';

/* Publishing the internal tables: what a reader of a published report sees, cell by cell. */

const policy = { threshold: 7, roundingBase: 5 };
const pub = { mode: 'publishable' as const, policy };
const internal = { mode: 'internal' as const, policy };
const n = (count: number, prefix = 'R'): Tally => ({ count, refs: Array.from({ length: count }, (_, i) => `${prefix}-${i}`) });
const texts = (rows: { label: string; cells: { text: string }[] }[]) => Object.fromEntries(rows.map((r) => [r.label, r.cells.map((c) => c.text)]));

describe('publishing a cross-tabulation', () => {
  // Without secondary suppression, A's hidden 3 would be 23 − 20 and column X's would be 23 − 20 too.
  const flow: CountsModel = {
    kind: 'counts',
    id: 'flow',
    title: 'Flow',
    note: '',
    rowLabels: ['A', 'B'],
    columnLabels: ['X', 'Y'],
    cells: [
      [n(3), n(20)],
      [n(20), n(40)],
    ],
    totals: 'cross',
  };

  it('hides a second cell in each line that would give a small one away, and the totals that would', () => {
    const t = publishTable(flow, pub);
    /*
     * Primary: A/X (3). Row A has one hidden member, so its smallest other cell A/Y (20) is hidden; column X likewise
     * hides B/X (20). Row B and column Y then each have one hidden member (B/X, A/Y), so B/Y (40) is hidden too. All
     * totals stay: A 23, B 60, X 23, Y 60 and 83 round to 25, 60, 25, 60, 85, and no hidden cell can be worked out
     * from them (two unknowns in every line).
     */
    expect(texts(t.rows)).toEqual({ A: ['*', '*', '25'], B: ['*', '*', '60'], Total: ['25', '60', '85'] });
    expect(JSON.stringify(t)).not.toContain('refs');
  });

  it('internal: exact, with the cases behind every cell and total', () => {
    const t = publishTable(flow, internal);
    expect(texts(t.rows)).toEqual({ A: ['3', '20', '23'], B: ['20', '40', '60'], Total: ['23', '60', '83'] });
    expect(t.rows[0]!.cells[0]!.refs).toHaveLength(3);
  });
});

describe('publishing one-way breakdowns side by side', () => {
  it('protects each column with its own total: one small row would otherwise be the total less the rest', () => {
    const m: CountsModel = {
      kind: 'counts',
      id: 'by',
      title: 'By',
      note: '',
      rowLabels: ['P', 'Q', 'R'],
      columnLabels: ['Referrals', 'Moves'],
      cells: [
        [n(30), n(12)],
        [n(4), n(0)],
        [n(26), n(9)],
      ],
      totals: 'columns',
    };
    // Referrals: Q (4) hidden, so the next smallest, R (26), is hidden too; total 60. Moves: 0 stays 0, nothing small.
    expect(texts(publishTable(m, pub).rows)).toEqual({ P: ['30', '10'], Q: ['*', '0'], R: ['*', '10'], Total: ['60', '20'] });
  });
});

describe('publishing headlines', () => {
  it('rates come from the rounded numbers, and a hidden step hides its rate and its change', () => {
    const m: HeadlineModel = {
      kind: 'headlines',
      id: 'h',
      title: 'H',
      note: '',
      rows: [
        { id: 'a', label: 'Referrals', current: n(33), previous: n(6), rateOf: null },
        { id: 'b', label: 'Approved', current: n(22), previous: n(12), rateOf: 'a' },
      ],
    };
    // 33 → 35, 22 → 20: 20/35 = 57% (the exact 22/33 would be 67%). Previous referrals 6 are hidden.
    expect(texts(publishTable(m, pub).rows)).toEqual({ Referrals: ['35', '–', '*', '–', '*'], Approved: ['20', '57%', '10', '*', '+10'] });
    expect(texts(publishTable(m, internal).rows)).toEqual({ Referrals: ['33', '–', '6', '–', '+27'], Approved: ['22', '67%', '12', '200%', '+10'] });
  });
});

describe('publishing waits', () => {
  it('percentiles of a group of 7 or fewer are hidden; a group of 8 shows them', () => {
    const m: WaitsModel = {
      kind: 'waits',
      id: 'w',
      title: 'W',
      note: '',
      rows: [
        { label: 'Seven', calendar: [1, 2, 3, 4, 5, 6, 7], working: [1, 2, 3, 4, 5, 6, 7], refs: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
        { label: 'Eight', calendar: [10, 20, 30, 40, 50, 60, 70, 200], working: [1, 2, 3, 4, 5, 6, 7, 8], refs: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
      ],
    };
    const t = texts(publishTable(m, pub).rows);
    expect(t.Seven).toEqual(['*', '*', '*', '*', '*', '*', '*', '0', '0', '0']);
    // 8 → 10; median (40+50)/2 = 45, p25 rank 1.75 = 20 + 0.75×10 = 27.5, p75 rank 5.25 = 60 + 0.25×10 = 62.5;
    // over 30: 5 (hidden), over 90: 1 (hidden), over 180: 1 (hidden).
    expect(t.Eight).toEqual(['10', '45', '27.5', '62.5', '4.5', '2.8', '6.3', '*', '*', '*']);
  });
});
