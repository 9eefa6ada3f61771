import { CASE_STATE_LABELS, CONSENT_SCOPE_LABELS, type CaseState, type ConsentScope, type OverridableRule } from '../../contract/cases';
import type { HomeLandlordFacts } from './eligibility';

/*
 * Eligibility at every step, not only at intake: consent covers the step, and the home landlord is still in the
 * scheme when it approves and when its tenant's request goes out.
 */

/** The consent a step needs, if any. Resuming from hold sends nothing anywhere, so it needs none. */
export function consentNeeded(from: CaseState, to: CaseState): ConsentScope | null {
  if (from === 'on_hold') return null;
  if (to === 'awaiting_landlord_approval') return 'share_with_home_landlord';
  if (to === 'circulated') return 'circulate_request';
  return null;
}

const STEP_WORDS: Partial<Record<CaseState, string>> = {
  awaiting_landlord_approval: 'sent to the landlord for approval',
  circulated: 'circulated',
};

/** Why the applicant's consent stops this step, or null when it covers it. */
export function consentProblem(from: CaseState, to: CaseState, covers: readonly ConsentScope[]): string | null {
  const needed = consentNeeded(from, to);
  if (needed === null || covers.includes(needed)) return null;
  return `The applicant has not consented to "${CONSENT_SCOPE_LABELS[needed].toLowerCase()}", so the case cannot be ${STEP_WORDS[to] ?? `moved to '${CASE_STATE_LABELS[to]}'`}. Record their consent in the referral's details first.`;
}

/** Steps at which the home landlord's standing in the scheme is weighed again. */
export function landlordStep(from: CaseState, to: CaseState): 'approved' | 'circulated' | null {
  if (from === 'on_hold') return null;
  if (to === 'approved') return 'approved';
  if (to === 'circulated') return 'circulated';
  return null;
}

/** A home landlord that has left or is suspended can approve, or have its tenant's request circulated, only by override. */
export function landlordOverrideNeeded(
  from: CaseState,
  to: CaseState,
  landlord: HomeLandlordFacts | undefined,
): { rule: OverridableRule; message: string; step: 'approved' | 'circulated' } | null {
  const step = landlordStep(from, to);
  if (step === null) return null;
  const name = landlord?.name ?? 'The home landlord';
  const action = step === 'approved' ? 'approve a reciprocal move' : 'have its tenant’s request circulated';
  if (landlord === undefined || landlord.status === 'left') {
    return { rule: 'landlord_left', step, message: `${name} has left the scheme, so it cannot ${action}. You can go ahead only by recording why.` };
  }
  if (landlord.status === 'suspended') {
    return {
      rule: 'landlord_suspended',
      step,
      message: `${name} is suspended from the scheme, so it cannot ${action}. You can go ahead only by recording why.`,
    };
  }
  return null;
}
