import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, isWeekend, toDayNumber } from '../../../contract/calendar-date';
import {
  addWorkingDays,
  deadlinesFor,
  DEFAULT_DEADLINE_POLICY,
  describeDue,
  dueDates,
  nextDeadline,
  workingDaysBetween,
  type CaseDates,
} from '../../../main/cases/deadlines';
import { DEFAULT_BANK_HOLIDAYS } from '../../../main/cases/bank-holidays';
import { CASE_STATES } from '../../../contract/cases';

const H = DEFAULT_BANK_HOLIDAYS;
const policy = DEFAULT_DEADLINE_POLICY;

const dates = (over: Partial<CaseDates>): CaseDates => ({
  state: 'referral_received',
  enteredStateOn: '2026-03-02',
  circulatedOn: null,
  lastOfferOn: null,
  lastReviewedOn: null,
  needsRecirculation: false,
  recirculationRequestedOn: null,
  lastLandlordChaseOn: null,
  lastContactOn: null,
  offersMade: 0,
  ...over,
});

describe('working days', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-03-02', 10, [])).toBe('2026-03-16'); // Mon + 10 working days = Mon two weeks on
    expect(addWorkingDays('2026-03-06', 1, [])).toBe('2026-03-09'); // Fri + 1 = Mon
    expect(addWorkingDays('2026-03-07', 1, [])).toBe('2026-03-09'); // from a Saturday
  });

  it('skips Easter', () => {
    // Thu 2 April 2026 + 1 working day: Good Friday 3rd and Easter Monday 6th are holidays.
    expect(addWorkingDays('2026-04-02', 1, H)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-27', 10, H)).toBe('2026-04-14');
    expect(addWorkingDays('2026-03-27', 10, [])).toBe('2026-04-10');
  });

  it('skips Christmas with its substitute days', () => {
    // 2027: Christmas is a Saturday and Boxing Day a Sunday, so Mon 27th and Tue 28th are holidays.
    expect(addWorkingDays('2027-12-24', 1, H)).toBe('2027-12-29');
    // 2026: Boxing Day on a Saturday, substitute Mon 28th.
    expect(addWorkingDays('2026-12-24', 1, H)).toBe('2026-12-29');
    // New Year 2028 on a Saturday: substitute Mon 3 January.
    expect(addWorkingDays('2027-12-31', 1, H)).toBe('2028-01-04');
  });

  it('counts working days between dates', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-16', [])).toBe(10);
    expect(workingDaysBetween('2026-04-02', '2026-04-07', H)).toBe(1);
    expect(workingDaysBetween('2026-04-07', '2026-04-02', H)).toBe(0);
  });

  it('adding zero working days stays put', () => {
    expect(addWorkingDays('2026-03-07', 0, H)).toBe('2026-03-07');
  });
});

describe('describing a due date', () => {
  it.each([
    ['2026-03-10', '2026-03-13', 'overdue', -3, 'Overdue by 3 days'],
    ['2026-03-12', '2026-03-13', 'overdue', -1, 'Overdue by 1 day'],
    ['2026-03-13', '2026-03-13', 'due_today', 0, 'Due today'],
    ['2026-03-14', '2026-03-13', 'due_soon', 1, 'Due in 1 day'],
    ['2026-03-16', '2026-03-13', 'due_soon', 3, 'Due in 3 days'],
    ['2026-03-17', '2026-03-13', 'upcoming', 4, 'Due in 4 days'],
  ] as const)('due %s, today %s', (due, today, status, days, text) => {
    expect(describeDue(due, today, 3)).toEqual({ status, daysUntilDue: days, text });
  });

  it('counts calendar days across the clocks going forward', () => {
    // British Summer Time began on 29 March 2026: a Date-with-time subtraction would give 6.96 days.
    expect(describeDue('2026-04-02', '2026-03-26', 3).daysUntilDue).toBe(7);
    expect(describeDue('2026-10-29', '2026-10-22', 3).daysUntilDue).toBe(7);
  });
});

