import { boroughName } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { CaseState } from '../../contract/cases';
import { formatUkDate } from '../../contract/dates';
import {
  DECLINE_REASON_LABELS,
  MATCH_RULE_LABELS,
  type BookViewingRequest,
  type DeclineOfferRequest,
  type FellThroughRequest,
  type MatchRule,
  type OfferPolicy,
  type WithdrawOfferRequest,
} from '../../contract/offers';
import type { z } from 'zod';
import type { acceptOfferSchema, completeLegacyMoveSchema, completeMoveSchema, makeOfferSchema } from '../../contract/offers';
import { transitionCase, type CaseEnv, type CaseTx } from '../cases/case-actions';
import { getCaseRow } from '../cases/case-store';
import { AppFailure } from '../errors';
import { caseFacts, type LedgerCapCheck } from './match-queries';
import { breaches } from './match-rules';
import { readsAsApplicantDecline, syncOffersMade } from './offer-cap';
import { matchPolicy } from './offer-policy';
import { getMoveRow, getOfferRow, insertMove, insertOffer, moveRowForCase, offerRowsForCase, updateOffer, type OfferRow } from './offer-store';
import { getPropertyRow, propertySummary } from './property-store';
import { moveProperty } from './property-states';
import { bookMove } from '../ledger/booking';
import { recordCapOverride } from '../ledger/cap';
import { readLedgerPolicy } from '../ledger/ledger-policy';

/*
 * What a coordinator does with an offer. Each runs inside one `services.change`: the offer row, the property's
 * state, the case's state (through the lifecycle, the one place that moves a case) and the audit entries are
 * written together or not at all. Messages are shown to the coordinator as they are.
 */

export interface OfferEnv extends CaseEnv {
  offerPolicy: OfferPolicy;
  ledger?: LedgerCapCheck | undefined;
}

/**
 * Rules no override can go past: the lifecycle only offers to a circulated case with no offer in play, and the
 * scheme never proposes a home in a borough where the applicant is at risk, or their current one.
 */
export const HARD_RULES: readonly MatchRule[] = ['circulated', 'live_offer', 'borough_unsafe', 'borough_current'];

const nothing = 'Nothing was changed.';
const refuse = (message: string, fields?: Record<string, string>): never => {
  throw new AppFailure('RULE', `${message} ${nothing}`, fields ? { fields } : {});
};

function notBefore(date: IsoDate, earliest: IsoDate, what: string, field: string): void {
  if (date < earliest) {
    throw new AppFailure('VALIDATION', `The date cannot be before ${formatUkDate(earliest)}, ${what}. ${nothing}`, {
      fields: { [field]: `Enter a date on or after ${formatUkDate(earliest)}` },
    });
  }
}

/** " after it was accepted on 06/03/2026", for the summaries of an offer that ends between acceptance and the move. */
const acceptedWords = (o: OfferRow) => (o.outcome === 'accepted' ? ` after it was accepted on ${formatUkDate(o.accepted_on ?? o.decided_on)}` : '');

const describe = (o: OfferRow) => `offer ${o.id}${o.partner_name ? ` from ${o.partner_name}` : ''}`;

function requireOpen(o: OfferRow, also: 'accepted' | null = null): void {
  if (o.outcome === null) return;
  if (also === 'accepted' && o.outcome === 'accepted' && o.moved === 0) return;
  refuse(`This offer already has an outcome (${o.outcome.replace(/_/g, ' ')} on ${formatUkDate(o.decided_on)}).`);
}

function requireCaseIn(tx: CaseTx, caseId: number, states: readonly CaseState[], doing: string): void {
  const row = getCaseRow(tx.db, caseId);
  if (!states.includes(row.state)) {
    refuse(
      row.state === 'on_hold'
        ? `Case ${row.reference} is on hold; resume it before you ${doing}.`
        : `Case ${row.reference} is not at a stage where you can ${doing}.`,
    );
  }
}

