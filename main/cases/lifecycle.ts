import { CASE_STATE_LABELS, CASE_STATES, CLOSURE_REASON_LABELS, type CaseState, type ClosureReason } from '../../contract/cases';
import { missingCase } from '../../contract/missing-case';

/*
 * The case lifecycle as an explicit state machine. Main enforces it; the renderer only asks which moves are
 * available, so a stale screen can never push a case into a state the scheme does not allow.
 */

/** States in which the applicant is still waiting for a move: these can be put on hold or withdrawn. */
export const IN_PROGRESS_STATES = [
  'referral_received',
  'awaiting_landlord_approval',
  'approved',
  'circulated',
  'offer_made',
  'viewing',
  'offer_accepted',
  'offer_declined',
] as const satisfies readonly CaseState[];

/** Every state but `closed`: the case still needs a coordinator. */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'closed');

export function isInProgress(state: CaseState): boolean {
  return (IN_PROGRESS_STATES as readonly CaseState[]).includes(state);
}

/**
 * The forward moves of the scheme (hold, withdrawal and closure are added by `allowedTargets`).
 * - offer_made → offer_accepted/declined without a viewing: applicants do sometimes decide before (or without) one.
 * - offer_made, viewing, offer_accepted → circulated: the landlord withdraws the offer or the let falls through;
 *   the applicant is still waiting and the request stays live.
 * - offer_accepted → offer_declined: the applicant pulls out after accepting, before the move; it is a decline.
 * - landlord_declined → awaiting_landlord_approval: a landlord can reconsider with new information (an appeal).
 * - circulated → circulated: re-circulation after a change, allowed only when the case needs it.
 */
const FORWARD: Readonly<Record<CaseState, readonly CaseState[]>> = {
  referral_received: ['awaiting_landlord_approval'],
  awaiting_landlord_approval: ['approved', 'landlord_declined'],
  approved: ['circulated'],
  landlord_declined: ['awaiting_landlord_approval'],
  circulated: ['circulated', 'offer_made'],
  offer_made: ['viewing', 'offer_accepted', 'offer_declined', 'circulated'],
  viewing: ['offer_accepted', 'offer_declined', 'circulated'],
  offer_accepted: ['moved', 'circulated', 'offer_declined'],
  offer_declined: ['circulated'],
  moved: [],
  closed: [],
  on_hold: [],
  withdrawn: [],
};

/** What closing depends on beyond the state: whether the request ever went out, and whether the offer cap is used. */
export interface ClosureFacts {
  /** "No offer within the time the scheme allows" only makes sense for a request that partners have seen. */
  everCirculated?: boolean | undefined;
  /** A declined offer with the cap reached closes as "offer declined, no further offer" (see `offerCapClosure`). */
  offerCapReached?: boolean | undefined;
}

/** Closure reasons that fit each state. A case with an offer in play must settle the offer before closing. */
export function closureReasonsFor(state: CaseState, facts: ClosureFacts = {}): readonly ClosureReason[] {
  const noOffer: ClosureReason[] = facts.everCirculated === true ? ['no_offer_in_time'] : [];
  switch (state) {
    case 'moved':
      return ['moved'];
    case 'withdrawn':
      return ['withdrawn'];
    case 'landlord_declined':
      return ['landlord_declined', 'other'];
    case 'referral_received':
    case 'awaiting_landlord_approval':
      return ['ineligible', 'other'];
    case 'offer_declined':
      return offerCapClosure(facts) ?? ['ineligible', ...noOffer, 'other'];
    case 'approved':
    case 'circulated':
    case 'on_hold':
      return ['ineligible', ...noOffer, 'other'];
    case 'offer_made':
    case 'viewing':
    case 'offer_accepted':
    case 'closed':
      return [];
    default:
      return missingCase(state);
  }
}

/**
 * Offer-related closure, kept apart from the rest so the offers feature can own it: after a decline with the cap
 * reached there is no further offer to wait for, and that, not "no offer in time", is why the case closes.
 */
export function offerCapClosure(facts: ClosureFacts): readonly ClosureReason[] | null {
  return facts.offerCapReached === true ? ['offer_declined_no_further_offer', 'other'] : null;
}

/** Every state the case could structurally move to from `from` (ignoring context such as the offer cap). */
export function allowedTargets(from: CaseState, stateBeforeHold: CaseState | null = null): CaseState[] {
  const targets = new Set<CaseState>(FORWARD[from]);
  if (isInProgress(from)) {
    targets.add('on_hold');
    targets.add('withdrawn');
  }
  if (from === 'on_hold') {
    if (stateBeforeHold !== null && isInProgress(stateBeforeHold)) targets.add(stateBeforeHold);
    targets.add('withdrawn');
  }
  if (closureReasonsFor(from, { everCirculated: true, offerCapReached: true }).length > 0) targets.add('closed');
  return CASE_STATES.filter((s) => targets.has(s));
}