describe('case deadlines', () => {
  it('chases landlord approval after 10 working days', () => {
    const d = dates({ state: 'awaiting_landlord_approval', enteredStateOn: '2026-03-30' });
    // 30 March 2026 + 10 working days, skipping Good Friday and Easter Monday: 15 April.
    expect(dueDates(d, policy)).toEqual([{ kind: 'chase_approval', dueOn: '2026-04-15' }]);
    expect(nextDeadline(d, policy, '2026-04-16')).toMatchObject({ status: 'overdue', text: 'Overdue by 1 day', label: "Chase the landlord's approval" });
  });

  it('circulates within 5 working days of approval, past Christmas and New Year', () => {
    const d = dates({ state: 'approved', enteredStateOn: '2026-12-23' });
    // Thu 24th, then 29th, 30th, 31st (25th, 28th and 1st are bank holidays), then Monday 4 January.
    expect(dueDates(d, policy)).toEqual([{ kind: 'circulate', dueOn: '2027-01-04' }]);
    expect(nextDeadline(d, policy, '2027-01-04')?.text).toBe('Due today');
    expect(nextDeadline(d, policy, '2026-12-28')?.text).toBe('Due in 7 days');
  });

  it('reviews a circulated case with no offer after 65 working days', () => {
    const d = dates({ state: 'circulated', enteredStateOn: '2026-01-10', circulatedOn: '2026-01-10' });
    // 13 weeks of working days end on Friday 10 April; Good Friday and Easter Monday push it to Tuesday 14th.
    expect(dueDates(d, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-04-14' }]);
  });

  it('restarts the review clock after an offer or a review', () => {
    const d = dates({ state: 'circulated', circulatedOn: '2026-01-10', lastOfferOn: '2026-02-01', lastReviewedOn: '2026-01-20' });
    // From Sunday 1 February: 13 weeks to Friday 1 May, plus Easter's two days, skipping the May bank holiday.
    expect(dueDates(d, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-05-06' }]);
    const reviewed = dates({ state: 'circulated', circulatedOn: '2026-01-10', lastOfferOn: '2026-02-01', lastReviewedOn: '2026-04-01' });
    // From Wednesday 1 April: 13 weeks to 1 July, plus four bank holidays.
    expect(dueDates(reviewed, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-07-07' }]);
  });

  it('asks for re-circulation within 5 working days after a change, soonest first', () => {
    const d = dates({
      state: 'circulated',
      circulatedOn: '2026-01-10',
      needsRecirculation: true,
      recirculationRequestedOn: '2026-03-01',
    });
    const all = deadlinesFor(d, policy, '2026-03-05');
    expect(all.map((x) => [x.kind, x.dueOn, x.status])).toEqual([
      ['recirculate', '2026-03-06', 'due_soon'],
      ['review_no_offer', '2026-04-14', 'upcoming'],
    ]);
  });

  it('puts a declined offer back into circulation within 5 working days while under the cap', () => {
    const d = dates({ state: 'offer_declined', enteredStateOn: '2026-05-01', circulatedOn: '2026-01-10', lastOfferOn: '2026-04-20' });
    // Friday 1 May; Monday 4th is the early May bank holiday.
    expect(nextDeadline(d, { ...policy, offerCap: 2 }, '2026-05-01')).toMatchObject({ kind: 'recirculate', dueOn: '2026-05-11' });
    expect(nextDeadline({ ...d, offersMade: 1 }, { ...policy, offerCap: 2 }, '2026-05-01')).toMatchObject({ kind: 'recirculate', dueOn: '2026-05-11' });
  });

  it('asks for closure, not re-circulation, after a declined offer at the cap', () => {
    const d = dates({ state: 'offer_declined', enteredStateOn: '2026-05-01', circulatedOn: '2026-01-10', lastOfferOn: '2026-04-20', offersMade: 1 });
    expect(dueDates(d, policy)).toEqual([{ kind: 'close_case', dueOn: '2026-05-11' }]);
  });

  it('chases again a policy interval after the last chase', () => {
    const d = dates({ state: 'awaiting_landlord_approval', enteredStateOn: '2026-03-02', lastLandlordChaseOn: '2026-03-17' });
    expect(dueDates(d, policy)).toEqual([{ kind: 'chase_approval', dueOn: '2026-03-24' }]);
    // A chase from before this approval request (an earlier round) does not count.
    expect(dueDates({ ...d, lastLandlordChaseOn: '2026-02-27' }, policy)).toEqual([{ kind: 'chase_approval', dueOn: '2026-03-16' }]);
  });

  it('follows edited policy', () => {
    const d = dates({ state: 'awaiting_landlord_approval', enteredStateOn: '2026-03-02' });
    expect(dueDates(d, { ...policy, chaseApprovalAfterWorkingDays: 5, bankHolidays: ['2026-03-04'] })).toEqual([
      { kind: 'chase_approval', dueOn: '2026-03-10' },
    ]);
  });

  it.each([
    ['referral_received', '2026-03-09'],
    ['landlord_declined', '2026-03-16'],
    ['offer_made', '2026-03-16'],
    ['viewing', '2026-03-09'],
    ['offer_accepted', '2026-03-16'],
    ['moved', '2026-03-16'],
    ['on_hold', '2026-03-30'],
    ['withdrawn', '2026-03-09'],
  ] as const)('reminds when a case is %s with no progress', (state, dueOn) => {
    expect(dueDates(dates({ state, circulatedOn: '2026-01-01' }), policy)).toEqual([{ kind: 'no_progress', dueOn }]);
    // A contact (a chase, or news from the Nominating Officer) starts the count again.
    expect((dueDates(dates({ state, lastContactOn: '2026-03-09' }), policy)[0]?.dueOn ?? '') > dueOn).toBe(true);
  });

  it('has no deadline once closed', () => {
    expect(nextDeadline(dates({ state: 'closed', circulatedOn: '2026-01-01' }), policy, '2026-12-01')).toBeNull();
  });

  it('covers every state', () => {
    for (const state of CASE_STATES) expect(() => dueDates(dates({ state }), policy)).not.toThrow();
  });
});

describe('working days counted on day numbers', () => {
  // The plain definition, a day at a time: what the faster counting must agree with.
  const naiveAdd = (start: string, days: number) => {
    let date = start;
    let counted = 0;
    while (counted < days) {
      date = addDays(date, 1);
      if (!isWeekend(date) && !H.includes(date)) counted += 1;
    }
    return date;
  };
  const day = fc.integer({ min: toDayNumber('2015-01-01'), max: toDayNumber('2030-12-31') }).map(fromDayNumber);

  it('adds working days exactly as counting one day at a time does, across weekends and bank holidays', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 80 }), (start, n) => addWorkingDays(start, n, H) === naiveAdd(start, n)));
  });

  it('counts the working days between two dates as the inverse of adding them', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 80 }), (start, n) => {
        expect(workingDaysBetween(start, addWorkingDays(start, n, H), H)).toBe(n);
      }),
    );
  });

  it('uses the holidays it is given, not ones it saw before', () => {
    expect(addWorkingDays('2026-12-24', 1, H)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 1, [])).toBe('2026-12-25');
  });
});