export function makeOffer(tx: CaseTx, req: z.output<typeof makeOfferSchema>, env: OfferEnv): number {
  const property = getPropertyRow(tx.db, req.propertyId);
  const c = getCaseRow(tx.db, req.caseId);
  if (property.status !== 'available') refuse(`Property ${property.id} is '${property.status}', not available, so it cannot be offered.`);
  notBefore(req.offeredOn, c.state_entered_on, `when case ${c.reference} became circulated`, 'offeredOn');
  const facts = caseFacts(tx.db, req.caseId, env.ledger);
  const broken = breaches(
    {
      id: property.id,
      partnerId: property.partner_id,
      partnerName: property.partner_name,
      borough: property.borough_code,
      bedrooms: property.bedrooms,
      access: property.access,
      petsAllowed: property.pets_allowed === 1,
      availableFrom: property.available_from,
    },
    facts,
    matchPolicy(env.policy, env.offerPolicy),
  );
  const hard = broken.filter((b) => HARD_RULES.includes(b.rule));
  const why = (list: typeof broken) => list.map((b) => b.message).join('; ');
  if (hard.length > 0) refuse(`This property cannot be offered to ${c.reference}: ${why(hard)}.`);
  const reason = req.overrideReason.trim();
  if (broken.length > 0 && reason === '') {
    refuse(`This property does not match ${c.reference}: ${why(broken)}. To offer it anyway, record why.`, {
      overrideReason: 'Record why this offer goes past the matching rules',
    });
  }
  const overridden = broken.map((b) => b.rule);
  const at = tx.now.toISOString();
  const id = insertOffer(tx.db, {
    caseId: c.id,
    propertyId: property.id,
    partnerId: property.partner_id,
    offeredOn: req.offeredOn,
    overrideRules: overridden.length > 0 ? overridden : null,
    overrideReason: overridden.length > 0 ? reason : null,
    at,
  });
  // Going past the ledger cap is the one-case cap override (issue 11): recorded on the case and in the ledger too.
  if (overridden.includes('home_landlord_ledger_cap')) recordCapOverride(tx, c.id, c.reference, reason);
  moveProperty(tx, property.id, 'offered', req.offeredOn, 'offer', `Offered to ${c.reference}`);
  transitionCase(tx, { id: c.id, to: 'offer_made', effectiveOn: req.offeredOn }, env);
  syncOffersMade(tx.db, c.id);
  const overrideText = overridden.length > 0 ? ` (matching rules overridden: ${overridden.map((r) => MATCH_RULE_LABELS[r]).join(', ')})` : '';
  tx.audit({
    action: 'offer.made',
    entityType: 'offer',
    entityId: id,
    caseId: c.id,
    summary: `Case ${c.reference}: offered property ${property.id} (${propertySummary(property)}) from ${property.partner_name}${overrideText}`,
    changes: [
      { field: 'propertyId', before: null, after: property.id },
      { field: 'offeredOn', before: null, after: req.offeredOn },
      ...(overridden.length > 0 ? [{ field: 'overriddenRules', before: null, after: overridden }] : []),
    ],
    reason: overridden.length > 0 ? reason : null,
  });
  return id;
}

export function bookViewing(tx: CaseTx, req: Required<BookViewingRequest>, env: OfferEnv): void {
  const o = getOfferRow(tx.db, req.offerId);
  requireOpen(o);
  requireCaseIn(tx, o.case_id, ['offer_made', 'viewing'], 'book a viewing');
  notBefore(req.viewingOn, o.offered_on, 'when the offer was made', 'viewingOn');
  const c = getCaseRow(tx.db, o.case_id);
  // The case is "Viewing" from the day the viewing is booked (or the viewing itself, when recorded afterwards).
  const on = req.viewingOn < env.today ? req.viewingOn : env.today;
  if (c.state === 'offer_made') transitionCase(tx, { id: c.id, to: 'viewing', effectiveOn: on < c.state_entered_on ? c.state_entered_on : on }, env);
  updateOffer(tx.db, o.id, { viewing_on: req.viewingOn, stage_entered_on: on }, tx.now.toISOString());
  tx.audit({
    action: 'offer.viewing_booked',
    entityType: 'offer',
    entityId: o.id,
    caseId: o.case_id,
    summary: `Case ${o.reference}: viewing ${o.viewing_on === null ? 'booked' : 'moved'} for ${formatUkDate(req.viewingOn)} (${describe(o)})`,
    changes: [{ field: 'viewingOn', before: o.viewing_on, after: req.viewingOn }],
  });
}

