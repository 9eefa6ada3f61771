import { boroughName, type BoroughCode } from '../../contract/boroughs';
import { daysBetween, type IsoDate } from '../../contract/calendar-date';
import { CASE_STATE_LABELS, type AccessNeed, type CaseState } from '../../contract/cases';
import { formatUkDate } from '../../contract/dates';
import type { MatchOrder, RuleBreach } from '../../contract/offers';
import { missingCase } from '../../contract/missing-case';

/*
 * Matching, as pure functions over facts: does this case fit this property, and if not, every rule it breaks in
 * plain words. The SQL in match-queries.ts only narrows the field (by borough and bedrooms, on indexes) and loads
 * these facts; every decision is made here, so that the property → cases and case → properties views, the
 * explanation of a left-out case and the refusal of an offer can never disagree.
 */

export interface MatchPolicy {
  offerCap: number;
  /** The scheme offers like for like; the policy may allow one bedroom fewer or more. */
  bedroomsFewerAllowed: number;
  bedroomsMoreAllowed: number;
}

export interface PropertyFacts {
  id: number;
  partnerId: number;
  partnerName: string;
  borough: BoroughCode;
  bedrooms: number;
  access: AccessNeed;
  petsAllowed: boolean;
  availableFrom: IsoDate;
}

export interface CaseFacts {
  id: number;
  reference: string;
  state: CaseState;
  circulatedOn: IsoDate | null;
  currentBorough: BoroughCode;
  requestedBoroughs: readonly BoroughCode[];
  unsafeBoroughs: readonly BoroughCode[];
  bedrooms: number;
  access: AccessNeed;
  hasPets: boolean;
  wouldRehome: boolean;
  homeLandlordId: number;
  /** Offers that count against the cap (see offer-cap.ts). */
  countedOffers: number;
  /** The open (or accepted, not yet moved) offer the case is under, if any. */
  liveOffer: { propertyId: number | null; partnerName: string | null; offeredOn: IsoDate } | null;
  /** Landlords whose offer the applicant declined, with the date. */
  declinedLandlords: readonly { partnerId: number; decidedOn: IsoDate }[];
  /**
   * Added by the ledger issue (issue 11): the home landlord has reached the ledger cap (three unreciprocated
   * moves) with no recorded override. Supplied by the ledger's balance; false until that issue lands.
   */
  homeLandlordAtLedgerCap: boolean;
  /** The ledger's explanation when at the cap (issue 11). */
  homeLandlordLedgerCapDetail?: string;
}

