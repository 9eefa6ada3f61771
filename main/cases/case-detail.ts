import type { IsoDate } from '../../contract/calendar-date';
import type { CasePolicy } from '../../contract/case-policy';
import type { AvailableTransition, CaseDetail, Deadline } from '../../contract/case-views';
import type { Db } from '../db/types';
import { getCaseRow, listOverrides, readReferral, type CaseRow } from './case-store';
import { listTimeline } from './case-events';
import { caseDeadlines } from './deadline-sync';
import { actionLabel, allowedTargets, closureReasonsFor, needsReason, transition } from './lifecycle';
import { deadlinePolicy } from './policy';
import { homeLandlordFacts, namedLeads } from './partner-lookup';
import { isOfferDriven } from '../offers/offer-driven';
import { isPackDriven } from './pack-driven';
import { canChase } from './chase';
import { coverageReport } from './coverage';
import { consentProblem, landlordOverrideNeeded } from './step-rules';
import { deadlineRule } from '../../contract/deadline-rules';
import type { CaseState, ConsentScope } from '../../contract/cases';
import type { BoroughCode } from '../../contract/boroughs';
import { anonymisedStatus } from '../rights/anonymised-case';

const readRequested = (db: Db, id: number): BoroughCode[] =>
  db
    .prepare("SELECT borough_code FROM case_boroughs WHERE case_id = ? AND kind = 'requested' ORDER BY borough_code", { pluck: true })
    .all([id]) as BoroughCode[];

/** The moves open to the case now, each with what it needs, or why it cannot happen yet. */
export function availableTransitions(db: Db, row: CaseRow, policy: CasePolicy): AvailableTransition[] {
  const landlord = homeLandlordFacts(db, row.home_landlord_id);
  const covers = JSON.parse(row.consent_covers) as ConsentScope[];
  const closure = { everCirculated: row.circulated_on !== null, offerCapReached: row.offers_made >= policy.offerCap };
  // Issue 10: offer states are reached through the offers section of the case page, not these buttons; issue 9:
  // sending the request is the Circulation panel's (it records the pack), so it is not offered here either.
  const targets = allowedTargets(row.state, row.state_before_hold).filter((to) => !isOfferDriven(row.state, to) && !isPackDriven(row.state, to));
  return targets.map((to) => {
    const closureReasons = to === 'closed' ? [...closureReasonsFor(row.state, closure)] : [];
    // Try the move with everything a form could supply: anything still refused is a rule, not missing input.
    const trial = transition(row.state, to, {
      reason: 'trial',
      closureReason: closureReasons[0],
      stateBeforeHold: row.state_before_hold,
      needsRecirculation: row.needs_recirculation === 1,
      offersMade: row.offers_made,
      offerCap: policy.offerCap,
      everCirculated: closure.everCirculated,
    });
    const override = landlordOverrideNeeded(row.state, to, landlord);
    return {
      to,
      action: actionLabel(row.state, to),
      reasonRequired: needsReason(row.state, to) !== null,
      closureReasons,
      blockedBecause: trial.ok ? consentProblem(row.state, to, covers) : trial.error.message,
      needsOverride: override === null ? null : { rule: override.rule, message: override.message },
    };
  });
}

/** Each deadline with its rule in words, so the coordinator can check the count. */
export function withRules(deadlines: readonly Deadline[], policy: CasePolicy, state: CaseState): Deadline[] {
  return deadlines.map((d) => ({ ...d, rule: deadlineRule(d.kind, policy, state) }));
}

export function caseDetail(db: Db, id: number, today: IsoDate, policy: CasePolicy): CaseDetail {
  const row = getCaseRow(db, id);
  const landlord = homeLandlordFacts(db, row.home_landlord_id);
  const anonymised = anonymisedStatus(db, id);
  // An anonymised case is a record (main/rights/anonymised-case.ts): no moves, chases or prompts that invite action.
  if (anonymised !== null) {
    return {
      ...liveDetail(db, row, landlord, today, policy),
      deadlines: [],
      transitions: [],
      chase: { landlord: false, nominatingOfficer: false, lastLandlordChaseOn: row.last_landlord_chase_on, lastContactOn: row.last_contact_on },
      coverage: { uncovered: [], message: null },
      needsRecirculation: false,
      anonymised,
    };
  }
  return liveDetail(db, row, landlord, today, policy);
}

function liveDetail(db: Db, row: CaseRow, landlord: ReturnType<typeof homeLandlordFacts>, today: IsoDate, policy: CasePolicy): CaseDetail {
  const id = row.id;
  return {
    today,
    id: row.id,
    reference: row.reference,
    state: row.state,
    stateBeforeHold: row.state_before_hold,
    stateEnteredOn: row.state_entered_on,
    needsRecirculation: row.needs_recirculation === 1,
    closureReason: row.closure_reason,
    offersMade: row.offers_made,
    dates: {
      receivedOn: row.received_on,
      sentForApprovalOn: row.sent_for_approval_on,
      approvedOn: row.approved_on,
      circulatedOn: row.circulated_on,
      lastCirculatedOn: row.last_circulated_on,
      lastOfferOn: row.last_offer_on,
      lastReviewedOn: row.last_reviewed_on,
      closedOn: row.closed_on,
    },
    referral: readReferral(db, row),
    homeLandlord: { id: row.home_landlord_id, name: landlord?.name ?? 'Unknown partner', status: landlord?.status ?? 'left' },
    deadlines: withRules(caseDeadlines(row, deadlinePolicy(policy), today), policy, row.state),
    transitions: availableTransitions(db, row, policy),
    overrides: listOverrides(db, id),
    timeline: listTimeline(db, id),
    namedLeads: namedLeads(db, row.home_landlord_id),
    coverage: coverageReport(db, readRequested(db, id)),
    chase: { ...canChase(row), lastLandlordChaseOn: row.last_landlord_chase_on, lastContactOn: row.last_contact_on },
    anonymised: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