export function acceptOffer(tx: CaseTx, req: z.output<typeof acceptOfferSchema>, env: OfferEnv): void {
  const o = getOfferRow(tx.db, req.offerId);
  requireOpen(o);
  requireCaseIn(tx, o.case_id, ['offer_made', 'viewing'], "record the applicant's acceptance");
  notBefore(req.decidedOn, o.offered_on, 'when the offer was made', 'decidedOn');
  if (req.plannedStartOn !== undefined) notBefore(req.plannedStartOn, req.decidedOn, 'the day the offer was accepted', 'plannedStartOn');
  transitionCase(tx, { id: o.case_id, to: 'offer_accepted', effectiveOn: req.decidedOn }, env);
  const a = req.address;
  updateOffer(
    tx.db,
    o.id,
    {
      outcome: 'accepted',
      decided_on: req.decidedOn,
      accepted_on: req.decidedOn,
      stage_entered_on: req.decidedOn,
      planned_start_on: req.plannedStartOn ?? null,
      address_line1: a?.line1 ?? null,
      address_line2: a?.line2 ?? null,
      address_town: a?.town ?? null,
      address_postcode: a?.postcode ?? null,
    },
    tx.now.toISOString(),
  );
  syncOffersMade(tx.db, o.case_id);
  tx.audit({
    action: 'offer.accepted',
    entityType: 'offer',
    entityId: o.id,
    caseId: o.case_id,
    // The address stays out of the summary: summaries appear on shared screens.
    summary: `Case ${o.reference}: applicant accepted ${describe(o)}${a ? '; address recorded' : ''}`,
    changes: [
      { field: 'outcome', before: null, after: 'accepted' },
      ...(a ? [{ field: 'address', before: null, after: a }] : []),
      ...(req.plannedStartOn ? [{ field: 'plannedStartOn', before: null, after: req.plannedStartOn }] : []),
    ],
  });
}

/**
 * The applicant turns the offer down: before accepting it, or after (they pull out before the move). Either way it is
 * an applicant's decline: it counts against the offer cap, it ends offers from that landlord for this case, and the
 * case goes to 'Offer declined', from which the lifecycle re-circulates it only while it is under the cap. The
 * property is free again for someone else ('available'): the applicant's change of mind says nothing against it.
 */
export function declineOffer(tx: CaseTx, req: Required<DeclineOfferRequest>, env: OfferEnv): void {
  const o = getOfferRow(tx.db, req.offerId);
  if (o.outcome === 'accepted' && o.moved === 1) refuse('The household has already moved into this home; a decline can no longer be recorded.');
  requireOpen(o, 'accepted');
  const afterAcceptance = o.outcome === 'accepted';
  requireCaseIn(tx, o.case_id, afterAcceptance ? ['offer_accepted'] : ['offer_made', 'viewing'], "record the applicant's decision");
  notBefore(
    req.decidedOn,
    (afterAcceptance ? (o.accepted_on ?? o.decided_on) : null) ?? o.offered_on,
    afterAcceptance ? 'when the offer was accepted' : 'when the offer was made',
    'decidedOn',
  );
  const text = req.text.trim();
  if (req.reason === 'other' && text === '') refuse('Explain why the applicant declined.', { text: 'Explain why the applicant declined' });
  const because = `${afterAcceptance ? 'Pulled out after accepting: ' : ''}${DECLINE_REASON_LABELS[req.reason]}${text ? `: ${text}` : ''}`;
  transitionCase(tx, { id: o.case_id, to: 'offer_declined', reason: because, effectiveOn: req.decidedOn }, env);
  updateOffer(
    tx.db,
    o.id,
    {
      outcome: 'declined',
      decided_on: req.decidedOn,
      decline_reason: req.reason,
      outcome_text: text,
      stage_entered_on: req.decidedOn,
      // The address of a home the household will not move to is no longer needed: it is not kept.
      address_line1: null,
      address_line2: null,
      address_town: null,
      address_postcode: null,
    },
    tx.now.toISOString(),
  );
  if (o.property_id !== null) moveProperty(tx, o.property_id, 'available', req.decidedOn, 'offer', `Declined by the applicant of ${o.reference}`);
  const counted = syncOffersMade(tx.db, o.case_id);
  tx.audit({
    action: 'offer.declined',
    entityType: 'offer',
    entityId: o.id,
    caseId: o.case_id,
    summary: `Case ${o.reference}: applicant ${afterAcceptance ? `pulled out of ${describe(o)} after accepting it on ${formatUkDate(o.accepted_on ?? o.decided_on)}` : `declined ${describe(o)}`} (${DECLINE_REASON_LABELS[req.reason]}); ${counted} ${counted === 1 ? 'offer counts' : 'offers count'} against the cap`,
    changes: [
      { field: 'outcome', before: o.outcome, after: 'declined' },
      { field: 'declineReason', before: null, after: req.reason },
      ...(afterAcceptance && o.address_line1 !== null ? [{ field: 'address', before: 'recorded', after: null }] : []),
    ],
    reason: text === '' ? null : text,
  });
}

