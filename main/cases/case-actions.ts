import { boroughName, type BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { CasePolicy } from '../../contract/case-policy';
import {
  CASE_STATE_LABELS,
  CLOSURE_REASON_LABELS,
  OVERRIDABLE_RULE_LABELS,
  type ConsentScope,
  type OverridableRule,
  type Referral,
} from '../../contract/cases';
import type { AddNoteRequest, TransitionRequest } from '../../contract/case-channels';
import { NOTE_KIND_LABELS } from '../../contract/case-channels';
import { formatUkDate } from '../../contract/dates';
import type { EligibilityFailure } from '../../contract/case-views';
import type { ChangeContext } from '../app/services';
import type { FieldChange } from '../audit/audit';
import { AppFailure } from '../errors';
import {
  addRequestedBoroughs,
  getCaseRow,
  insertCase,
  insertOverride,
  nextReferenceSequence,
  readReferral,
  touchCase,
  updateReferral,
  writeProgress,
  type CaseProgress,
} from './case-store';
import { addEvent } from './case-events';
import { syncNextDue } from './deadline-sync';
import { blockingFailures, checkEligibility, type EligibilityFacts } from './eligibility';
import { transition } from './lifecycle';
import { deadlinePolicy, eligibilityPolicy } from './policy';
import { changedSections, diffReferrals, touchesCirculatedFields } from './referral-diff';
import { formatReference } from './reference';
import { homeLandlordFacts } from './partner-lookup';
import { checkReferral } from './intake-rules';
import { findDuplicates, refuseUnconfirmedDuplicates } from './duplicates';
import { consentProblem, landlordOverrideNeeded } from './step-rules';
import { unreciprocated } from '../ledger/balances';
import { assertWithinCap } from '../ledger/cap';
import { readLedgerPolicy } from '../ledger/ledger-policy';

/*
 * The things a coordinator does to a case. Each runs inside `services.change`, so the case tables, the timeline
 * and the audit entry are written in one transaction or not at all. Messages are shown to the coordinator as is.
 */

export type CaseTx = Pick<ChangeContext, 'db' | 'now' | 'actor' | 'audit'>;

export interface CaseEnv {
  today: IsoDate;
  policy: CasePolicy;
}

export function eligibilityFacts(r: Referral): EligibilityFacts {
  return {
    tenancyType: r.currentHome.tenancyType,
    homeLandlordPartnerId: r.currentHome.homeLandlordPartnerId,
    currentBorough: r.currentHome.borough,
    unsafeBoroughs: r.risk.unsafeBoroughs,
    requestedBoroughs: r.requestedBoroughs,
    requestedBoroughsReason: r.requestedBoroughsReason,
    overrides: r.overrides,
  };
}

/** Main's answer to eligibility: the one that counts, whatever the form showed. */
export function assessEligibility(db: ChangeContext['db'], facts: EligibilityFacts, policy: CasePolicy): EligibilityFailure[] {
  const homeLandlord = facts.homeLandlordPartnerId === undefined ? undefined : homeLandlordFacts(db, facts.homeLandlordPartnerId);
  // The ledger (issue 11) gives the landlord's unreciprocated moves and the cap from its policy.
  const unreciprocatedMoves =
    homeLandlord === undefined || facts.homeLandlordPartnerId === undefined ? undefined : unreciprocated(db, facts.homeLandlordPartnerId);
  return checkEligibility(facts, { policy: { ...eligibilityPolicy(policy), ledgerCap: readLedgerPolicy(db).cap }, homeLandlord, unreciprocatedMoves });
}

function refuse(failures: readonly EligibilityFailure[]): never {
  const fields: Record<string, string> = {};
  const add = (field: string, message: string) => (fields[field] = fields[field] === undefined ? message : `${fields[field]} ${message}`);
  for (const f of failures) {
    // The way past a short list is the reason field, so that is where the form shows it.
    if (f.rule === 'below_minimum_boroughs') add('requestedBoroughsReason', 'Record why fewer boroughs than the minimum are requested.');
    // Two checks on one field are both shown there, so the count below matches what the coordinator sees.
    else add(f.field, f.message);
  }
  const first = failures[0]?.message ?? 'The referral is not eligible.';
  const message =
    failures.length === 1
      ? `${first} Nothing was saved.`
      : `${failures.length} eligibility checks need attention: ${failures.map((f) => f.message.replace(/\.$/, '')).join('; ')}. Nothing was saved.`;
  throw new AppFailure('RULE', message, { fields });
}

/** Only overrides for rules that actually fired are kept: an override typed for nothing is not a decision. */
function usedOverrides(failures: readonly EligibilityFailure[]): { rule: OverridableRule; reason: string }[] {
  return failures.flatMap((f) =>
    f.severity === 'override' && f.resolvedBy !== undefined && (f.rule === 'landlord_suspended' || f.rule === 'ledger_cap')
      ? [{ rule: f.rule, reason: f.resolvedBy }]
      : [],
  );
}

const overrideLine = (o: { rule: OverridableRule; reason: string }) => `${OVERRIDABLE_RULE_LABELS[o.rule]}: ${o.reason}`;

export function createCase(tx: CaseTx, referral: Referral, env: CaseEnv): { id: number; reference: string } {
  const failures = assessEligibility(tx.db, eligibilityFacts(referral), env.policy);
  const blocking = blockingFailures(failures);
  if (blocking.length > 0) refuse(blocking);
  checkReferral(tx.db, referral, env.today, env.policy);
  const duplicates = findDuplicates(tx.db, {
    fullName: referral.applicant.fullName,
    dateOfBirth: referral.applicant.dateOfBirth,
    homeLandlordPartnerId: referral.currentHome.homeLandlordPartnerId,
  });
  refuseUnconfirmedDuplicates(duplicates, referral.notDuplicateOf);

  const year = Number(env.today.slice(0, 4));
  const refSeq = nextReferenceSequence(tx.db, year);
  const reference = formatReference({ year, sequence: refSeq });
  const at = tx.now.toISOString();
  const id = insertCase(tx.db, { reference, refYear: year, refSeq, referral, state: 'referral_received', stateEnteredOn: referral.receivedOn, at });

  const used = usedOverrides(failures);
  for (const o of used) insertOverride(tx.db, id, o, at, tx.actor);
  const belowMinimum = failures.find((f) => f.rule === 'below_minimum_boroughs');

  addEvent(tx.db, {
    caseId: id,
    at,
    on: referral.receivedOn,
    kind: 'created',
    actor: tx.actor,
    toState: 'referral_received',
    text: belowMinimum?.resolvedBy ? `Fewer boroughs than the minimum: ${belowMinimum.resolvedBy}` : '',
    summary: `Referral received from ${referral.referringAgency.name}`,
  });
  syncNextDue(tx.db, id, deadlinePolicy(env.policy));
  const reasons = used.map(overrideLine);
  if (duplicates.length > 0) reasons.push(`Confirmed not the same person as ${duplicates.map((d) => d.reference).join(', ')}`);
  tx.audit({
    action: 'case.created',
    entityType: 'case',
    entityId: id,
    caseId: id,
    summary: `Case ${reference} created from a referral`,
    changes: diffReferrals(null, referral),
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  });
  return { id, reference };
}

export function updateCase(tx: CaseTx, id: number, referral: Referral, reason: string, env: CaseEnv): number {
  const row = getCaseRow(tx.db, id);
  if (row.state === 'closed') throw new AppFailure('RULE', `Case ${row.reference} is closed, so its details cannot be changed. Nothing was changed.`);
  const before = readReferral(tx.db, row);
  const changes = diffReferrals(before, referral);
  if (changes.length === 0) return 0;

  // Intake already weighed the landlord (suspension, ledger cap); re-weigh only if the landlord changes.
  const landlordChanged = before.currentHome.homeLandlordPartnerId !== referral.currentHome.homeLandlordPartnerId;
  const assessed = assessEligibility(tx.db, eligibilityFacts(referral), env.policy);
  const failures = blockingFailures(assessed).filter((f) => landlordChanged || (f.rule !== 'landlord_suspended' && f.rule !== 'ledger_cap'));
  if (failures.length > 0) refuse(failures);
  checkReferral(tx.db, referral, env.today, env.policy, id);
  // The duplicate rule holds on an edit of who the applicant is, as at intake: a changed name, date of birth or home
  // landlord can make this case match another open one (issue 7). The case itself never counts.
  const identityChanged =
    before.applicant.fullName !== referral.applicant.fullName || before.applicant.dateOfBirth !== referral.applicant.dateOfBirth || landlordChanged;
  const duplicates = identityChanged
    ? findDuplicates(tx.db, {
        fullName: referral.applicant.fullName,
        dateOfBirth: referral.applicant.dateOfBirth,
        homeLandlordPartnerId: referral.currentHome.homeLandlordPartnerId,
        excludeCaseId: id,
      })
    : [];
  refuseUnconfirmedDuplicates(duplicates, referral.notDuplicateOf);

  const at = tx.now.toISOString();
  updateReferral(tx.db, id, referral, at, env.today);
  // A case still at its first step entered it on the day received, so a corrected date moves that too.
  if (row.state === 'referral_received' && row.state_entered_on === before.receivedOn && referral.receivedOn !== before.receivedOn) {
    tx.db.prepare('UPDATE cases SET state_entered_on = ? WHERE id = ?').run([referral.receivedOn, id]);
  }
  // As at intake: an override is kept (and audited) only for a rule the new landlord actually trips.
  const used = landlordChanged ? usedOverrides(assessed) : [];
  for (const o of used) insertOverride(tx.db, id, o, at, tx.actor);
  const recirculate = row.circulated_on !== null && touchesCirculatedFields(changes);
  if (recirculate && row.needs_recirculation === 0) {
    tx.db.prepare('UPDATE cases SET needs_recirculation = 1, recirculation_requested_on = ? WHERE id = ?').run([env.today, id]);
  }
  const sections = changedSections(changes);
  addEvent(tx.db, {
    caseId: id,
    at,
    on: env.today,
    kind: 'updated',
    actor: tx.actor,
    text: reason,
    summary: `Details updated: ${sections}${recirculate ? ' (needs re-circulation)' : ''}`,
  });
  syncNextDue(tx.db, id, deadlinePolicy(env.policy));
  tx.audit({
    action: 'case.updated',
    entityType: 'case',
    entityId: id,
    caseId: id,
    summary: `Case ${row.reference}: ${sections} updated`,
    changes,
    reason:
      [
        reason,
        ...used.map(overrideLine),
        ...(duplicates.length > 0 ? [`Confirmed not the same person as ${duplicates.map((d) => d.reference).join(', ')}`] : []),
      ]
        .filter((r) => r !== '')
        .join('; ') || null,
  });
  return changes.length;
}

export function transitionCase(
  tx: CaseTx,
  req: Required<Pick<TransitionRequest, 'id' | 'to'>> & TransitionRequest,
  env: CaseEnv,
  // Issue 10: offers pass the route of a move; only main's offer actions can set it.
  opts: { moveRoute?: 'housing_moves' } = {},
): void {
  const row = getCaseRow(tx.db, req.id);
  const on = req.effectiveOn ?? env.today;
  // One clock: the app's today, the same day the deadlines count from.
  if (on > env.today) {
    throw new AppFailure('VALIDATION', `The date cannot be after today (${formatUkDate(env.today)}). Nothing was changed.`, {
      fields: { effectiveOn: `Enter a date on or before ${formatUkDate(env.today)}` },
    });
  }
  if (on < row.state_entered_on) {
    throw new AppFailure(
      'VALIDATION',
      `The date cannot be before ${formatUkDate(row.state_entered_on)}, when the case became '${CASE_STATE_LABELS[row.state]}'. Nothing was changed.`,
      { fields: { effectiveOn: `Enter a date on or after ${formatUkDate(row.state_entered_on)}` } },
    );
  }
  const reason = req.reason?.trim() ?? '';
  const result = transition(row.state, req.to, {
    reason,
    closureReason: req.closureReason,
    stateBeforeHold: row.state_before_hold,
    needsRecirculation: row.needs_recirculation === 1,
    offersMade: row.offers_made,
    offerCap: env.policy.offerCap,
    moveRoute: opts.moveRoute,
    everCirculated: row.circulated_on !== null,
  });
  if (!result.ok) {
    const field = result.error.code === 'reason_required' ? 'reason' : result.error.code.startsWith('closure_reason') ? 'closureReason' : undefined;
    throw new AppFailure('RULE', `${result.error.message} Nothing was changed.`, field ? { fields: { [field]: result.error.message } } : {});
  }
  const next = result.value;
  // Eligibility at every step: the applicant's consent covers it, and the home landlord is still in the scheme.
  const consent = consentProblem(row.state, next.state, JSON.parse(row.consent_covers) as ConsentScope[]);
  if (consent !== null) throw new AppFailure('RULE', `${consent} Nothing was changed.`);
  const landlordOverride = landlordOverrideNeeded(row.state, next.state, homeLandlordFacts(tx.db, row.home_landlord_id));
  const overrideReason = req.overrideReason?.trim() ?? '';
  if (landlordOverride !== null && overrideReason === '') {
    throw new AppFailure('RULE', `${landlordOverride.message} Nothing was changed.`, { fields: { overrideReason: 'Record why you are going ahead' } });
  }
  // The ledger cap (issue 11), checked here so that every way of approving or first circulating a case meets it.
  if (row.state !== 'on_hold' && (next.state === 'approved' || (next.state === 'circulated' && row.circulated_on === null))) {
    assertWithinCap(tx.db, req.id, next.state === 'approved' ? 'approve' : 'circulate');
  }
  const progress: CaseProgress = {
    state: next.state,
    state_before_hold: next.stateBeforeHold,
    state_entered_on: on,
    closure_reason: next.closureReason,
    needs_recirculation: next.needsRecirculation ? 1 : 0,
    recirculation_requested_on: next.needsRecirculation ? row.recirculation_requested_on : null,
    offers_made: row.offers_made,
    sent_for_approval_on: row.sent_for_approval_on,
    approved_on: row.approved_on,
    circulated_on: row.circulated_on,
    last_circulated_on: row.last_circulated_on,
    last_offer_on: row.last_offer_on,
    last_reviewed_on: row.last_reviewed_on,
    closed_on: row.closed_on,
  };
  // Resuming from hold returns to a state already entered once; its first-time dates stay as they were.
  const resuming = row.state === 'on_hold';
  if (!resuming) {
    if (next.state === 'awaiting_landlord_approval') progress.sent_for_approval_on = on;
    if (next.state === 'approved') progress.approved_on = on;
    if (next.state === 'offer_made') {
      progress.offers_made = row.offers_made + 1;
      progress.last_offer_on = on;
    }
  }
  if (next.state === 'circulated' && !resuming) {
    progress.circulated_on = row.circulated_on ?? on;
    progress.last_circulated_on = on;
  }
  if (next.state === 'closed') progress.closed_on = on;
  const at = tx.now.toISOString();
  writeProgress(tx.db, req.id, progress, at);
  if (landlordOverride !== null) insertOverride(tx.db, req.id, { rule: landlordOverride.rule, reason: overrideReason }, at, tx.actor, landlordOverride.step);

  const fromLabel = CASE_STATE_LABELS[row.state];
  const toLabel = CASE_STATE_LABELS[next.state];
  const summary =
    next.state === 'closed' && next.closureReason
      ? `Closed: ${CLOSURE_REASON_LABELS[next.closureReason]}`
      : row.state === next.state
        ? `Re-circulated`
        : `${fromLabel} → ${toLabel}`;
  addEvent(tx.db, { caseId: req.id, at, on, kind: 'transition', actor: tx.actor, fromState: row.state, toState: next.state, text: reason, summary });
  syncNextDue(tx.db, req.id, deadlinePolicy(env.policy));
  const changes: FieldChange[] = [{ field: 'state', before: row.state, after: next.state }];
  if (next.closureReason) changes.push({ field: 'closureReason', before: row.closure_reason, after: next.closureReason });
  if (on !== env.today) changes.push({ field: 'effectiveOn', before: null, after: on });
  const reasons = [reason, landlordOverride === null ? '' : overrideLine({ rule: landlordOverride.rule, reason: overrideReason })].filter((r) => r !== '');
  tx.audit({
    action: 'case.transition',
    entityType: 'case',
    entityId: req.id,
    caseId: req.id,
    summary: `Case ${row.reference}: ${summary}`,
    changes,
    reason: reasons.length === 0 ? null : reasons.join('; '),
  });
}

const NOTE_ADDED: Readonly<Record<AddNoteRequest['kind'], string>> = {
  note: 'note added',
  no_update: 'update from the Nominating Officer added',
  review: 'review recorded',
};

export function addNote(tx: CaseTx, req: Required<Pick<AddNoteRequest, 'id' | 'kind' | 'text'>> & AddNoteRequest, env: CaseEnv): void {
  const row = getCaseRow(tx.db, req.id);
  const on = req.on ?? env.today;
  if (on > env.today) {
    throw new AppFailure('VALIDATION', `The date cannot be after today (${formatUkDate(env.today)}). Nothing was changed.`, {
      fields: { on: `Enter a date on or before ${formatUkDate(env.today)}` },
    });
  }
  const at = tx.now.toISOString();
  addEvent(tx.db, { caseId: req.id, at, on, kind: req.kind, actor: tx.actor, text: req.text, summary: NOTE_KIND_LABELS[req.kind] });
  // News from the Nominating Officer is progress: the "no progress" reminder counts again from it.
  if (req.kind === 'no_update' && (row.last_contact_on === null || on > row.last_contact_on)) {
    tx.db.prepare('UPDATE cases SET last_contact_on = ? WHERE id = ?').run([on, req.id]);
  }
  if (req.kind === 'review' && (row.last_reviewed_on === null || on > row.last_reviewed_on)) {
    tx.db.prepare('UPDATE cases SET last_reviewed_on = ? WHERE id = ?').run([on, req.id]);
  }
  touchCase(tx.db, req.id, at);
  syncNextDue(tx.db, req.id, deadlinePolicy(env.policy));
  tx.audit({
    action: `case.${req.kind === 'no_update' ? 'officer_update' : req.kind}_added`,
    entityType: 'case',
    entityId: req.id,
    caseId: req.id,
    summary: `Case ${row.reference}: ${NOTE_ADDED[req.kind]}`,
    changes: [{ field: req.kind, before: null, after: req.text }],
  });
}

export function addBoroughs(tx: CaseTx, req: { id: number; boroughs: BoroughCode[]; note: string }, env: CaseEnv): void {
  const row = getCaseRow(tx.db, req.id);
  // A case that has moved, been withdrawn or closed is not looking for a home any more.
  if (row.state === 'closed' || row.state === 'moved' || row.state === 'withdrawn') {
    const what = row.state === 'closed' ? 'is closed' : row.state === 'moved' ? 'has moved' : 'has been withdrawn';
    throw new AppFailure('RULE', `Case ${row.reference} ${what}, so boroughs cannot be added. Nothing was changed.`);
  }
  const referral = readReferral(tx.db, row);
  const problems: string[] = [];
  for (const code of req.boroughs) {
    if (code === row.current_borough) problems.push(`${boroughName(code)} is the applicant's current borough`);
    else if (referral.risk.unsafeBoroughs.includes(code)) problems.push(`the applicant is unsafe in ${boroughName(code)}`);
    else if (referral.requestedBoroughs.includes(code)) problems.push(`${boroughName(code)} is already requested`);
  }
  if (problems.length > 0) {
    const message = `${problems.join('; ')}.`;
    const text = message[0]?.toUpperCase() + message.slice(1);
    throw new AppFailure('RULE', `${text} Nothing was changed.`, { fields: { boroughs: text } });
  }
  addRequestedBoroughs(tx.db, req.id, req.boroughs, env.today);
  // Partners have only seen the request as it was: new boroughs mean new partners to send it to.
  const recirculate = row.circulated_on !== null;
  if (recirculate && row.needs_recirculation === 0) {
    tx.db.prepare('UPDATE cases SET needs_recirculation = 1, recirculation_requested_on = ? WHERE id = ?').run([env.today, req.id]);
  }
  const at = tx.now.toISOString();
  touchCase(tx.db, req.id, at);
  const names = req.boroughs.map(boroughName).join(', ');
  addEvent(tx.db, {
    caseId: req.id,
    at,
    on: env.today,
    kind: 'boroughs_added',
    actor: tx.actor,
    text: req.note,
    summary: `Boroughs added: ${names}${recirculate ? ' (needs re-circulation)' : ''}`,
  });
  syncNextDue(tx.db, req.id, deadlinePolicy(env.policy));
  tx.audit({
    action: 'case.boroughs_added',
    entityType: 'case',
    entityId: req.id,
    caseId: req.id,
    summary: `Case ${row.reference}: boroughs added (${names})`,
    changes: [{ field: 'requestedBoroughs', before: [...referral.requestedBoroughs].sort(), after: [...referral.requestedBoroughs, ...req.boroughs].sort() }],
    reason: req.note === '' ? null : req.note,
  });
}
