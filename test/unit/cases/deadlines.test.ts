import { describe, expect, it } from 'vitest';
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

  it('circulates within 7 days of approval', () => {
    const d = dates({ state: 'approved', enteredStateOn: '2026-12-23' });
    // Calendar days: the promise is "within a week", bank holidays included.
    expect(dueDates(d, policy)).toEqual([{ kind: 'circulate', dueOn: '2026-12-30' }]);
    expect(nextDeadline(d, policy, '2027-01-04')?.text).toBe('Overdue by 5 days');
    expect(nextDeadline(d, policy, '2026-12-28')?.text).toBe('Due in 2 days');
  });

  it('reviews a circulated case with no offer for 90 days', () => {
    const d = dates({ state: 'circulated', enteredStateOn: '2026-01-10', circulatedOn: '2026-01-10' });
    expect(dueDates(d, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-04-10' }]);
  });

  it('restarts the review clock after an offer or a review', () => {
    const d = dates({ state: 'circulated', circulatedOn: '2026-01-10', lastOfferOn: '2026-02-01', lastReviewedOn: '2026-01-20' });
    expect(dueDates(d, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-05-02' }]);
    const reviewed = dates({ state: 'circulated', circulatedOn: '2026-01-10', lastOfferOn: '2026-02-01', lastReviewedOn: '2026-04-01' });
    expect(dueDates(reviewed, policy)).toEqual([{ kind: 'review_no_offer', dueOn: '2026-06-30' }]);
  });

  it('asks for re-circulation within the week after a change, soonest first', () => {
    const d = dates({
      state: 'circulated',
      circulatedOn: '2026-01-10',
      needsRecirculation: true,
      recirculationRequestedOn: '2026-03-01',
    });
    const all = deadlinesFor(d, policy, '2026-03-06');
    expect(all.map((x) => [x.kind, x.dueOn, x.status])).toEqual([
      ['recirculate', '2026-03-08', 'due_soon'],
      ['review_no_offer', '2026-04-10', 'upcoming'],
    ]);
  });

  it('puts a declined offer back into circulation within the week', () => {
    const d = dates({ state: 'offer_declined', enteredStateOn: '2026-05-01', circulatedOn: '2026-01-10', lastOfferOn: '2026-04-20' });
    expect(nextDeadline(d, policy, '2026-05-01')).toMatchObject({ kind: 'recirculate', dueOn: '2026-05-08' });
  });

  it('follows edited policy', () => {
    const d = dates({ state: 'awaiting_landlord_approval', enteredStateOn: '2026-03-02' });
    expect(dueDates(d, { ...policy, chaseApprovalAfterWorkingDays: 5, bankHolidays: ['2026-03-04'] })).toEqual([
      { kind: 'chase_approval', dueOn: '2026-03-10' },
    ]);
  });

  it.each(['referral_received', 'landlord_declined', 'offer_made', 'viewing', 'offer_accepted', 'moved', 'closed', 'on_hold', 'withdrawn'] as const)(
    'has no deadline while %s',
    (state) => {
      expect(nextDeadline(dates({ state, circulatedOn: '2026-01-01' }), policy, '2026-12-01')).toBeNull();
    },
  );

  it('covers every state', () => {
    for (const state of CASE_STATES) expect(() => dueDates(dates({ state }), policy)).not.toThrow();
  });
});