/**
 * The landlord takes the offer back, or it falls through, before or after the applicant accepted (up to the move):
 * the request goes back into circulation. Neither counts against the cap. The property goes back to 'available' when
 * the let fell through, and to 'withdrawn' when the landlord withdrew (it usually means the home has gone; the
 * coordinator can make it available again from the property's page). The day of acceptance stays on the offer.
 */
function endOffer(tx: CaseTx, o: OfferRow, outcome: 'withdrawn_by_landlord' | 'fell_through', on: IsoDate, text: string, env: OfferEnv): void {
  requireOpen(o, 'accepted');
  requireCaseIn(tx, o.case_id, ['offer_made', 'viewing', 'offer_accepted'], 'end this offer');
  notBefore(on, o.accepted_on ?? o.decided_on ?? o.offered_on, o.decided_on ? 'when the offer was accepted' : 'when the offer was made', 'decidedOn');
  const wasAccepted = acceptedWords(o);
  const label = outcome === 'withdrawn_by_landlord' ? 'Withdrawn by the landlord' : 'Fell through';
  transitionCase(tx, { id: o.case_id, to: 'circulated', reason: `${label}${text ? `: ${text}` : ''}`, effectiveOn: on }, env);
  const before = o.outcome;
  updateOffer(
    tx.db,
    o.id,
    { outcome, decided_on: on, outcome_text: text, stage_entered_on: on, address_line1: null, address_line2: null, address_town: null, address_postcode: null },
    tx.now.toISOString(),
  );
  if (o.property_id !== null) {
    // A landlord withdrawing usually means the property has gone; a let that falls through leaves it to offer again.
    moveProperty(tx, o.property_id, outcome === 'withdrawn_by_landlord' ? 'withdrawn' : 'available', on, 'offer', `${label} (${o.reference})`);
  }
  const counted = syncOffersMade(tx.db, o.case_id);
  tx.audit({
    action: outcome === 'withdrawn_by_landlord' ? 'offer.withdrawn_by_landlord' : 'offer.fell_through',
    entityType: 'offer',
    entityId: o.id,
    caseId: o.case_id,
    summary: `Case ${o.reference}: ${describe(o)} ${outcome === 'withdrawn_by_landlord' ? 'withdrawn by the landlord' : 'fell through'}${wasAccepted}; ${counted} ${counted === 1 ? 'offer counts' : 'offers count'} against the cap`,
    changes: [{ field: 'outcome', before, after: outcome }],
    reason: text === '' ? null : text,
  });
}

export function withdrawOffer(tx: CaseTx, req: Required<WithdrawOfferRequest>, env: OfferEnv): void {
  endOffer(tx, getOfferRow(tx.db, req.offerId), 'withdrawn_by_landlord', req.decidedOn, req.text.trim(), env);
}

