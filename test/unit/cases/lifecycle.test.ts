import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState, type ClosureReason } from '../../../contract/cases';
import { allowedTargets, closureReasonsFor, resumeTarget, transition, type TransitionContext } from '../../../main/cases/lifecycle';

// Written out by hand from DOMAIN.md and issue 4, not derived from the implementation, so the two check each other.
const ALLOWED: Record<Exclude<CaseState, 'on_hold'>, CaseState[]> = {
  referral_received: ['awaiting_landlord_approval', 'on_hold', 'withdrawn', 'closed'],
  awaiting_landlord_approval: ['approved', 'landlord_declined', 'on_hold', 'withdrawn', 'closed'],
  approved: ['circulated', 'on_hold', 'withdrawn', 'closed'],
  landlord_declined: ['awaiting_landlord_approval', 'closed'],
  circulated: ['circulated', 'offer_made', 'on_hold', 'withdrawn', 'closed'],
  offer_made: ['viewing', 'offer_accepted', 'offer_declined', 'circulated', 'on_hold', 'withdrawn'],
  viewing: ['offer_accepted', 'offer_declined', 'circulated', 'on_hold', 'withdrawn'],
  offer_accepted: ['offer_declined', 'moved', 'circulated', 'on_hold', 'withdrawn'],
  offer_declined: ['circulated', 'on_hold', 'withdrawn', 'closed'],
  moved: ['closed'],
  closed: [],
  withdrawn: ['closed'],
};

const IN_PROGRESS: CaseState[] = [
  'referral_received',
  'awaiting_landlord_approval',
  'approved',
  'circulated',
  'offer_made',
  'viewing',
  'offer_accepted',
  'offer_declined',
];

/** A context in which every structurally allowed move succeeds. */
function permissive(from: CaseState, overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    reason: 'Recorded for the test',
    closureReason: closureReasonsFor(from)[0],
    stateBeforeHold: 'circulated',
    needsRecirculation: true,
    offersMade: 0,
    offerCap: 1,
    everCirculated: true,
    ...overrides,
  };
}

