import type { IsoDate } from '../../contract/calendar-date';
import {
  ENDED_AFTER_ACCEPTANCE_DAYS,
  OFFER_STAGE_LABELS,
  OFFER_STAGES,
  type CaseOffers,
  type OffersBoard,
  type PartnerOfferSummary,
  type StaleOffer,
} from '../../contract/offers';
import type { Db } from '../db/types';
import { countedOffers } from './offer-cap';
import { endedAfterAcceptanceRows, moveRowForCase, offerRowsForCase, openOfferRows, toMoveView, toOfferView } from './offer-store';
import { addDays } from '../../contract/calendar-date';
import { listProperties } from './property-store';
import { findPropertyRow, toPropertyView } from './property-store';
import type { DeclineReason } from '../../contract/offers';

/** Read models: the Offers board, stale offers for Home, a case's offers, a partner's properties. */

export function offersBoard(db: Db, today: IsoDate, staleAfterDays: number): OffersBoard {
  const views = openOfferRows(db).map((r) => toOfferView(db, r, today));
  return {
    staleAfterDays,
    stages: OFFER_STAGES.map((stage) => ({
      stage,
      label: OFFER_STAGE_LABELS[stage],
      // The longest in the stage first: those are the ones to chase.
      offers: views.filter((v) => v.stage === stage).sort((a, b) => b.ageInStageDays - a.ageInStageDays || a.id - b.id),
    })),
    // An accepted offer that ends before the move leaves the stages; the board still shows it for a while, so that a
    // coordinator sees the home and the case came back rather than an offer silently vanishing.
    endedAfterAcceptance: endedAfterAcceptanceRows(db, addDays(today, -ENDED_AFTER_ACCEPTANCE_DAYS)).map((r) => toOfferView(db, r, today)),
  };
}

/** Offers left longer than the policy allows in one stage: these join Home's reminders. */
export function staleOffers(db: Db, today: IsoDate, staleAfterDays: number): StaleOffer[] {
  return offersBoard(db, today, staleAfterDays).stages.flatMap((s) =>
    s.offers
      .filter((o) => o.ageInStageDays > staleAfterDays)
      .map((o) => ({
        offerId: o.id,
        caseId: o.caseId,
        reference: o.reference,
        stage: s.stage,
        ageInStageDays: o.ageInStageDays,
        text: `${o.reference}: '${s.label}' for ${o.ageInStageDays} days${o.partnerName ? ` (${o.partnerName})` : ''}`,
      })),
  );
}

export function caseOffers(db: Db, caseId: number, today: IsoDate, offerCap: number): CaseOffers {
  const move = moveRowForCase(db, caseId);
  return {
    caseId,
    offers: offerRowsForCase(db, caseId).map((r) => toOfferView(db, r, today)),
    move: move ? toMoveView(move) : null,
    offerCap,
    countedOffers: countedOffers(db, caseId),
  };
}

export function partnerOfferSummary(db: Db, partnerId: number): PartnerOfferSummary {
  const declined = db
    .prepare(
      `SELECT o.id, c.reference, o.property_id, o.decided_on, o.decline_reason FROM offers o JOIN cases c ON c.id = o.case_id
       WHERE o.partner_id = ? AND o.outcome = 'declined' ORDER BY o.decided_on DESC, o.id DESC LIMIT 200`,
    )
    .all<{ id: number; reference: string; property_id: number | null; decided_on: IsoDate; decline_reason: DeclineReason | null }>([partnerId]);
  return {
    offered: listProperties(db, { partnerId, state: 'offered', offset: 0, limit: 200 }).rows,
    let: listProperties(db, { partnerId, state: 'let', offset: 0, limit: 200 }).rows,
    declinedByApplicants: declined.map((d) => {
      const p = d.property_id === null ? undefined : findPropertyRow(db, d.property_id);
      return { offerId: d.id, reference: d.reference, property: p ? toPropertyView(p) : null, decidedOn: d.decided_on, reason: d.decline_reason };
    }),
  };
}
