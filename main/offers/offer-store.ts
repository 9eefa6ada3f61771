import { addDays, daysBetween, type IsoDate } from '../../contract/calendar-date';
import type { BoroughCode } from '../../contract/boroughs';
import type { DeclineReason, MoveRoute, MoveView, OfferOutcome, OfferStage, OfferView } from '../../contract/offers';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { countsAgainstCap } from './offer-cap';
import { findPropertyRow, toPropertyView } from './property-store';

/** Repository for offers and moves: rows in, views out, db first. Rules are in offer-actions.ts. */

export type OfferRow = {
  id: number;
  case_id: number;
  reference: string;
  property_id: number | null;
  partner_id: number | null;
  partner_name: string | null;
  legacy: number;
  offered_on: IsoDate;
  viewing_on: IsoDate | null;
  outcome: OfferOutcome | null;
  decided_on: IsoDate | null;
  /** Kept when an accepted offer later ends before the move (decided_on then holds the day it ended). */
  accepted_on: IsoDate | null;
  decline_reason: DeclineReason | null;
  outcome_text: string;
  stage_entered_on: IsoDate;
  planned_start_on: IsoDate | null;
  override_rules: string | null;
  override_reason: string | null;
  address_line1: string | null;
  moved: number;
};

const OFFER_SELECT = `SELECT o.id, o.case_id, c.reference, o.property_id, o.partner_id, pa.name AS partner_name, o.legacy, o.offered_on, o.viewing_on,
  o.outcome, o.decided_on, o.accepted_on, o.decline_reason, o.outcome_text, o.stage_entered_on, o.planned_start_on, o.override_rules, o.override_reason,
  o.address_line1, EXISTS (SELECT 1 FROM moves m WHERE m.offer_id = o.id) AS moved
  FROM offers o JOIN cases c ON c.id = o.case_id LEFT JOIN partners pa ON pa.id = o.partner_id`;

/** Where an offer stands on the Offers board, or null once it is over (ended, or moved into). */
export function offerStage(r: Pick<OfferRow, 'outcome' | 'viewing_on' | 'planned_start_on' | 'moved'>, today: IsoDate): OfferStage | null {
  if (r.outcome === null) {
    if (r.viewing_on === null) return 'offered';
    return r.viewing_on >= today ? 'viewing_booked' : 'awaiting_decision';
  }
  if (r.outcome === 'accepted' && r.moved === 0) return r.planned_start_on === null ? 'accepted' : 'awaiting_move';
  return null;
}

/** The day the offer entered its stage: "awaiting decision" starts the day after the viewing. */
export function stageEnteredOn(r: Pick<OfferRow, 'outcome' | 'viewing_on' | 'planned_start_on' | 'moved' | 'stage_entered_on'>, today: IsoDate): IsoDate {
  const stage = offerStage(r, today);
  if (stage === 'awaiting_decision' && r.viewing_on !== null) return addDays(r.viewing_on, 1);
  return r.stage_entered_on;
}

function offerMissing(r: OfferRow): string[] {
  if (r.legacy === 0) return [];
  const out: string[] = [];
  if (r.partner_id === null) out.push('which landlord made the offer');
  if (r.property_id === null) out.push('the property (recorded before properties were tracked)');
  return out;
}

export function toOfferView(db: Db, r: OfferRow, today: IsoDate): OfferView {
  const stage = offerStage(r, today);
  const entered = stageEnteredOn(r, today);
  const property = r.property_id === null ? undefined : findPropertyRow(db, r.property_id);
  return {
    id: r.id,
    caseId: r.case_id,
    reference: r.reference,
    propertyId: r.property_id,
    property: property ? toPropertyView(property) : null,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    legacy: r.legacy === 1,
    offeredOn: r.offered_on,
    viewingOn: r.viewing_on,
    outcome: r.outcome,
    decidedOn: r.decided_on,
    acceptedOn: r.accepted_on,
    declineReason: r.decline_reason,
    outcomeText: r.outcome_text,
    stage,
    stageEnteredOn: entered,
    ageInStageDays: Math.max(0, daysBetween(entered, today)),
    countsAgainstCap: countsAgainstCap(r.outcome, r.legacy === 1),
    override: r.override_rules === null ? null : { rules: JSON.parse(r.override_rules) as string[], reason: r.override_reason ?? '' },
    plannedStartOn: r.planned_start_on,
    hasAddress: r.address_line1 !== null,
    missing: offerMissing(r),
  };
}

export function findOfferRow(db: Db, id: number): OfferRow | undefined {
  return db.prepare(`${OFFER_SELECT} WHERE o.id = ?`).get<OfferRow>([id]);
}

export function getOfferRow(db: Db, id: number): OfferRow {
  const row = findOfferRow(db, id);
  if (!row) throw new AppFailure('NOT_FOUND', 'That offer could not be found. It may have been opened from an old link. Nothing was changed.');
  return row;
}

export function offerRowsForCase(db: Db, caseId: number): OfferRow[] {
  return db.prepare(`${OFFER_SELECT} WHERE o.case_id = ? ORDER BY o.offered_on DESC, o.id DESC`).all<OfferRow>([caseId]);
}