describe('every pair of states', () => {
  const froms = CASE_STATES.filter((s): s is Exclude<CaseState, 'on_hold'> => s !== 'on_hold');
  const pairs = froms.flatMap((from) => CASE_STATES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    const result = transition(from, to, permissive(from));
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      expect(result.error.code).toBe('not_allowed');
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  const holdPairs = IN_PROGRESS.flatMap((before) => CASE_STATES.map((to) => [before, to] as const));
  it.each(holdPairs)('on hold (was %s) → %s', (before, to) => {
    const expected = to === before || to === 'withdrawn' || to === 'closed';
    const result = transition('on_hold', to, permissive('on_hold', { stateBeforeHold: before }));
    expect(result.ok).toBe(expected);
  });

  it('lists the same targets as it allows', () => {
    for (const from of froms) expect(new Set(allowedTargets(from))).toEqual(new Set(ALLOWED[from]));
  });
});

describe('error messages', () => {
  const ctx = permissive('circulated');

  it('says what to do first', () => {
    const r = transition('circulated', 'moved', ctx);
    expect(r).toEqual({ ok: false, error: { code: 'not_allowed', message: "A case that is 'Circulated' cannot move to 'Moved'; record an offer first." } });
  });

  it('points a new referral to the landlord first', () => {
    const r = transition('referral_received', 'circulated', ctx);
    expect(!r.ok && r.error.message).toBe(
      "A case that is 'Referral received' cannot move to 'Circulated'; send the request to the landlord for approval first.",
    );
  });

  it('explains a closed case', () => {
    const r = transition('closed', 'circulated', ctx);
    expect(!r.ok && r.error.message).toBe('This case is closed; a closed case cannot change.');
  });

  it('refuses to close with an offer in play', () => {
    const r = transition('viewing', 'closed', { ...ctx, closureReason: 'ineligible' });
    expect(!r.ok && r.error.message).toMatch(/cannot be closed while an offer is in progress/);
  });

  it('refuses a move with no route and no hint', () => {
    const r = transition('moved', 'circulated', ctx);
    expect(!r.ok && r.error.message).toBe("A case that is 'Moved' cannot move to 'Circulated'.");
  });

  it('names the only state a held case can resume to', () => {
    const r = transition('on_hold', 'circulated', { ...ctx, stateBeforeHold: 'approved' });
    expect(!r.ok && r.error.message).toBe("This case was 'Approved' before it was put on hold; it can only resume as 'Approved'.");
  });
});

describe('hold and resume', () => {
  it('remembers the state before hold and returns to it', () => {
    const held = transition('offer_made', 'on_hold', permissive('offer_made'));
    expect(held).toMatchObject({ ok: true, value: { state: 'on_hold', stateBeforeHold: 'offer_made' } });
    const before = held.ok ? held.value.stateBeforeHold : null;
    expect(resumeTarget(before)).toBe('offer_made');
    const resumed = transition('on_hold', 'offer_made', permissive('on_hold', { stateBeforeHold: before, reason: undefined }));
    expect(resumed).toMatchObject({ ok: true, value: { state: 'offer_made', stateBeforeHold: null } });
  });

  it('cannot resume without a remembered state', () => {
    expect(transition('on_hold', 'circulated', permissive('on_hold', { stateBeforeHold: null })).ok).toBe(false);
    expect(resumeTarget(null)).toBeNull();
  });

  it('needs a reason to hold', () => {
    const r = transition('approved', 'on_hold', permissive('approved', { reason: '  ' }));
    expect(r).toEqual({ ok: false, error: { code: 'reason_required', message: 'Record why the case is going on hold.' } });
  });

  it('keeps the re-circulation flag while held, and after resuming', () => {
    const r = transition('circulated', 'on_hold', permissive('circulated', { needsRecirculation: true }));
    expect(r.ok && r.value.needsRecirculation).toBe(true);
    const resumed = transition('on_hold', 'circulated', permissive('on_hold', { stateBeforeHold: 'circulated', needsRecirculation: true }));
    expect(resumed.ok && resumed.value.needsRecirculation).toBe(true);
  });
});

describe('reasons', () => {
  const cases: [CaseState, CaseState][] = [
    ['awaiting_landlord_approval', 'landlord_declined'],
    ['viewing', 'offer_declined'],
    ['offer_made', 'offer_declined'],
    ['circulated', 'withdrawn'],
    ['referral_received', 'on_hold'],
    ['offer_made', 'circulated'],
    ['viewing', 'circulated'],
    ['offer_accepted', 'circulated'],
    ['landlord_declined', 'awaiting_landlord_approval'],
  ];
  it.each(cases)('%s → %s needs a reason', (from, to) => {
    const r = transition(from, to, permissive(from, { reason: undefined }));
    expect(!r.ok && r.error.code).toBe('reason_required');
  });

  const optional: [CaseState, CaseState][] = [
    ['referral_received', 'awaiting_landlord_approval'],
    ['awaiting_landlord_approval', 'approved'],
    ['approved', 'circulated'],
    ['circulated', 'offer_made'],
    ['offer_made', 'viewing'],
    ['viewing', 'offer_accepted'],
    ['offer_accepted', 'moved'],
  ];
  it.each(optional)('%s → %s needs no reason', (from, to) => {
    expect(transition(from, to, permissive(from, { reason: undefined })).ok).toBe(true);
  });
});

describe('closure', () => {
  it('always needs a reason', () => {
    const r = transition('moved', 'closed', permissive('moved', { closureReason: undefined }));
    expect(r).toEqual({ ok: false, error: { code: 'closure_reason_required', message: 'Choose why the case is closing.' } });
  });

  const fits: [CaseState, ClosureReason][] = [
    ['moved', 'moved'],
    ['withdrawn', 'withdrawn'],
    ['landlord_declined', 'landlord_declined'],
    ['referral_received', 'ineligible'],
    ['awaiting_landlord_approval', 'ineligible'],
    ['circulated', 'no_offer_in_time'],
    ['offer_declined', 'no_offer_in_time'],
    ['on_hold', 'no_offer_in_time'],
    ['approved', 'ineligible'],
  ];
  const offerCapMet = { offersMade: 1, offerCap: 1 };
  it.each(fits)('%s closes as %s', (from, closureReason) => {
    // Under the offer cap: at the cap, a declined offer closes as "offer declined, no further offer" (below).
    const r = transition(from, 'closed', permissive(from, { closureReason, reason: undefined, offerCap: 2 }));
    expect(r).toMatchObject({ ok: true, value: { state: 'closed', closureReason } });
  });

  it('"no offer in time" needs a request that went out; a declined offer at the cap closes as "no further offer"', () => {
    const never = transition('approved', 'closed', permissive('approved', { closureReason: 'no_offer_in_time', everCirculated: false }));
    expect(!never.ok && never.error.code).toBe('closure_reason_not_allowed');
    const capped = transition('offer_declined', 'closed', permissive('offer_declined', { closureReason: 'no_offer_in_time', ...offerCapMet }));
    expect(!capped.ok && capped.error.message).toMatch(/choose 'Offer declined, no further offer' or 'Other \(explain\)'/);
    const closed = transition('offer_declined', 'closed', permissive('offer_declined', { closureReason: 'offer_declined_no_further_offer', ...offerCapMet }));
    expect(closed).toMatchObject({ ok: true, value: { closureReason: 'offer_declined_no_further_offer' } });
  });

  const misfits: [CaseState, ClosureReason][] = [
    ['circulated', 'moved'],
    ['moved', 'withdrawn'],
    ['referral_received', 'no_offer_in_time'],
    ['withdrawn', 'ineligible'],
    ['approved', 'landlord_declined'],
  ];
  it.each(misfits)('%s cannot close as %s', (from, closureReason) => {
    const r = transition(from, 'closed', permissive(from, { closureReason }));
    expect(!r.ok && r.error.code).toBe('closure_reason_not_allowed');
  });

  it("'other' needs an explanation", () => {
    const r = transition('circulated', 'closed', permissive('circulated', { closureReason: 'other', reason: '' }));
    expect(r).toEqual({ ok: false, error: { code: 'reason_required', message: 'Explain why the case is closing.' } });
    expect(transition('circulated', 'closed', permissive('circulated', { closureReason: 'other', reason: 'Duplicate referral' })).ok).toBe(true);
  });

  it('a moved case closes only as moved', () => {
    expect(closureReasonsFor('moved')).toEqual(['moved']);
  });
});

describe('circulation', () => {
  it('re-circulates only when something changed', () => {
    const r = transition('circulated', 'circulated', permissive('circulated', { needsRecirculation: false }));
    expect(!r.ok && r.error.message).toMatch(/has not changed since it was circulated/);
    const again = transition('circulated', 'circulated', permissive('circulated', { needsRecirculation: true }));
    expect(again).toMatchObject({ ok: true, value: { state: 'circulated', needsRecirculation: false } });
  });

  it('circulating clears the re-circulation flag', () => {
    const r = transition('approved', 'circulated', permissive('approved', { needsRecirculation: true }));
    expect(r.ok && r.value.needsRecirculation).toBe(false);
  });

  it('goes back to circulation after a decline, under the offer cap', () => {
    expect(transition('offer_declined', 'circulated', permissive('offer_declined', { offersMade: 1, offerCap: 2 })).ok).toBe(true);
  });

  it('stops at the offer cap', () => {
    const r = transition('offer_declined', 'circulated', permissive('offer_declined', { offersMade: 1, offerCap: 1 }));
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'offer_cap_reached',
        message:
          "This case has had 1 offer, the most the scheme allows (1); it cannot be circulated again. Close it as 'Offer declined, no further offer' instead.",
      },
    });
  });

  it('an offer that falls through does not count against the cap', () => {
    expect(transition('offer_made', 'circulated', permissive('offer_made', { offersMade: 1, offerCap: 1 })).ok).toBe(true);
  });
});
