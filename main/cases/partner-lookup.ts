import type { NamedLead, PartnerOption } from '../../contract/case-views';
import { CASE_STATES, type CaseState } from '../../contract/cases';
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

/** The home landlord's current Named Leads: who approves, and how to reach them. */
export function namedLeads(db: Db, partnerId: number): NamedLead[] {
  return db
    .prepare(
      `SELECT name, role, phone, email, secure_email AS secureEmail FROM contacts
       WHERE partner_id = ? AND kind = 'named_lead' AND removed_at IS NULL ORDER BY name COLLATE NOCASE`,
    )
    .all<NamedLead & Record<string, string>>([partnerId]);
}

/** "Cases from this landlord", by state, for the partner page. */
export function casesByStateForLandlord(db: Db, partnerId: number): { state: CaseState; count: number }[] {
  const order = new Map(CASE_STATES.map((s, i) => [s, i]));
  return db
    .prepare('SELECT state, count(*) AS count FROM cases WHERE home_landlord_id = ? GROUP BY state')
    .all<{ state: CaseState; count: number }>([partnerId])
    .sort((a, b) => (order.get(a.state) ?? 0) - (order.get(b.state) ?? 0));
}
