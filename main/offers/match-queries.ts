import type { BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { AccessNeed, CaseState } from '../../contract/cases';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { COUNTED_OFFER_SQL } from './offer-cap';
import type { CaseFacts } from './match-rules';
import { PROPERTY_SELECT, type PropertyRow } from './property-store';

/*
 * The SQL side of matching: narrow the field on indexes, then load exactly the facts match-rules.ts decides on.
 * - property → cases: `case_boroughs_borough (kind, borough_code, case_id)` gives the cases that requested the
 *   property's borough; `cases_state` counts the rest. Per case, the offer facts are index probes on `offers_case`.
 * - case → properties: `properties_matching (status, borough_code, bedrooms)`, one range per requested borough.
 */

/** The ledger issue (issue 11) supplies this: whether a home landlord is at the ledger cap with no override. */
export interface LedgerCapCheck {
  atCap(homeLandlordId: number, caseId: number): boolean;
  /** The ledger's words for why: the partner, its count and the moves behind it, by reference. */
  explain?(homeLandlordId: number): string;
}

type FactsRow = {
  id: number;
  reference: string;
  state: CaseState;
  circulated_on: IsoDate | null;
  current_borough: BoroughCode;
  bedrooms: number;
  access_need: AccessNeed;
  has_pets: number;
  would_consider_rehoming: string | null;
  home_landlord_id: number;
  boroughs: string | null;
  counted: number;
  live_offered_on: IsoDate | null;
  live_partner: string | null;
  live_property: number | null;
  declined: string | null;
};

/** A live offer: open, or accepted and not yet moved into. */
const LIVE = `(o.outcome IS NULL OR (o.outcome = 'accepted' AND NOT EXISTS (SELECT 1 FROM moves m WHERE m.offer_id = o.id)))`;

const FACTS_SELECT = `SELECT c.id, c.reference, c.state, c.circulated_on, c.current_borough, c.bedrooms, c.access_need, c.has_pets,
    c.would_consider_rehoming, c.home_landlord_id,
    (SELECT group_concat(b.kind || ':' || b.borough_code) FROM case_boroughs b WHERE b.case_id = c.id) AS boroughs,
    (SELECT count(*) FROM offers o WHERE o.case_id = c.id AND ${COUNTED_OFFER_SQL}) AS counted,
    (SELECT o.offered_on FROM offers o WHERE o.case_id = c.id AND ${LIVE} ORDER BY o.id DESC LIMIT 1) AS live_offered_on,
    (SELECT pa.name FROM offers o JOIN partners pa ON pa.id = o.partner_id WHERE o.case_id = c.id AND ${LIVE} ORDER BY o.id DESC LIMIT 1) AS live_partner,
    (SELECT o.property_id FROM offers o WHERE o.case_id = c.id AND ${LIVE} ORDER BY o.id DESC LIMIT 1) AS live_property,
    (SELECT group_concat(o.partner_id || ':' || o.decided_on) FROM offers o
       WHERE o.case_id = c.id AND o.outcome = 'declined' AND o.partner_id IS NOT NULL) AS declined`;

function toFacts(r: FactsRow, ledger: LedgerCapCheck | undefined): CaseFacts {
  const requested: BoroughCode[] = [];
  const unsafe: BoroughCode[] = [];
  for (const pair of r.boroughs?.split(',') ?? []) {
    const [kind, code] = pair.split(':') as [string, BoroughCode];
    (kind === 'requested' ? requested : unsafe).push(code);
  }
  const declinedLandlords = (r.declined?.split(',') ?? []).map((pair) => {
    const [partnerId, decidedOn] = pair.split(':');
    return { partnerId: Number(partnerId), decidedOn: decidedOn ?? '' };
  });
  const facts: CaseFacts = {
    id: r.id,
    reference: r.reference,
    state: r.state,
    circulatedOn: r.circulated_on,
    currentBorough: r.current_borough,
    requestedBoroughs: requested,
    unsafeBoroughs: unsafe,
    bedrooms: r.bedrooms,
    access: r.access_need,
    hasPets: r.has_pets === 1,
    wouldRehome: r.would_consider_rehoming === 'yes',
    homeLandlordId: r.home_landlord_id,
    countedOffers: r.counted,
    liveOffer: r.live_offered_on === null ? null : { offeredOn: r.live_offered_on, partnerName: r.live_partner, propertyId: r.live_property },
    declinedLandlords,
    homeLandlordAtLedgerCap: ledger?.atCap(r.home_landlord_id, r.id) ?? false,
  };
  if (facts.homeLandlordAtLedgerCap && ledger?.explain) facts.homeLandlordLedgerCapDetail = ledger.explain(r.home_landlord_id);
  return facts;
}

export function caseFacts(db: Db, caseId: number, ledger?: LedgerCapCheck): CaseFacts {
  const row = db.prepare(`${FACTS_SELECT} FROM cases c WHERE c.id = ?`).get<FactsRow>([caseId]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That case could not be found. It may have been opened from an old link. Nothing was changed.');
  return toFacts(row, ledger);
}

/** Circulated cases that requested the borough: everyone a property there could house, before the other rules. */
export function circulatedCasesRequesting(db: Db, borough: BoroughCode, ledger?: LedgerCapCheck): CaseFacts[] {
  return db
    .prepare(
      `${FACTS_SELECT} FROM case_boroughs r JOIN cases c ON c.id = r.case_id
       WHERE r.kind = 'requested' AND r.borough_code = ? AND c.state = 'circulated'`,
    )
    .all<FactsRow>([borough])
    .map((r) => toFacts(r, ledger));
}

export function circulatedCaseCount(db: Db): number {
  return db.prepare("SELECT count(*) FROM cases WHERE state = 'circulated'", { pluck: true }).get() as number;
}

/** Available properties in any of the boroughs. */
export function availablePropertiesIn(db: Db, boroughs: readonly BoroughCode[]): PropertyRow[] {
  if (boroughs.length === 0) return [];
  return db
    .prepare(`${PROPERTY_SELECT} WHERE p.status = 'available' AND p.borough_code IN (${boroughs.map(() => '?').join(', ')})`)
    .all<PropertyRow>([...boroughs]);
}

export function availablePropertyCount(db: Db): number {
  return db.prepare("SELECT count(*) FROM properties WHERE status = 'available'", { pluck: true }).get() as number;
}