export function offerFellThrough(tx: CaseTx, req: FellThroughRequest, env: OfferEnv): void {
  const text = req.text.trim();
  // An applicant's decline always counts against the cap: it can never be recorded as "fell through".
  if (readsAsApplicantDecline(text)) {
    refuse("That reads as the applicant turning the offer down. Record it as 'Declined by the applicant' instead; a decline counts against the offer cap.", {
      text: "This reads as the applicant's decision: record a decline instead",
    });
  }
  endOffer(tx, getOfferRow(tx.db, req.offerId), 'fell_through', req.decidedOn, text, env);
}

export function completeMove(tx: CaseTx, req: z.output<typeof completeMoveSchema>, env: OfferEnv): number {
  const c = getCaseRow(tx.db, req.caseId);
  if (moveRowForCase(tx.db, c.id)) refuse(`A move is already recorded for case ${c.reference}.`);
  const at = tx.now.toISOString();
  let moveId: number;
  if (req.route === 'reciprocal') {
    if (req.receivingBorough !== undefined) refuse('A reciprocal move takes its borough from the property; leave the borough out.');
    const accepted = offerRowsForCase(tx.db, c.id).find((o) => o.outcome === 'accepted' && o.moved === 0);
    const o = req.offerId === undefined ? accepted : getOfferRow(tx.db, req.offerId);
    if (!o || o.case_id !== c.id || o.outcome !== 'accepted') refuse(`Case ${c.reference} has no accepted offer to complete; record the acceptance first.`);
    const offer = o as OfferRow;
    if (offer.moved === 1) refuse('This offer has already been moved into.');
    if (c.state !== 'offer_accepted') refuse(`Case ${c.reference} is not at 'Offer accepted'.`);
    notBefore(req.tenancyStartOn, offer.decided_on ?? offer.offered_on, 'when the offer was accepted', 'tenancyStartOn');
    if (offer.property_id === null || offer.partner_id === null) {
      refuse('This offer was recorded before properties were tracked; give its landlord on the case page first.');
    }
    const property = getPropertyRow(tx.db, offer.property_id as number);
    moveId = insertMove(tx.db, {
      caseId: c.id,
      offerId: offer.id,
      route: 'reciprocal',
      homePartnerId: c.home_landlord_id,
      receivingPartnerId: offer.partner_id,
      receivingBorough: property.borough_code,
      tenancyStartOn: req.tenancyStartOn,
      adults: req.adults,
      children: req.children,
      at,
      actor: tx.actor,
    });
    moveProperty(tx, property.id, 'let', req.tenancyStartOn, 'offer', `Let to ${c.reference}`);
    transitionCase(tx, { id: c.id, to: 'moved', effectiveOn: req.tenancyStartOn }, env);
  } else {
    if (req.offerId !== undefined) refuse('A Housing Moves move is recorded without a reciprocal offer.');
    if (req.receivingBorough === undefined) {
      throw new AppFailure('VALIDATION', `Choose the borough the household moved to. ${nothing}`, {
        fields: { receivingBorough: 'Choose the borough moved to' },
      });
    }
    notBefore(req.tenancyStartOn, c.received_on, 'when the referral was received', 'tenancyStartOn');
    moveId = insertMove(tx.db, {
      caseId: c.id,
      offerId: null,
      route: 'housing_moves',
      homePartnerId: c.home_landlord_id,
      receivingPartnerId: null,
      receivingBorough: req.receivingBorough,
      tenancyStartOn: req.tenancyStartOn,
      adults: req.adults,
      children: req.children,
      at,
      actor: tx.actor,
    });
    const on = req.tenancyStartOn < c.state_entered_on ? c.state_entered_on : req.tenancyStartOn;
    transitionCase(tx, { id: c.id, to: 'moved', effectiveOn: on }, env, { moveRoute: 'housing_moves' });
  }
  const moved = getCaseRow(tx.db, c.id);
  transitionCase(tx, { id: c.id, to: 'closed', closureReason: 'moved', effectiveOn: moved.state_entered_on }, env);
  // The ledger books the move in this same transaction (issue 11).
  bookMove(tx, moveId, readLedgerPolicy(tx.db));
  const m = getMoveRow(tx.db, moveId);
  tx.audit({
    action: 'move.recorded',
    entityType: 'move',
    entityId: moveId,
    caseId: c.id,
    summary: `Case ${c.reference}: moved ${req.route === 'reciprocal' ? `by reciprocal offer to ${m.receiving_partner_name ?? 'the receiving landlord'}` : 'through the Housing Moves pathway'} in ${m.receiving_borough === null ? 'an unrecorded borough' : boroughName(m.receiving_borough)}; tenancy started ${formatUkDate(req.tenancyStartOn)}`,
    changes: [
      { field: 'route', before: null, after: req.route },
      { field: 'tenancyStartOn', before: null, after: req.tenancyStartOn },
      { field: 'adults', before: null, after: req.adults },
      { field: 'children', before: null, after: req.children },
    ],
  });
  return moveId;
}

