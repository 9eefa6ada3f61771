import type { PartnerOption } from '../../contract/case-views';
import type { Db } from '../db/types';
import type { HomeLandlordFacts } from './eligibility';

/*
 * The little cases need from the partners directory (migration 002, owned by the directory feature): names and
 * statuses. Read directly rather than through the directory's repository so that neither feature has to change
 * when the other grows.
 */

export function homeLandlordFacts(db: Db, partnerId: number): HomeLandlordFacts | undefined {
  return db.prepare('SELECT name, status FROM partners WHERE id = ?').get<HomeLandlordFacts>([partnerId]);
}

/** Every partner, for the home landlord list: left and suspended ones too, so the form can say why they fail. */
export function partnerOptions(db: Db): PartnerOption[] {
  return db.prepare('SELECT id, name, status FROM partners ORDER BY name COLLATE NOCASE').all<PartnerOption>();
}