export interface TransitionContext {
  /** Why: required for the moves the scheme reports on (declines, holds, withdrawals, offers falling through). */
  reason?: string | undefined;
  closureReason?: ClosureReason | undefined;
  /** Remembered when the case was put on hold; resuming returns there. */
  stateBeforeHold: CaseState | null;
  /** Set when boroughs were added (or other changes made) after the request was circulated. */
  needsRecirculation: boolean;
  /** Offers this case has had so far, and the policy's cap. */
  offersMade: number;
  offerCap: number;
  /** Set by offers (issue 10) when the move came through the Housing Moves pathway rather than a reciprocal offer. */
  moveRoute?: 'housing_moves' | undefined;
  /** Whether the request was ever circulated (for "no offer within the time the scheme allows"). */
  everCirculated?: boolean | undefined;
}

/** What the store keeps after a transition. */
export interface TransitionOutcome {
  state: CaseState;
  stateBeforeHold: CaseState | null;
  needsRecirculation: boolean;
  closureReason: ClosureReason | null;
}

export type TransitionErrorCode = 'not_allowed' | 'reason_required' | 'closure_reason_required' | 'closure_reason_not_allowed' | 'offer_cap_reached';

export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
}

export type TransitionResult = { ok: true; value: TransitionOutcome } | { ok: false; error: TransitionError };

const label = (s: CaseState) => `'${CASE_STATE_LABELS[s]}'`;

/** How a coordinator gets a case into `state`: used to say what to do first. */
function stepPhrase(state: CaseState): string {
  switch (state) {
    case 'referral_received':
      return 'record the referral';
    case 'awaiting_landlord_approval':
      return 'send the request to the landlord for approval';
    case 'approved':
      return "record the landlord's approval";
    case 'landlord_declined':
      return 'record that the landlord declined';
    case 'circulated':
      return 'circulate the request';
    case 'offer_made':
      return 'record an offer';
    case 'viewing':
      return 'record a viewing';
    case 'offer_accepted':
      return "record the applicant's acceptance";
    case 'offer_declined':
      return 'record that the applicant declined the offer';
    case 'moved':
      return 'record the move';
    case 'closed':
      return 'close the case';
    case 'on_hold':
      return 'put the case on hold';
    case 'withdrawn':
      return 'withdraw the case';
    default:
      return missingCase(state);
  }
}

/** First step of the shortest forward route from `from` to `to`, if there is one. */
function firstStepTowards(from: CaseState, to: CaseState): CaseState | null {
  const firstStep = new Map<CaseState, CaseState>();
  const queue: CaseState[] = [];
  for (const next of FORWARD[from]) {
    if (next !== from && !firstStep.has(next)) {
      firstStep.set(next, next);
      queue.push(next);
    }
  }
  while (queue.length > 0) {
    const current = queue.shift() as CaseState;
    if (current === to) return firstStep.get(current) ?? null;
    for (const next of FORWARD[current]) {
      if (!firstStep.has(next) && next !== from) {
        firstStep.set(next, firstStep.get(current) as CaseState);
        queue.push(next);
      }
    }
  }
  return null;
}

function notAllowed(from: CaseState, to: CaseState, ctx: TransitionContext): TransitionError {
  if (from === 'closed') return { code: 'not_allowed', message: 'This case is closed; a closed case cannot change.' };
  if (from === to) {
    return { code: 'not_allowed', message: `This case is already ${label(from)}.` };
  }
  if (from === 'on_hold' && isInProgress(to)) {
    const before = ctx.stateBeforeHold;
    return {
      code: 'not_allowed',
      message:
        before === null
          ? `A case that is 'On hold' cannot move to ${label(to)}.`
          : `This case was ${label(before)} before it was put on hold; it can only resume as ${label(before)}.`,
    };
  }
  if (to === 'closed') {
    return {
      code: 'not_allowed',
      message: `A case that is ${label(from)} cannot be closed while an offer is in progress; record whether the applicant accepted or declined first.`,
    };
  }
  const step = firstStepTowards(from, to);
  const hint = step === null ? '' : `; ${stepPhrase(step)} first`;
  return { code: 'not_allowed', message: `A case that is ${label(from)} cannot move to ${label(to)}${hint}.` };
}

/** Moves that the year-end reports break down by reason, or that a colleague must be able to understand later. */
export function needsReason(from: CaseState, to: CaseState): string | null {
  switch (to) {
    case 'landlord_declined':
      return 'Record why the landlord declined, as they gave it.';
    case 'offer_declined':
      return 'Record why the applicant declined the offer.';
    case 'on_hold':
      return 'Record why the case is going on hold.';
    case 'withdrawn':
      return 'Record why the applicant no longer needs to move.';
    case 'circulated':
      if (from === 'offer_made' || from === 'viewing' || from === 'offer_accepted') return 'Record why the offer fell through.';
      return null;
    case 'awaiting_landlord_approval':
      return from === 'landlord_declined' ? 'Record why the landlord is reconsidering.' : null;
    case 'referral_received':
    case 'approved':
    case 'offer_made':
    case 'viewing':
    case 'offer_accepted':
    case 'moved':
    case 'closed':
      return null;
    default:
      return missingCase(to);
  }
}

