import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTable, YearEndReportView } from '../../../contract/reports';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { build } from './scheme';
import { ENQUIRIES, SCHEME } from './scheme-data';

/*
 * The year-end report for 2025/26 over the scheme in scheme-data.ts, every figure worked out by hand below from the
 * case list. Bank holidays inside the waits: 18 and 21 April, 5 and 26 May 2025 (case C), and 25, 26 December 2025
 * and 1 January 2026 (any wait across Christmas loses 3 working days).
 */

let t: TestCore;
let ref: Record<string, string>;

beforeAll(async () => {
  t = createTestCore({ today: () => '2026-06-30' });
  await setUp(t);
  // Brent's opening balance: two homes owed to it from the central pot, agreed in the period.
  ref = await build(t, SCHEME, {
    enquiries: ENQUIRIES,
    ledger: [
      { partner: 'brent', kind: 'opening_balance', direction: 'owed', amount: 2, onDate: '2025-04-07', reason: 'Opening balance agreed by the partners' },
    ],
  });
}, 240_000);
afterAll(() => t.cleanup());

async function report(mode: 'internal' | 'publishable' = 'internal', from = '2025-04-01', to = '2026-03-31'): Promise<YearEndReportView> {
  const res = await t.call('reports.yearEnd', { from, to, mode });
  if (!res.ok) throw new Error(res.error?.message);
  return res.value as YearEndReportView;
}
const table = (r: YearEndReportView, id: string): ReportTable => {
  const found = r.tables.find((x) => x.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const texts = (tb: ReportTable) => Object.fromEntries(tb.rows.map((row) => [row.label, row.cells.map((c) => c.text)]));
const values = (tb: ReportTable, label: string) => tb.rows.find((r) => r.label === label)!.cells.map((c) => c.value);
const refsOf = (tb: ReportTable, label: string, column: number) => tb.rows.find((r) => r.label === label)!.cells[column]!.refs;
const keys = (...k: string[]) => k.map((x) => ref[x]!).sort();

let internal: YearEndReportView;
let publishable: YearEndReportView;
beforeAll(async () => {
  internal = await report('internal');
  publishable = await report('publishable');
}, 60_000);

describe('the year-end report, internal', () => {
  it('names the period, the previous one and the counting rule', () => {
    expect(internal.period).toEqual({ from: '2025-04-01', to: '2026-03-31', label: 'April 2025 to March 2026' });
    expect(internal.previous).toMatchObject({ from: '2024-04-01', to: '2025-03-31' });
    expect(internal.rules[0]).toMatch(/A case counts in the period in which each step happened/);
  });

  it('the funnel: each step counted in the period it happened, with conversion and the previous year', () => {
    /*
     * 2025/26: referrals A1–8, B1–2, H, H2, D1–3, L1–3, W1–3, O1–4, X, Y = 27 (C was received in 2024/25).
     * Enquiries that did not become referrals: 12 May 2025, 7 July 2025, 16 February 2026 = 3, so enquiries are
     * 3 + 27 = 30; 3/30 = 10% never became referrals, 27/30 = 90% did.
     * Approvals A1–8, B1–2, H, H2, D1–3, W1, W3, O3, O4, X = 20 (20/27 = 74%; Y was approved in April 2026);
     * landlord declines L1–3 = 3 (3/27 = 11%). Circulated (first time) A1–8, B1–2, H, H2, D1–3, W3, O3, O4, X and
     * C = 20 (100% of 20). Offers A1–8, H, D1–3, X, C = 14 (70%); accepted A1–8, H, X, C = 11 (79%); moved A1–8,
     * B1–2, H, C = 12 (109%: Housing Moves moves have no offer). Adults 8×1 + B1 1 + B2 2 + H 1 + C 1 = 13;
     * children A 2+0+1+3+0+2+1+0 = 9, B2 1, H 2, C 1 = 13.
     * 2024/25: referrals P1–10, C = 11, enquiries 2 + 11 = 13 (2/13 = 15%, 11/13 = 85%); approvals P1, P2, P3, P6,
     * P7, P8, C = 7 (64%); declined P4, P9 = 2 (18%); circulated P1, P2, P3, P6, P7, P8 = 6 (6/7 = 86%); offers P1,
     * P2, P6, P8 = 4 (67%); accepted P1, P2, P8 = 3 (75%); moved P1–3, P7, P8 = 5 (167%); adults 1+1+1+1+2 = 6,
     * children 2+0+1+1+1 = 5.
     */
    expect(texts(table(internal, 'funnel'))).toEqual({
      Enquiries: ['30', '–', '13', '–', '+17'],
      'Enquiries that did not become referrals': ['3', '10%', '2', '15%', '+1'],
      'Referrals received': ['27', '90%', '11', '85%', '+16'],
      'Approved by the home landlord': ['20', '74%', '7', '64%', '+13'],
      'Declined by the home landlord': ['3', '11%', '2', '18%', '+1'],
      'Circulated to partners': ['20', '100%', '6', '86%', '+14'],
      'Received an offer': ['14', '70%', '4', '67%', '+10'],
      'Accepted an offer': ['11', '79%', '3', '75%', '+8'],
      Moved: ['12', '109%', '5', '167%', '+7'],
      'Adults rehoused': ['13', '–', '6', '–', '+7'],
      'Children rehoused': ['13', '–', '5', '–', '+8'],
    });
    const funnel = table(internal, 'funnel');
    expect(refsOf(funnel, 'Moved', 0)).toEqual(keys('A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'B1', 'B2', 'H', 'C'));
    expect(refsOf(funnel, 'Declined by the home landlord', 0)).toEqual(keys('L1', 'L2', 'L3'));
    expect(refsOf(funnel, 'Referrals received', 2)).toEqual(keys('P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'C'));
    expect(refsOf(funnel, 'Moved', 2)).toEqual(keys('P1', 'P2', 'P3', 'P7', 'P8'));
    // An enquiry that never became a referral has no identity, so no case stands behind its count.
    expect(refsOf(funnel, 'Enquiries that did not become referrals', 0)).toEqual([]);
  });

  it('time in each stage, in calendar and working days, hold taken out, with the share over 30/90/180 days', () => {
    const st = table(internal, 'stage_times');
    /*
     * Referral → approval, 20 waits: 4 weeks A5; 3 weeks A2, A8, D2; 2 weeks the other 16 (H2 among them). Sorted in
     * days: 16×14, 21, 21, 21, 28: PERCENTILE.INC ranks 4.75, 9.5, 14.25 all fall on 14 (10 working). None over 30.
     */
    expect(values(st, 'Referral to approval')).toEqual([20, 14, 14, 14, 10, 10, 10, 0, 0, 0]);
    // Approval → circulation: 1 week for 18 (H2 too), 2 weeks A3, 7 weeks C (49 days, 35 working): one over 30.
    expect(values(st, 'Approval to circulation')).toEqual([20, 7, 7, 7, 5, 5, 5, 1, 0, 0]);
    /*
     * Circulation → first offer, 14: D3 7, D2 14, X 14, A7 21, A8 21, D1 21, A1 28, A2 28, A3 42, A4 42, A6 42,
     * H 42 (10 weeks less 4 on hold), C 56, A5 63. Median rank 6.5 = 28; p25 rank 3.25 = 21; p75 rank 9.75 = 42.
     * Working: 5, 10, 10, 15, 15, 15, 20, 20, 27 (A6, Christmas), 30, 30, 30 (H: 50 less 20 on hold), 36 (C: 40 less
     * 4 bank holidays), 42 (A5, Christmas): median 20, p25 15, p75 30. Over 30 days: A3, A4, A6, H, C, A5 = 6.
     */
    expect(values(st, 'Circulation to first offer')).toEqual([14, 28, 21, 42, 20, 15, 30, 6, 0, 0]);
    // First offer → move, 10: 3 weeks for A1, A2, A3, A5, A7, A8; 4 weeks A6, C; 5 weeks A4, H (35 days, 22 working across
    // Christmas). Sorted 21×6, 28, 28, 35, 35: median and p25 21, p75 rank 6.75 = 28; working 15, 15, 20. Over 30: A4, H.
    expect(values(st, 'First offer to move')).toEqual([10, 21, 21, 28, 15, 15, 20, 2, 0, 0]);
    /*
     * Referral → move, 12: A7 63, A1 70, A8 70, A2 77, B1 77, A3 91, A6 91, A4 98, H 98 (126 less 28 on hold), A5 119,
     * B2 133, C 147. Median rank 5.5 = 91; p25 rank 2.75 = 70 + 0.75×7 = 75.25; p75 rank 8.25 = 98 + 0.25×21 = 103.25.
     * Working: A7 45, A1 50, A8 50, A2 55, B1 55, A6 62, A3 65, A4 67, H 67 (90 − 3 − 20), A5 82, B2 92, C 101:
     * median (62+65)/2 = 63.5, p25 50 + 0.75×5 = 53.75, p75 67 + 0.25×15 = 70.75. Over 90: 91, 91, 98, 98, 119, 133, 147 = 7.
     */
    expect(values(st, 'Referral to move (the whole wait)')).toEqual([12, 91, 75.25, 103.25, 63.5, 53.75, 70.75, 12, 7, 0]);
    expect(refsOf(st, 'Approval to circulation', 7)).toEqual(keys('C'));

    // H's four weeks on hold (6 October to 3 November 2025): 28 days, 20 working, shown apart.
    const hold = table(internal, 'hold_times');
    expect(values(hold, 'Spells on hold that ended in the period')).toEqual([1, 28, 28, 28, 20, 20, 20, 0, 0, 0]);
    expect(refsOf(hold, 'Spells on hold that ended in the period', 0)).toEqual(keys('H'));
    // H2 went on hold on 16 February 2026 and was still on hold on 31 March: 43 days, 31 working (6 weeks and a
    // Tuesday), not counted as waiting. P8's spell in 2024/25 ended before the period and is in neither row.
    expect(values(hold, 'Spells on hold still running at the period’s end')).toEqual([1, 43, 43, 43, 31, 31, 31, 1, 0, 0]);
    expect(refsOf(hold, 'Spells on hold still running at the period’s end', 0)).toEqual(keys('H2'));
  });

  it('breakdowns by referral and by move', () => {
    // A3 and A4 are sexual violence only; the other 25 referrals domestic abuse and stalking. Moves: 12 less A3, A4 = 10.
    expect(texts(table(internal, 'by_risk'))).toEqual({
      'Domestic violence and abuse': ['25', '10'],
      'Sexual violence and exploitation (including prostitution and trafficking)': ['2', '2'],
      Stalking: ['25', '10'],
    });
    // Referred by housing: B1, B2, L1; by the police: O4; the other 23 by a domestic abuse service. Moves by housing: B1, B2.
    expect(texts(table(internal, 'by_agency_kind'))).toEqual({
      'Domestic abuse or VAWG service': ['23', '10'],
      'Housing (council or housing association)': ['3', '2'],
      Police: ['1', '0'],
      Total: ['27', '12'],
    });
    // Home landlord Brent: A8, L3; Hackney the other 25. Lets: Barnet A1–4, A8, H = 6; Brent A5–7, C = 4; none B1, B2.
    expect(texts(table(internal, 'by_partner'))).toEqual({
      'Barnet Homes': ['0', '6'],
      'Brent Council': ['2', '4'],
      'Hackney Council': ['25', '0'],
      'No partner landlord (Housing Moves or other route)': ['0', '2'],
      Total: ['27', '12'],
    });
    expect(texts(table(internal, 'by_route'))).toEqual({ 'Housing Moves pathway': ['2'], 'Reciprocal offer': ['10'], Total: ['12'] });
    expect(refsOf(table(internal, 'by_route'), 'Housing Moves pathway', 0)).toEqual(keys('B1', 'B2'));
    // A5 needs 3 bedrooms and moved into a 3-bedroom home; Housing Moves homes are not recorded.
    expect(texts(table(internal, 'by_bedrooms'))).toEqual({
      '2 bedrooms': ['26', '9'],
      '3 bedrooms': ['1', '1'],
      '(not recorded)': ['0', '2'],
      Total: ['27', '12'],
    });
    // From Brent: A8 (to Barnet). From Hackney: to Barnet A1–4, H; to Brent A5–7, C; Camden B1; Croydon B2.
    expect(texts(table(internal, 'borough_flow'))).toEqual({
      Brent: ['1', '0', '0', '0', '1'],
      Hackney: ['5', '4', '1', '1', '11'],
      Total: ['6', '4', '1', '1', '12'],
    });
    expect(table(internal, 'borough_flow').columns).toEqual(['Barnet', 'Brent', 'Camden', 'Croydon', 'Total']);
    expect(texts(table(internal, 'borough_moves'))).toEqual({
      Barnet: ['0', '6'],
      Brent: ['1', '4'],
      Camden: ['0', '1'],
      Croydon: ['0', '1'],
      Hackney: ['11', '0'],
      Total: ['12', '12'],
    });
  });

  it('outcomes: closure reasons, declines by coded reason, and the cases still open with their age', () => {
    // Closed or withdrawn in 2025/26: 12 moved, D1 offer declined with no further offer (since the intake rules, a
    // case whose applicant declined cannot close as "no offer in time"), L1 and L2 landlord declined, W1–3 withdrawn.
    expect(texts(table(internal, 'closure_reasons'))).toEqual({
      'Landlord declined': ['2'],
      Moved: ['12'],
      'Offer declined, no further offer': ['1'],
      'Withdrawn: no longer needs to move': ['3'],
      Total: ['18'],
    });
    expect(texts(table(internal, 'landlord_declines'))).toEqual({ 'Brent Council': ['1'], 'Hackney Council': ['2'], Total: ['3'] });
    expect(texts(table(internal, 'applicant_declines'))).toEqual({
      'Does not feel safe in the area': ['2'],
      'Too far from family or support': ['1'],
      Total: ['3'],
    });
    /*
     * Open on 31 March 2026: O2 8 days, Y 15, O1 29, X 50, L3 85, O3 120, H2 141 (on hold), D3 148, D2 176, O4 302.
     * Ten: median rank 4.5 = (85+120)/2 = 102.5, p25 rank 2.25 = 29 + 0.25×21 = 34.25, p75 rank 6.75 = 141 + 0.75×7
     * = 146.25; over 30: 7, over 90: 5, over 180: 1.
     */
    expect(texts(table(internal, 'open_by_age'))).toEqual({
      'Up to 30 days': ['3'],
      '31 to 90 days': ['2'],
      '91 to 180 days': ['4'],
      'Over 180 days': ['1'],
      Total: ['10'],
    });
    expect(refsOf(table(internal, 'open_by_age'), 'Over 180 days', 0)).toEqual(keys('O4'));
    expect(refsOf(table(internal, 'open_by_age'), '91 to 180 days', 0)).toEqual(keys('O3', 'H2', 'D3', 'D2'));
    const ages = values(table(internal, 'open_ages'), 'Open cases');
    expect([ages[0], ages[1], ages[2], ages[3], ages[7], ages[8], ages[9]]).toEqual([10, 102.5, 34.25, 146.25, 7, 5, 1]);
  });

  it('equality monitoring: opt-in answers, "prefer not to say" and "not asked" shown, against the funnel and the wait', () => {
    // Care leavers: A1 and A2 said yes (both moved: 70 and 77 days), L1 preferred not to say, 24 were not asked.
    expect(texts(table(internal, 'equality_care_leaver'))).toEqual({
      Yes: ['2', '2'],
      No: ['0', '0'],
      'Prefer not to say': ['1', '0'],
      'Not asked': ['24', '10'],
      Total: ['27', '12'],
    });
    expect(values(table(internal, 'equality_care_leaver_waits'), 'Yes').slice(0, 4)).toEqual([2, 73.5, 71.75, 75.25]);
  });

  it('enquiries that never became referrals, by their coded reason and never their notes', () => {
    // 2025/26: out of London 12 May 2025 and 16 February 2026, landlord not a partner 7 July 2025; 2024/25: not at
    // risk 8 July 2024, information only 10 March 2025. The one on 27 April 2026 is after both periods.
    expect(texts(table(internal, 'enquiry_reasons'))).toEqual({
      'Wants to move out of London': ['2', '0'],
      'Landlord is not a partner of the scheme': ['1', '0'],
      'Not at risk from a form of violence the scheme covers': ['0', '1'],
      'Asked for information only': ['0', '1'],
      Total: ['3', '2'],
    });
    expect(JSON.stringify(internal)).not.toContain('Marker enquiry note');
  });

  it('the ledger: each partner’s position at the start and the end, what changed it, Housing Moves apart', async () => {
    /*
     * Booked before 1 April 2025: P1, P8 Hackney → Barnet, P2 Hackney → Brent (P3, P7 went by Housing Moves, which
     * the default ledger policy does not book): Barnet +2, Brent +1, Hackney −3.
     * 2025/26: Barnet let to A1–4, H (Hackney tenants) and A8 (Brent's) = 6; Brent let to A5–7 and C = 4 and lost A8;
     * Brent's opening balance of 2 owed from the central pot on 7 April 2025. Hackney's tenants moved by reciprocal
     * offer: A1–7, H, C = 9; by Housing Moves B1, B2 = 2, shown apart and booking nothing.
     * End: Barnet 2 + 6 = +8; Brent 1 + 4 − 1 + 2 = +6; Hackney −3 − 9 = −12; partners sum to +2, the pot's −2.
     */
    const l = table(internal, 'ledger');
    expect(l.columns).toEqual([
      'Position at the start',
      'Homes given',
      'Reciprocal moves out',
      'Housing Moves moves out',
      'Adjustments',
      'Change over the period',
      'Position at the end',
    ]);
    expect(texts(l)).toEqual({
      'Barnet Homes': ['+2', '6', '0', '0', '0', '+6', '+8'],
      'Brent Council': ['+1', '4', '1', '0', '+2', '+5', '+6'],
      'Hackney Council': ['−3', '0', '9', '2', '0', '−9', '−12'],
      Total: ['0', '10', '10', '2', '+2', '+2', '+2'],
    });
    expect(l.note).toMatch(/Housing Moves moves out are counted apart: the ledger policy does not book them/);
    expect(l.note).toContain('The partners’ total is balanced by the central pot, the other way round.');
    expect(refsOf(l, 'Barnet Homes', 1)).toEqual(keys('A1', 'A2', 'A3', 'A4', 'A8', 'H'));
    expect(refsOf(l, 'Brent Council', 2)).toEqual(keys('A8'));
    expect(refsOf(l, 'Hackney Council', 2)).toEqual(keys('A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'H', 'C'));
    expect(refsOf(l, 'Hackney Council', 3)).toEqual(keys('B1', 'B2'));
    // The positions are the ledger screen's own, as of each day.
    const asOf = async (day: string) => (await t.call('ledger.table', { asOf: day })).value as { rows: { name: string; balance: number }[] };
    expect((await asOf('2025-03-31')).rows.map((r) => [r.name, r.balance])).toEqual([
      ['Barnet Homes', 2],
      ['Brent Council', 1],
      ['Hackney Council', -3],
    ]);
    expect((await asOf('2026-03-31')).rows.map((r) => r.balance)).toEqual([8, 6, -12]);
  });

  it('any date range, with the same number of days before it to compare with', async () => {
    // January to March 2026: referrals A7, A8, L3, W3, O1, O2, X, Y = 8 of 9 enquiries (one recorded apart on 16
    // February: 89%); the 90 days before run from 3 October to
    // 31 December 2025: A4, A5, A6, B2, D2, D3, L2, W2, O3, H2 = 10.
    const q = await report('internal', '2026-01-01', '2026-03-31');
    expect(q.previous).toMatchObject({ from: '2025-10-03', to: '2025-12-31' });
    expect(texts(table(q, 'funnel'))['Referrals received']).toEqual(['8', '89%', '10', '100%', '−2']);
  });
});

describe('the year-end report, publishable', () => {
  it('hides counts of 1 to 7, rounds the rest to 5, and computes rates from the rounded numbers', () => {
    /*
     * 2025/26: 30 → 30, 3 → *, 27 → 25, 20 → 20, 3 → *, 20 → 20, 14 → 15, 11 → 10, 12 → 10, 13 → 15; rates from the
     * rounded numbers: 25/30 = 83%, 20/25 = 80%, 20/20, 15/20 = 75%, 10/15 = 67%, 10/10.
     * 2024/25: 13 → 15, 11 → 10 (10/15 = 67%), every other count 2 to 7 → *; the change only where both show.
     */
    expect(texts(table(publishable, 'funnel'))).toEqual({
      Enquiries: ['30', '–', '15', '–', '+15'],
      'Enquiries that did not become referrals': ['*', '*', '*', '*', '*'],
      'Referrals received': ['25', '83%', '10', '67%', '+15'],
      'Approved by the home landlord': ['20', '80%', '*', '*', '*'],
      'Declined by the home landlord': ['*', '*', '*', '*', '*'],
      'Circulated to partners': ['20', '100%', '*', '*', '*'],
      'Received an offer': ['15', '75%', '*', '*', '*'],
      'Accepted an offer': ['10', '67%', '*', '*', '*'],
      Moved: ['10', '100%', '*', '*', '*'],
      'Adults rehoused': ['15', '–', '*', '–', '*'],
      'Children rehoused': ['15', '–', '*', '–', '*'],
    });
    expect(publishable.rules.join(' ')).toMatch(/counts from 1 to 7 are shown as \*/);
  });

  it('hides the percentiles of a group of 7 or fewer, and small "over" counts', () => {
    expect(texts(table(publishable, 'hold_times'))['Spells on hold that ended in the period']).toEqual(['*', '*', '*', '*', '*', '*', '*', '0', '0', '0']);
    expect(texts(table(publishable, 'stage_times'))['Approval to circulation']).toEqual(['20', '7', '7', '7', '5', '5', '5', '*', '0', '0']);
  });

  it('the flow matrix gets secondary suppression: the Hackney total would give away Brent’s one move', () => {
    // Every inner cell is 1 to 7. The total column is [Brent 1 (hidden), Hackney 11, grand 12]: with one hidden member,
    // 12 − 11 would give Brent's 1 away, so Hackney's 11 is hidden too. Only the grand total, rounded, is left.
    expect(texts(table(publishable, 'borough_flow'))).toEqual({
      Brent: ['*', '0', '0', '0', '*'],
      Hackney: ['*', '*', '*', '*', '*'],
      Total: ['*', '*', '*', '*', '10'],
    });
  });

  it('the ledger part: small positions and moves hidden, and the sums that would give them away', () => {
    /*
     * Hidden as 1 to 7 in size: Barnet's +2, 6, +6; all of Brent's; Hackney's −3 and 2; the totals 2, +2, +2, +2.
     * Hackney's row then has −3 hidden beside −9 and −12 (start + change = end), so −9 is hidden too; and with −9
     * hidden, 0 − 9 + 0 = −9 would give away its 9 moves out, so those are hidden. No other line is left with one.
     * Shown, rounded to 5: Barnet +8 → +10, Hackney −12 → −10, the totals 10 and 10.
     */
    // The note holds no figure of its own: only the cells are protected.
    expect(table(publishable, 'ledger').note.replace(/\d\d\/\d\d\/\d{4}/g, 'a date')).not.toMatch(/\d/);
    expect(texts(table(publishable, 'ledger'))).toEqual({
      'Barnet Homes': ['*', '*', '0', '0', '0', '*', '+10'],
      'Brent Council': ['*', '*', '*', '0', '*', '*', '*'],
      'Hackney Council': ['*', '0', '*', '*', '0', '*', '−10'],
      Total: ['0', '10', '10', '*', '*', '*', '*'],
    });
  });

  it('the enquiries: small counts hidden, and the totals that would give them away', () => {
    // 2, 1 and 2 totalling 3 and 2: every figure is 1 to 7.
    expect(texts(table(publishable, 'enquiry_reasons'))).toEqual({
      'Wants to move out of London': ['*', '0'],
      'Landlord is not a partner of the scheme': ['*', '0'],
      'Not at risk from a form of violence the scheme covers': ['0', '*'],
      'Asked for information only': ['0', '*'],
      Total: ['*', '*'],
    });
  });

  it('carries no case reference anywhere', () => {
    const json = JSON.stringify(publishable);
    expect(json).not.toMatch(/PLHR-/);
    expect(json).not.toContain('"refs"');
  });
});

describe('the publishing policy', () => {
  it('is a policy setting, changed with an audit entry, and used by the next report', async () => {
    expect((await t.call('reports.getPolicy')).value).toEqual({ threshold: 7, roundingBase: 5 });
    const bad = await t.call('reports.updatePolicy', { threshold: 0, roundingBase: 5 });
    expect(bad.ok).toBe(false);
    expect(bad.error?.fields).toHaveProperty('threshold');
    expect((await t.call('reports.updatePolicy', { threshold: 2, roundingBase: 1 })).ok).toBe(true);
    const audit = t.core.services.db().prepare("SELECT summary FROM audit_log WHERE action = 'settings.report_policy_updated'", { pluck: true }).all();
    expect(audit).toEqual(['Publishing policy changed']);
    const r = await report('publishable');
    // Threshold 2, no rounding: 3 landlord declines now show; the one on-hold spell is still hidden.
    expect(texts(table(r, 'funnel'))['Declined by the home landlord']![0]).toBe('3');
    expect(texts(table(r, 'hold_times'))['Spells on hold that ended in the period']![0]).toBe('*');
    await t.call('reports.updatePolicy', { threshold: 7, roundingBase: 5 });
  });
});

// Each report is worked out in a job worker: on a shared, busy machine one can take longer than the default limit.
describe('operational reports', { timeout: 120_000 }, () => {
  const operational = async (payload: object) => {
    const res = await t.call('reports.operational', payload);
    if (!res.ok) throw new Error(res.error?.message);
    return res.value as YearEndReportView;
  };

  it('activity this month by default, and in any period', async () => {
    // Today is 30 June 2026: this month runs from 1 June, and nothing happened in it.
    const june = await operational({});
    expect(june.period).toMatchObject({ from: '2026-06-01', to: '2026-06-30' });
    expect(texts(table(june, 'activity')).Moved![0]).toBe('0');
    // April 2026: X moved on the 20th.
    const april = await operational({ from: '2026-04-01', to: '2026-04-30' });
    expect(texts(table(april, 'activity')).Moved![0]).toBe('1');
    expect(refsOf(table(april, 'activity'), 'Moved', 0)).toEqual(keys('X'));
  });

  it('overdue items per deadline, and how late', async () => {
    /*
     * On 30 June 2026, in working days (the intake rules, issue 7), with the offer cap of 1:
     * D2 and D3 declined their only offer on 24 November and 8 December 2025, so they are due to close as "offer
     * declined, no further offer" within 5 working days (1 and 15 December: 211 and 197 days late, median 204); none
     * is due to re-circulate. O3 and O4 were circulated on 22 December and 23 June 2025 and are 65 working days past
     * without an offer from 26 March 2026 and 23 September 2025 (96 and 280 days late, median 188). No case goes
     * quiet: O1 and O2 (received 2 and 23 March 2026, 5 working days: 113 and 92 days late), L3 (landlord declined
     * 19 January 2026, 10 working days: 148), and the withdrawn P5, W1, W2, W3 still to be closed (18 November 2024,
     * 13 October and 24 November 2025, 16 March 2026, 5 working days: 582, 253, 211, 99): 7, median 148.
     */
    const r = await operational({ from: '2025-04-01', to: '2026-03-31' });
    expect(texts(table(r, 'overdue'))).toEqual({
      "Chase the landlord's approval": ['0'],
      'Circulate the request': ['0'],
      'Re-circulate the request': ['0'],
      'Review: no offer yet': ['2'],
      'No progress: check on the case': ['7'],
      'Close the case: offer declined, no further offer': ['2'],
      Total: ['11'],
    });
    expect(refsOf(table(r, 'overdue'), 'Close the case: offer declined, no further offer', 0)).toEqual(keys('D2', 'D3'));
    expect(refsOf(table(r, 'overdue'), 'No progress: check on the case', 0)).toEqual(keys('P5', 'L3', 'W1', 'W2', 'W3', 'O1', 'O2'));
    expect(values(table(r, 'overdue_days'), 'Close the case: offer declined, no further offer').slice(0, 2)).toEqual([2, 204]);
    expect(values(table(r, 'overdue_days'), 'Review: no offer yet').slice(0, 2)).toEqual([2, 188]);
    expect(values(table(r, 'overdue_days'), 'No progress: check on the case').slice(0, 2)).toEqual([7, 148]);
  });

  it('partner activity: requests received, offers made, moves in and out', async () => {
    /*
     * 2025/26 offers from Barnet: A1–4, A8, H, D1, D2 = 8; from Brent: A5–7, D3, X, C = 6. Moves into Barnet homes 6,
     * Brent 4; out of Hackney tenancies 11, Brent 1 (A8). Requests received: each case is circulated with its pack
     * (issue 9), and every case asks for Barnet, so Barnet received all 20 circulations of the year (the funnel's
     * 20); Brent's own tenant does not ask for Brent, so Brent received 19; Hackney holds stock only in Hackney, which nobody asks for.
     */
    const r = await operational({ from: '2025-04-01', to: '2026-03-31' });
    expect(texts(table(r, 'partner_activity'))).toEqual({
      'Barnet Homes': ['20', '8', '6', '0'],
      'Brent Council': ['19', '6', '4', '1'],
      'Hackney Council': ['0', '0', '0', '11'],
      Total: ['39', '14', '10', '12'],
    });
  });
});

describe('publishable files: the marker test', () => {
  /** Everything personal the scheme recorded: names, references, dates of birth, postcodes, addresses, free text. */
  function markers(): string[] {
    const db = t.core.services.db();
    const people = db
      .prepare('SELECT reference, applicant_name, applicant_dob, address_postcode, address_line1, risk_summary, marac_reference FROM cases')
      .all<Record<string, string>>();
    const free = db.prepare("SELECT text FROM case_events WHERE text <> '' UNION SELECT notes FROM enquiries WHERE notes <> ''", { pluck: true }).all<string>();
    const offers = db
      .prepare("SELECT outcome_text FROM offers WHERE outcome_text <> '' UNION SELECT address_postcode FROM offers WHERE address_postcode IS NOT NULL", {
        pluck: true,
      })
      .all<string>();
    const out = new Set<string>(['Marker', 'PLHR-', 'Priya Shah']);
    for (const p of people) {
      for (const v of Object.values(p)) out.add(v);
      const [y, m, d] = p.applicant_dob!.split('-');
      out.add(`${d}/${m}/${y}`);
    }
    for (const v of [...free, ...offers]) out.add(v);
    return [...out].filter((m) => m.length >= 4);
  }

  async function exported(format: 'pdf' | 'csv', mode: 'publishable' | 'internal' = 'publishable'): Promise<Buffer> {
    const file = path.join(t.dataDir, `report-${mode}.${format}`);
    t.dialogs.save.push(file);
    const res = await t.call('reports.export', { report: 'year_end', format, from: '2025-04-01', to: '2026-03-31', mode });
    expect(res.ok, res.error?.message).toBe(true);
    return fs.readFileSync(file);
  }

  it('the publishable PDF, as text and as raw bytes, holds no personal data, and is recorded in the exports list', async () => {
    const bytes = await exported('pdf');
    const file = path.join(t.dataDir, 'report-publishable.pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // The report is there: the funnel and its rounded numbers.
    expect(text).toMatch(/Referrals received\s+25/);
    expect(text).toContain('Moves between boroughs');
    // The flow between boroughs and the ledger are drawn as charts too: one bar per pair of boroughs, and the
    // partners owed and owing homes (Brent's position is hidden, so it is in neither ledger chart).
    expect(text).toContain('Hackney to Barnet');
    expect(text).toContain('Hackney to Camden');
    // The raw bytes, and again with every stream decompressed (qpdf), so that compression cannot hide a marker.
    const plain = path.join(t.dataDir, 'report-publishable.qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, plain]);
    const raw = bytes.toString('latin1') + fs.readFileSync(plain).toString('latin1');
    expect(markers().length).toBeGreaterThan(100);
    for (const m of markers()) {
      expect(text, `pdftotext holds ${m}`).not.toContain(m);
      expect(raw, `the bytes hold ${m}`).not.toContain(m);
    }
    // Tagged, with the charts as figures.
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Figure');
    // Alternative texts are written as UTF-16 hex strings (<feff…>) or, when plain ASCII, as literal strings.
    const alts = [...raw.matchAll(/\/Alt\s*(?:<feff([0-9a-f]*)>|\(([^)]*)\))/gi)].map((m) =>
      m[1] === undefined ? m[2]! : Buffer.from(m[1], 'hex').swap16().toString('utf16le'),
    );
    expect(alts.some((a) => a.startsWith('Bar chart of moves between boroughs'))).toBe(true);
    expect(alts.some((a) => a.startsWith('Bar chart of the homes owed to each partner') && a.includes('Barnet Homes +10'))).toBe(true);
    expect(
      alts.some((a) => a.startsWith('Bar chart of the homes each partner owes') && a.includes('Hidden as small numbers, so in neither chart: Brent Council')),
    ).toBe(true);
    const row = t.core.services.db().prepare("SELECT kind, file_name, holds_identity, bytes FROM exports WHERE file_name = 'report-publishable.pdf'").get();
    expect(row).toEqual({ kind: 'report', file_name: 'report-publishable.pdf', holds_identity: 0, bytes: bytes.length });
    // Each export works the report out again in a job worker: on a shared machine that can take a while.
  }, 120_000);

  it('the publishable CSV holds every table and no personal data', async () => {
    const bytes = await exported('csv');
    const text = bytes.toString('utf8');
    for (const title of internal.tables.map((x) => x.title)) expect(text).toContain(title);
    expect(text).toContain("Referrals received,25,83%,10,67%,'+15");
    expect(text).toContain('Hackney Council,*,0,*,*,0,*,−10');
    for (const m of markers()) expect(text, `the CSV holds ${m}`).not.toContain(m);
    // Each export works the report out again in a job worker: on a shared machine that can take a while.
  }, 120_000);

  it('a cancelled save writes nothing and records nothing', async () => {
    const before = t.core.services.db().prepare('SELECT count(*) FROM exports', { pluck: true }).get();
    t.dialogs.save.push(null);
    const res = await t.call('reports.export', { report: 'year_end', format: 'csv', from: '2025-04-01', to: '2026-03-31', mode: 'publishable' });
    expect(res.value).toEqual({ cancelled: true });
    expect(t.core.services.db().prepare('SELECT count(*) FROM exports', { pluck: true }).get()).toBe(before);
  });
});
