import { createHash } from 'node:crypto';
import type { IsoDate } from '../../contract/calendar-date';
import type { CasePolicy } from '../../contract/case-policy';
import { CASE_STATE_LABELS, type ConsentScope } from '../../contract/cases';
import type { CirculationPlan, CirculationPolicy, CirculationView, RecirculationAudience } from '../../contract/circulation';
import { formatUkDate } from '../../contract/dates';
import type { Db } from '../db/types';
import { getCaseRow } from '../cases/case-store';
import { transition } from '../cases/lifecycle';
import { homeLandlordFacts } from '../cases/partner-lookup';
import { consentProblem, landlordOverrideNeeded } from '../cases/step-rules';
import { changesBetween, changesSinceUnrecorded } from './changes';
import { readCirculationView } from './circulation-view';
import { lastCirculation, partnersReceived, type LastCirculation } from './circulation-store';
import { distributionList } from './distribution';

/*
 * What a circulation of the case would be, now: first or re-circulation, the boroughs and what changed, the
 * distribution list and who is left out, and whether it can be sent. Read-only: sending recomputes it inside its
 * transaction and refuses if it no longer matches what the coordinator saw (`planKey`).
 */

export interface PlanEnv {
  today: IsoDate;
  casePolicy: CasePolicy;
  policy: CirculationPolicy;
  audience?: RecirculationAudience | undefined;
}

export interface PlannedCirculation {
  plan: CirculationPlan;
  view: CirculationView;
  last: LastCirculation | null;
  sequence: number;
}

/** Why the case cannot be circulated in its state, using the lifecycle's own words; null when it can. */
function stateBlock(db: Db, caseId: number, policy: CasePolicy): string | null {
  const row = getCaseRow(db, caseId);
  if (row.state !== 'approved' && row.state !== 'circulated') {
    return `Only an approved case, or a circulated case that has changed, can be circulated; this case is '${CASE_STATE_LABELS[row.state]}'.`;
  }
  const trial = transition(row.state, 'circulated', {
    reason: '',
    stateBeforeHold: row.state_before_hold,
    needsRecirculation: row.needs_recirculation === 1,
    offersMade: row.offers_made,
    offerCap: policy.offerCap,
  });
  if (!trial.ok) return trial.error.message;
  // The applicant's consent must cover circulating the anonymised request (the lifecycle checks it again on send).
  return consentProblem(row.state, 'circulated', JSON.parse(row.consent_covers) as ConsentScope[]);
}

/** A home landlord that has left or is suspended: the send needs a recorded reason (checked again by the lifecycle). */
function overrideFor(db: Db, caseId: number): CirculationPlan['needsOverride'] {
  const row = getCaseRow(db, caseId);
  const needed = landlordOverrideNeeded(row.state, 'circulated', homeLandlordFacts(db, row.home_landlord_id));
  return needed === null ? null : { rule: needed.rule, message: needed.message };
}

export function planCirculation(db: Db, caseId: number, env: PlanEnv): PlannedCirculation {
  const view = readCirculationView(db, caseId, { today: env.today, showRiskCategory: env.policy.showRiskCategory });
  const last = lastCirculation(db, caseId);
  const recirculation = last !== null || view.circulatedOn !== null;
  const audience: RecirculationAudience = recirculation ? (env.audience ?? env.policy.recirculationAudience) : 'everyone';
  const boroughs = view.requestedBoroughs.map((b) => b.code);
  const notes: string[] = [];

  let changes: string[] = [];
  let newBoroughs: typeof boroughs = [];
  let receivedBefore = new Map<number, IsoDate>();
  if (last !== null) {
    changes = changesBetween(last.view, view);
    const was = new Set(last.boroughs);
    newBoroughs = boroughs.filter((c) => !was.has(c));
    receivedBefore = partnersReceived(db, caseId);
  } else if (view.circulatedOn !== null) {
    const since = changesSinceUnrecorded(view, view.lastCirculatedOn ?? view.circulatedOn);
    changes = since.lines;
    newBoroughs = since.newBoroughs;
    notes.push(
      `This case was circulated on ${formatUkDate(view.lastCirculatedOn ?? view.circulatedOn)} without a recorded pack, so who received it is not known: every partner on the list will receive this re-circulation.`,
    );
  }
  const effectiveAudience: RecirculationAudience = last === null ? 'everyone' : audience;
  const list = distributionList(db, { boroughs, receivedBefore, recirculation, audience: effectiveAudience });

  let blockedBecause = stateBlock(db, caseId, env.casePolicy);
  if (blockedBecause === null && list.recipients.length === 0) {
    const anyEligible = list.excluded.some((e) => e.reason === 'already_received');
    blockedBecause = anyEligible
      ? "Every partner on the distribution list has already received this request. To send it to them again, choose 'Every partner on the distribution list'."
      : 'No active partner with a circulation contact holds stock in any of the requested boroughs, so there is no one to send the request to. Add boroughs, or update the partners listed below.';
  }

  const planKey = createHash('sha256')
    .update(
      JSON.stringify([
        view,
        audience,
        list.recipients.map((r) => [r.partnerId, r.contacts.map((c) => [c.contactId, c.email, c.secureEmail])]),
        last?.id ?? null,
      ]),
    )
    .digest('hex')
    .slice(0, 32);

  return {
    view,
    last,
    sequence: (last?.sequence ?? (view.circulatedOn === null ? 0 : 1)) + 1,
    plan: {
      caseId,
      reference: view.reference,
      kind: recirculation ? 'recirculation' : 'first',
      audience,
      boroughs,
      newBoroughs,
      changes,
      recipients: list.recipients,
      excluded: list.excluded,
      notes,
      blockedBecause,
      needsOverride: overrideFor(db, caseId),
      planKey,
    },
  };
}