/** A legacy offer's landlord: with it, the "declined by this landlord" rule can work for old declines too. */
export function completeLegacyOffer(tx: CaseTx, req: { offerId: number; partnerId: number }): void {
  const o = getOfferRow(tx.db, req.offerId);
  if (o.legacy === 0 || o.partner_id !== null) refuse('This offer already records its landlord.');
  const partner = tx.db.prepare('SELECT name FROM partners WHERE id = ?', { pluck: true }).get([req.partnerId]);
  if (typeof partner !== 'string')
    throw new AppFailure('NOT_FOUND', `That partner could not be found. ${nothing}`, { fields: { partnerId: 'Choose a partner' } });
  updateOffer(tx.db, o.id, { partner_id: req.partnerId }, tx.now.toISOString());
  tx.db.prepare('UPDATE moves SET receiving_partner_id = ? WHERE offer_id = ? AND receiving_partner_id IS NULL').run([req.partnerId, o.id]);
  // A legacy move waits for its receiving landlord before the ledger can book it (issue 11).
  const legacyMove = tx.db.prepare('SELECT id FROM moves WHERE offer_id = ?', { pluck: true }).get([o.id]) as number | undefined;
  if (legacyMove !== undefined) bookMove(tx, legacyMove, readLedgerPolicy(tx.db));
  tx.audit({
    action: 'offer.legacy_completed',
    entityType: 'offer',
    entityId: o.id,
    caseId: o.case_id,
    summary: `Case ${o.reference}: offer ${o.id} (recorded before properties were tracked) was made by ${partner}`,
    changes: [{ field: 'partnerId', before: null, after: req.partnerId }],
  });
}

export function completeLegacyMove(tx: CaseTx, req: z.output<typeof completeLegacyMoveSchema>): void {
  const m = getMoveRow(tx.db, req.moveId);
  if (m.legacy === 0) refuse('This move was recorded in full when it happened.');
  const c = getCaseRow(tx.db, m.case_id);
  tx.db
    .prepare('UPDATE moves SET receiving_partner_id = ?, receiving_borough = ?, tenancy_start_on = ?, adults = ?, children = ? WHERE id = ?')
    .run([req.receivingPartnerId, req.receivingBorough, req.tenancyStartOn, req.adults, req.children, m.id]);
  if (m.offer_id !== null) tx.db.prepare('UPDATE offers SET partner_id = coalesce(partner_id, ?) WHERE id = ?').run([req.receivingPartnerId, m.offer_id]);
  bookMove(tx, m.id, readLedgerPolicy(tx.db));
  tx.audit({
    action: 'move.legacy_completed',
    entityType: 'move',
    entityId: m.id,
    caseId: m.case_id,
    summary: `Case ${c.reference}: missing facts of the move (recorded before properties were tracked) added`,
    changes: [
      { field: 'receivingPartnerId', before: m.receiving_partner_id, after: req.receivingPartnerId },
      { field: 'receivingBorough', before: m.receiving_borough, after: req.receivingBorough },
      { field: 'tenancyStartOn', before: m.tenancy_start_on, after: req.tenancyStartOn },
      { field: 'adults', before: m.adults, after: req.adults },
      { field: 'children', before: m.children, after: req.children },
    ],
  });
}