/** Offers still on the board: open, or accepted and not yet moved into. */
export function openOfferRows(db: Db): OfferRow[] {
  return db
    .prepare(
      `${OFFER_SELECT} WHERE o.outcome IS NULL OR (o.outcome = 'accepted' AND NOT EXISTS (SELECT 1 FROM moves m WHERE m.offer_id = o.id)) ORDER BY o.offered_on, o.id`,
    )
    .all<OfferRow>();
}

/** Accepted offers that then ended before the move (pulled out, withdrawn, fell through), decided on or after `since`. */
export function endedAfterAcceptanceRows(db: Db, since: IsoDate): OfferRow[] {
  return db
    .prepare(`${OFFER_SELECT} WHERE o.accepted_on IS NOT NULL AND o.outcome <> 'accepted' AND o.decided_on >= ? ORDER BY o.decided_on DESC, o.id DESC`)
    .all<OfferRow>([since]);
}

export interface NewOffer {
  caseId: number;
  propertyId: number;
  partnerId: number;
  offeredOn: IsoDate;
  overrideRules: string[] | null;
  overrideReason: string | null;
  at: string;
}

export function insertOffer(db: Db, o: NewOffer): number {
  return db
    .prepare(
      `INSERT INTO offers (case_id, property_id, partner_id, legacy, offered_on, stage_entered_on, override_rules, override_reason, created_at, updated_at)
       VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
    )
    .run([
      o.caseId,
      o.propertyId,
      o.partnerId,
      o.offeredOn,
      o.offeredOn,
      o.overrideRules ? JSON.stringify(o.overrideRules) : null,
      o.overrideReason,
      o.at,
      o.at,
    ]).lastInsertRowid;
}

export function updateOffer(db: Db, id: number, cols: Record<string, string | number | null>, at: string): void {
  const names = Object.keys(cols);
  db.prepare(`UPDATE offers SET ${names.map((n) => `${n} = $${n}`).join(', ')}, updated_at = $at WHERE id = $id`).run({ ...cols, at, id });
}

// --- Moves ---------------------------------------------------------------------------------------------------

export type MoveRow = {
  id: number;
  case_id: number;
  offer_id: number | null;
  route: MoveRoute;
  home_partner_id: number;
  receiving_partner_id: number | null;
  receiving_partner_name: string | null;
  receiving_borough: BoroughCode | null;
  tenancy_start_on: IsoDate | null;
  adults: number | null;
  children: number | null;
  legacy: number;
};

/** Everything the ledger (issue 11) books a move from: case, offer, both landlords, route and the date. */
export interface NewMove {
  caseId: number;
  offerId: number | null;
  route: MoveRoute;
  homePartnerId: number;
  receivingPartnerId: number | null;
  receivingBorough: BoroughCode;
  tenancyStartOn: IsoDate;
  adults: number;
  children: number;
  at: string;
  actor: string;
}

export function insertMove(db: Db, m: NewMove): number {
  return db
    .prepare(
      `INSERT INTO moves (case_id, offer_id, route, home_partner_id, receiving_partner_id, receiving_borough, tenancy_start_on, adults, children, legacy, created_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run([m.caseId, m.offerId, m.route, m.homePartnerId, m.receivingPartnerId, m.receivingBorough, m.tenancyStartOn, m.adults, m.children, m.at, m.actor])
    .lastInsertRowid;
}

const MOVE_SELECT = `SELECT m.id, m.case_id, m.offer_id, m.route, m.home_partner_id, m.receiving_partner_id, pa.name AS receiving_partner_name,
  m.receiving_borough, m.tenancy_start_on, m.adults, m.children, m.legacy
  FROM moves m LEFT JOIN partners pa ON pa.id = m.receiving_partner_id`;

export function moveRowForCase(db: Db, caseId: number): MoveRow | undefined {
  return db.prepare(`${MOVE_SELECT} WHERE m.case_id = ?`).get<MoveRow>([caseId]);
}

export function getMoveRow(db: Db, id: number): MoveRow {
  const row = db.prepare(`${MOVE_SELECT} WHERE m.id = ?`).get<MoveRow>([id]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That move could not be found. Nothing was changed.');
  return row;
}

export function moveMissing(r: MoveRow): string[] {
  const out: string[] = [];
  if (r.route === 'reciprocal' && r.receiving_partner_id === null) out.push('the landlord that let the new home');
  if (r.receiving_borough === null) out.push('the borough moved to');
  if (r.tenancy_start_on === null) out.push('the tenancy start date');
  if (r.adults === null || r.children === null) out.push('the number of adults and children who moved');
  return out;
}

export function toMoveView(r: MoveRow): MoveView {
  return {
    id: r.id,
    caseId: r.case_id,
    offerId: r.offer_id,
    route: r.route,
    homePartnerId: r.home_partner_id,
    receivingPartnerId: r.receiving_partner_id,
    receivingPartnerName: r.receiving_partner_name,
    receivingBorough: r.receiving_borough,
    tenancyStartOn: r.tenancy_start_on,
    adults: r.adults,
    children: r.children,
    legacy: r.legacy === 1,
    missing: moveMissing(r),
  };
}
