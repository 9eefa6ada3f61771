import type { Db } from '../db/types';

/*
 * When one case may be erased on request (UK GDPR article 17). Erasure is refused while the case is open (any state
 * but closed, including on hold and every offer stage): the scheme is still acting on the referral, landlords hold
 * its pack and may make an offer, and erasing the identity under a live case would leave an offer or a move that no
 * one can reach. The coordinator first withdraws and closes the case (the applicant's request is the withdrawal
 * reason), which article 17 allows for as "no longer necessary". A closed case can be erased at any time; the ledger
 * keeps its entries (they name the case reference, not the person), and so does the anonymous circulation record.
 * A case already anonymised has nothing left to erase.
 */
export function eraseRefusal(db: Db, row: { id: number; reference: string; state: string; anonymised_at: string | null }): string | null {
  if (row.anonymised_at !== null) return `Case ${row.reference} has already been anonymised: there is nothing left to erase. Nothing was changed.`;
  if (row.state !== 'closed') {
    return `Case ${row.reference} is still open. Withdraw and close it first (give the applicant's request as the reason), then erase it. Nothing was changed.`;
  }
  const openOffer = db.prepare('SELECT 1 FROM offers WHERE case_id = ? AND outcome IS NULL', { pluck: true }).get([row.id]);
  if (openOffer !== undefined) return `Case ${row.reference} still has an open offer. Record its outcome first. Nothing was changed.`;
  return null;
}
