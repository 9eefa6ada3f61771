import type { OfferOutcome } from '../../contract/offers';
import { missingCase } from '../../contract/missing-case';
import type { Db } from '../db/types';

/*
 * Which offers count against the offer cap, in one place. The rule is the applicant's chance: an offer the applicant
 * had (and could accept or decline) counts; one the landlord took back, or that fell through for a reason that was
 * not the applicant's decision, does not. An applicant's decline always counts, and offer-actions.ts refuses to
 * record one as "fell through".
 */
export function countsAgainstCap(outcome: OfferOutcome | null, legacy: boolean): boolean {
  if (outcome === null) return true; // open: the applicant has this chance now
  switch (outcome) {
    case 'accepted':
    case 'declined':
      return true;
    case 'withdrawn_by_landlord':
      return false;
    case 'fell_through':
      // Before offers were rows, a decline could be recorded as "fell through"; those keep counting as the old
      // counter counted them, so the migration changes no case's standing against the cap.
      return legacy;
    case 'not_recorded':
      return true;
    default:
      return missingCase(outcome);
  }
}

/** The same rule in SQL, for the matching queries (alias `o` for offers). Tested against `countsAgainstCap`. */
export const COUNTED_OFFER_SQL =
  "(o.outcome IS NULL OR o.outcome = 'accepted' OR o.outcome = 'declined' OR o.outcome = 'not_recorded' OR (o.outcome = 'fell_through' AND o.legacy = 1))";

export function countedOffers(db: Db, caseId: number): number {
  return db.prepare(`SELECT count(*) FROM offers o WHERE o.case_id = ? AND ${COUNTED_OFFER_SQL}`, { pluck: true }).get([caseId]) as number;
}

/** `cases.offers_made` is the cached count the lifecycle reads; it is rebuilt from the rows in the same transaction. */
export function syncOffersMade(db: Db, caseId: number): number {
  const n = countedOffers(db, caseId);
  db.prepare('UPDATE cases SET offers_made = ? WHERE id = ?').run([n, caseId]);
  return n;
}

/**
 * Text that reads as the applicant turning the property down. "Fell through" is for the landlord's or the
 * circumstances' reasons; a decline written there would dodge the cap.
 */
const APPLICANT_DECISION =
  /\b(declin\w*|turn(ed|s|ing)? (it )?down|refus\w*|reject\w*|did(n't| not) want|does(n't| not) want|not interested|changed (her|his|their) mind)\b/i;

export function readsAsApplicantDecline(text: string): boolean {
  return APPLICANT_DECISION.test(text);
}
