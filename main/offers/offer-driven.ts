import type { CaseState } from '../../contract/cases';
import type { Db } from '../db/types';

/*
 * Since issue 10, an offer is a row: the case moves into and out of its offer states only through the offer actions
 * (which call the lifecycle in the same transaction). A bare "record an offer" on the case would bring back the
 * counter model and its dodges, so the generic transition refuses these moves and says where to go instead.
 */
const OFFER_STATES: readonly CaseState[] = ['offer_made', 'viewing', 'offer_accepted'];

export function isOfferDriven(from: CaseState, to: CaseState): boolean {
  if (from === 'on_hold') return false; // resuming returns to a state the offer already put the case in
  if (to === 'offer_made' || to === 'viewing' || to === 'offer_accepted' || to === 'offer_declined' || to === 'moved') return true;
  return to === 'circulated' && OFFER_STATES.includes(from);
}

export function offerDrivenRefusal(db: Db, caseId: number, from: CaseState, to: CaseState): string | null {
  if (isOfferDriven(from, to)) {
    return to === 'moved'
      ? 'Record the move with "Move completed" in the offers section of the case page (it needs the tenancy start and who moved).'
      : 'Offers are recorded against a property: use the offers section of the case page, or Properties → Matches.';
  }
  if (to === 'withdrawn' || to === 'closed') {
    const open = db.prepare('SELECT 1 FROM offers WHERE case_id = ? AND outcome IS NULL', { pluck: true }).get([caseId]);
    if (open !== undefined) return "This case has an open offer; record the offer's outcome first.";
  }
  // An accepted offer holds its property for this applicant until the move: withdrawing the case under it would
  // leave the property promised to nobody, so the offer is ended first (it can end before the move). Only the move to
  // withdrawn is checked: a case withdrawn like that before this rule must still be able to close.
  if (to === 'withdrawn') {
    const accepted = db
      .prepare("SELECT 1 FROM offers o WHERE o.case_id = ? AND o.outcome = 'accepted' AND NOT EXISTS (SELECT 1 FROM moves m WHERE m.offer_id = o.id)", {
        pluck: true,
      })
      .get([caseId]);
    if (accepted !== undefined) {
      return 'This case has an accepted offer and no move yet: record the move, or that the offer ended before the move, first.';
    }
  }
  return null;
}