/**
 * Checks one move and returns what to store, or an error written for the coordinator.
 * Pure: who and when are recorded by the caller, in the same transaction as the audit entry.
 */
export function transition(from: CaseState, to: CaseState, ctx: TransitionContext): TransitionResult {
  if (to === 'moved' && ctx.moveRoute === 'housing_moves') return housingMovesMove(from);
  if (!allowedTargets(from, ctx.stateBeforeHold).includes(to)) return { ok: false, error: notAllowed(from, to, ctx) };

  if (from === 'circulated' && to === 'circulated' && !ctx.needsRecirculation) {
    return {
      ok: false,
      error: { code: 'not_allowed', message: 'This case has not changed since it was circulated; add boroughs or update it before re-circulating.' },
    };
  }

  // Back to circulation after an offer: further offers are possible only under the cap.
  if (to === 'circulated' && from === 'offer_declined' && ctx.offersMade >= ctx.offerCap) {
    return {
      ok: false,
      error: {
        code: 'offer_cap_reached',
        message: `This case has had ${ctx.offersMade} ${ctx.offersMade === 1 ? 'offer' : 'offers'}, the most the scheme allows (${ctx.offerCap}); it cannot be circulated again. Close it as '${CLOSURE_REASON_LABELS.offer_declined_no_further_offer}' instead.`,
      },
    };
  }

  const reason = ctx.reason?.trim() ?? '';
  const reasonMessage = needsReason(from, to);
  if (reasonMessage !== null && reason === '') return { ok: false, error: { code: 'reason_required', message: reasonMessage } };

  if (to === 'closed') {
    const allowed = closureReasonsFor(from, { everCirculated: ctx.everCirculated, offerCapReached: ctx.offersMade >= ctx.offerCap });
    if (ctx.closureReason === undefined) {
      return { ok: false, error: { code: 'closure_reason_required', message: 'Choose why the case is closing.' } };
    }
    if (!allowed.includes(ctx.closureReason)) {
      const options = allowed.map((r) => `'${CLOSURE_REASON_LABELS[r]}'`).join(' or ');
      return {
        ok: false,
        error: {
          code: 'closure_reason_not_allowed',
          message: `A case that is ${label(from)} cannot close as '${CLOSURE_REASON_LABELS[ctx.closureReason]}'; choose ${options}.`,
        },
      };
    }
    if (ctx.closureReason === 'other' && reason === '') {
      return { ok: false, error: { code: 'reason_required', message: 'Explain why the case is closing.' } };
    }
  }

  return {
    ok: true,
    value: {
      state: to,
      stateBeforeHold: to === 'on_hold' ? from : null,
      // Resuming a held case as 'Circulated' sends nothing out, so a pending re-circulation stays pending.
      needsRecirculation: to === 'circulated' && from !== 'on_hold' ? false : ctx.needsRecirculation,
      closureReason: to === 'closed' ? (ctx.closureReason ?? null) : null,
    },
  };
}

/** Button text for a move, in the coordinator's words. */
export function actionLabel(from: CaseState, to: CaseState): string {
  if (from === 'on_hold' && to !== 'withdrawn' && to !== 'closed') return `Resume as ${label(to)}`;
  if (from === 'circulated' && to === 'circulated') return 'Re-circulate the request';
  if (to === 'circulated' && from !== 'approved') return from === 'offer_declined' ? 'Circulate the request again' : 'Offer fell through: back to circulation';
  if (from === 'landlord_declined' && to === 'awaiting_landlord_approval') return 'Landlord is reconsidering';
  const phrase = stepPhrase(to);
  return `${phrase[0]?.toUpperCase() ?? ''}${phrase.slice(1)}`;
}

/** Where a held case goes when it resumes. */
export function resumeTarget(stateBeforeHold: CaseState | null): CaseState | null {
  return stateBeforeHold !== null && isInProgress(stateBeforeHold) ? stateBeforeHold : null;
}

/**
 * Issue 10 (offers): a move through the Housing Moves pathway has no reciprocal offer, so it can complete from any
 * open state in which no offer is in play. A case with an offer in play must settle the offer first.
 */
export const HOUSING_MOVES_FROM: readonly CaseState[] = [
  'referral_received',
  'awaiting_landlord_approval',
  'approved',
  'landlord_declined',
  'circulated',
  'offer_declined',
  'on_hold',
];

function housingMovesMove(from: CaseState): TransitionResult {
  if (!HOUSING_MOVES_FROM.includes(from)) {
    const message =
      from === 'moved' || from === 'closed' || from === 'withdrawn'
        ? `A case that is ${label(from)} cannot record a move.`
        : `A case that is ${label(from)} has an offer in play; record the offer's outcome before recording a Housing Moves move.`;
    return { ok: false, error: { code: 'not_allowed', message } };
  }
  return { ok: true, value: { state: 'moved', stateBeforeHold: null, needsRecirculation: false, closureReason: null } };
}