/** "needs step-free access", "needs a wheelchair accessible home". */
const NEEDS: Readonly<Record<AccessNeed, string>> = { none: 'no access needs', step_free: 'step-free access', wheelchair: 'a wheelchair accessible home' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Access on one scale: wheelchair accessible is also step-free. */
export function accessMet(need: AccessNeed, has: AccessNeed): boolean {
  switch (need) {
    case 'none':
      return true;
    case 'step_free':
      return has === 'step_free' || has === 'wheelchair';
    case 'wheelchair':
      return has === 'wheelchair';
    default:
      return missingCase(need);
  }
}

/** Rules about the case alone: no property can change them. */
export function caseBreaches(c: CaseFacts, policy: MatchPolicy): RuleBreach[] {
  const out: RuleBreach[] = [];
  if (c.state !== 'circulated') {
    out.push({ rule: 'circulated', message: `the case is '${CASE_STATE_LABELS[c.state]}', not 'Circulated'` });
  }
  if (c.liveOffer !== null) {
    const from = c.liveOffer.partnerName === null ? '' : ` from ${c.liveOffer.partnerName}`;
    out.push({ rule: 'live_offer', message: `already has a live offer${from}, made on ${formatUkDate(c.liveOffer.offeredOn)}` });
  }
  if (c.countedOffers >= policy.offerCap) {
    out.push({
      rule: 'offer_cap',
      message: `has had ${plural(c.countedOffers, 'offer')}, the most the scheme allows (${policy.offerCap})`,
    });
  }
  if (c.homeLandlordAtLedgerCap) {
    out.push({
      rule: 'home_landlord_ledger_cap',
      message: c.homeLandlordLedgerCapDetail ?? 'the home landlord has reached the ledger cap of unreciprocated moves',
    });
  }
  return out;
}

/** Rules about this case and this property together. */
export function pairBreaches(p: PropertyFacts, c: CaseFacts, policy: MatchPolicy): RuleBreach[] {
  const out: RuleBreach[] = [];
  const borough = boroughName(p.borough);
  if (p.borough === c.currentBorough) out.push({ rule: 'borough_current', message: `${borough} is the applicant's current borough` });
  if (c.unsafeBoroughs.includes(p.borough)) out.push({ rule: 'borough_unsafe', message: `the applicant is unsafe in ${borough}` });
  if (!c.requestedBoroughs.includes(p.borough)) out.push({ rule: 'borough_requested', message: `did not request ${borough}` });
  const low = c.bedrooms - policy.bedroomsFewerAllowed;
  const high = c.bedrooms + policy.bedroomsMoreAllowed;
  if (p.bedrooms < low || p.bedrooms > high) {
    out.push({ rule: 'bedrooms', message: `needs ${plural(c.bedrooms, 'bedroom')}; this has ${p.bedrooms}` });
  }
  const declined = c.declinedLandlords.find((d) => d.partnerId === p.partnerId);
  if (declined) out.push({ rule: 'declined_landlord', message: `declined an offer from this landlord on ${formatUkDate(declined.decidedOn)}` });
  if (!accessMet(c.access, p.access)) {
    out.push({
      rule: 'access',
      message: `needs ${NEEDS[c.access]}; this property is ${p.access === 'none' ? 'not step-free' : 'step-free but not wheelchair accessible'}`,
    });
  }
  if (c.hasPets && !p.petsAllowed && !c.wouldRehome) {
    out.push({ rule: 'pets', message: 'has a pet and would not rehome it; this property does not allow pets' });
  }
  return out;
}

/** Every rule the pair breaks: empty means the property can be offered to the case. */
export function breaches(p: PropertyFacts, c: CaseFacts, policy: MatchPolicy): RuleBreach[] {
  return [...caseBreaches(c, policy), ...pairBreaches(p, c, policy)];
}

/** Why a matching pair fits, in the coordinator's words. */
export function fitReasons(p: PropertyFacts, c: CaseFacts, today: IsoDate): string[] {
  const reasons: string[] = [];
  if (c.circulatedOn !== null) reasons.push(`waiting ${plural(Math.max(0, daysBetween(c.circulatedOn, today)), 'day')} since circulation`);
  reasons.push(`requested ${plural(c.requestedBoroughs.length, 'borough')}`);
  reasons.push(
    p.bedrooms === c.bedrooms
      ? `needs ${plural(c.bedrooms, 'bedroom')}: like for like`
      : `needs ${plural(c.bedrooms, 'bedroom')}; this has ${p.bedrooms} (the policy allows this)`,
  );
  if (c.access !== 'none') reasons.push(`needs ${NEEDS[c.access]}: met`);
  if (c.hasPets) reasons.push(p.petsAllowed ? 'has a pet: pets allowed' : 'has a pet: would rehome it');
  return reasons;
}

/** Code-unit order, as SQLite's BINARY collation sorts: match-queries.ts walks the same orders in SQL, page by page. */
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The documented orders. Ties fall back to the reference, so the order is stable from one look to the next.
 * match-queries.ts's `rankedCandidates` pages through cases in exactly these orders (tested against this).
 */
export function compareCases(order: MatchOrder): (a: CaseFacts, b: CaseFacts) => number {
  const byRef = (a: CaseFacts, b: CaseFacts) => binary(a.reference, b.reference);
  // A case without a circulation date has waited "forever" in no meaningful sense; it goes last.
  const waited = (c: CaseFacts) => c.circulatedOn ?? '9999-12-31';
  switch (order) {
    case 'waiting':
      return (a, b) => binary(waited(a), waited(b)) || byRef(a, b);
    case 'fewest_boroughs':
      return (a, b) => a.requestedBoroughs.length - b.requestedBoroughs.length || binary(waited(a), waited(b)) || byRef(a, b);
    case 'reference':
      return byRef;
    default:
      return missingCase(order);
  }
}

/** Properties for a case: the one available soonest first, then the newest record. */
export function compareProperties(a: PropertyFacts, b: PropertyFacts): number {
  return a.availableFrom.localeCompare(b.availableFrom) || a.id - b.id;
}
