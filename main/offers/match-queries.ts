import type { BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { AccessNeed, CaseState } from '../../contract/cases';
import { missingCase } from '../../contract/missing-case';
import type { CandidateCursor, MatchOrder } from '../../contract/offers';
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
  counted: number;
};

/** A live offer: open, or accepted and not yet moved into. */
const LIVE = `(o.outcome IS NULL OR (o.outcome = 'accepted' AND NOT EXISTS (SELECT 1 FROM moves m WHERE m.offer_id = o.id)))`;

const FACTS_COLUMNS = `c.id, c.reference, c.state, c.circulated_on, c.current_borough, c.bedrooms, c.access_need, c.has_pets,
    c.would_consider_rehoming, c.home_landlord_id,
    (SELECT count(*) FROM offers o WHERE o.case_id = c.id AND ${COUNTED_OFFER_SQL}) AS counted`;

/**
 * Loads the facts of every case that `from … where` selects (alias `c`). Boroughs, declines and live offers come from
 * joined queries rather than a string or a sorted subquery per case: with SQLCipher's memory security on, building one string per case
 * cost about 0.15 ms each, which was most of the time of matching one property against 50,000 cases.
 */
function loadFacts(db: Db, from: string, where: string, params: (string | number)[], ledger: LedgerCapCheck | undefined): CaseFacts[] {
  const rows = db.prepare(`SELECT ${FACTS_COLUMNS} FROM ${from} WHERE ${where}`).all<FactsRow>(params);
  if (rows.length === 0) return [];
  const requested = new Map<number, BoroughCode[]>();
  const unsafe = new Map<number, BoroughCode[]>();
  const boroughs = db
    .prepare(`SELECT b.case_id, b.kind, b.borough_code FROM ${from} JOIN case_boroughs b ON b.case_id = c.id WHERE ${where}`)
    .all<{ case_id: number; kind: string; borough_code: BoroughCode }>(params);
  for (const b of boroughs) {
    const into = b.kind === 'requested' ? requested : unsafe;
    const list = into.get(b.case_id);
    if (list) list.push(b.borough_code);
    else into.set(b.case_id, [b.borough_code]);
  }
  const declined = new Map<number, { partnerId: number; decidedOn: IsoDate }[]>();
  const declines = db
    .prepare(
      `SELECT o.case_id, o.partner_id, o.decided_on FROM ${from}
       JOIN offers o ON o.case_id = c.id AND o.outcome = 'declined' AND o.partner_id IS NOT NULL WHERE ${where}`,
    )
    .all<{ case_id: number; partner_id: number; decided_on: IsoDate }>(params);
  for (const d of declines) {
    const list = declined.get(d.case_id) ?? [];
    list.push({ partnerId: d.partner_id, decidedOn: d.decided_on });
    declined.set(d.case_id, list);
  }
  const live = new Map<number, CaseFacts['liveOffer']>();
  const lives = db
    .prepare(
      `SELECT o.case_id, o.offered_on, o.property_id, pa.name AS partner_name FROM ${from}
       JOIN offers o ON o.case_id = c.id AND ${LIVE} LEFT JOIN partners pa ON pa.id = o.partner_id WHERE ${where} ORDER BY o.id`,
    )
    .all<{ case_id: number; offered_on: IsoDate; property_id: number | null; partner_name: string | null }>(params);
  // Ordered by id, so the newest live offer of a case is the one kept.
  for (const l of lives) live.set(l.case_id, { offeredOn: l.offered_on, partnerName: l.partner_name, propertyId: l.property_id });
  return rows.map((r) => {
    // One probe of the case's overrides per case, not one for the flag and another for its words.
    const atCap = ledger?.atCap(r.home_landlord_id, r.id) ?? false;
    return {
      id: r.id,
      reference: r.reference,
      state: r.state,
      circulatedOn: r.circulated_on,
      currentBorough: r.current_borough,
      requestedBoroughs: requested.get(r.id) ?? [],
      unsafeBoroughs: unsafe.get(r.id) ?? [],
      bedrooms: r.bedrooms,
      access: r.access_need,
      hasPets: r.has_pets === 1,
      wouldRehome: r.would_consider_rehoming === 'yes',
      homeLandlordId: r.home_landlord_id,
      countedOffers: r.counted,
      liveOffer: live.get(r.id) ?? null,
      declinedLandlords: declined.get(r.id) ?? [],
      homeLandlordAtLedgerCap: atCap,
      ...(ledger?.explain && atCap ? { homeLandlordLedgerCapDetail: ledger.explain(r.home_landlord_id) } : {}),
    };
  });
}

export function caseFacts(db: Db, caseId: number, ledger?: LedgerCapCheck): CaseFacts {
  const [facts] = loadFacts(db, 'cases c', 'c.id = ?', [caseId], ledger);
  if (!facts) throw new AppFailure('NOT_FOUND', 'That case could not be found. It may have been opened from an old link. Nothing was changed.');
  return facts;
}

/** The case sizes a property fits under the policy: a case needing N bedrooms takes N − fewer to N + more. */
export interface BedroomRange {
  low: number;
  high: number;
}

// Driven from the borough (`case_boroughs_borough`; CROSS JOIN keeps that order), each case that requested it is
// probed in `cases_matching (state, id, bedrooms)`, which answers state and size from the index alone. Left to
// itself SQLite either reads every such case's (large) row through its rowid or scans every circulated case.
export const REQUESTING = 'case_boroughs r CROSS JOIN cases c INDEXED BY cases_matching ON c.id = r.case_id';
const REQUESTING_WHERE = "r.kind = 'requested' AND r.borough_code = ? AND c.state = 'circulated'";
/** The candidate set's SQL, shared with the test that checks its plan uses `cases_matching`. */
export const SIZED_WHERE = `${REQUESTING_WHERE} AND c.bedrooms BETWEEN ? AND ?`;

/** One case of a page, with the keys of every documented order (for the cursor of the next page). */
export type RankedRef = {
  id: number;
  reference: string;
  circulated_on: IsoDate;
  requested: number;
};

const REQUESTED_COUNT = "(SELECT count(*) FROM case_boroughs n WHERE n.case_id = c.id AND n.kind = 'requested')";
const REQUESTS_BOROUGH = "EXISTS (SELECT 1 FROM case_boroughs r WHERE r.case_id = c.id AND r.kind = 'requested' AND r.borough_code = ?)";
const RANKED_COLUMNS = `c.id, c.reference, c.circulated_on, ${REQUESTED_COUNT} AS requested`;

/**
 * The next `limit` circulated cases of a size the property fits that requested its borough, in rank order, after
 * `after`: a keyset on the order itself, so a page costs the same however many cases there are. These are only
 * the cases worth weighing: match-rules.ts decides which of them the property could house.
 * - waiting (the default): walked in `cases_waiting (state, circulated_on, reference, bedrooms)` order, each probed in
 *   `case_boroughs`' primary key for the borough, so no sort and no read of rows beyond the page.
 * - reference: walked in the reference's unique index, filtered the same way.
 * - fewest boroughs: the count is per case, so SQLite sorts the borough's sized cases (index-only) for each page.
 */
export function rankedCandidates(
  db: Db,
  borough: BoroughCode,
  size: BedroomRange,
  order: MatchOrder,
  after: CandidateCursor | undefined,
  limit: number,
): RankedRef[] {
  const sized = `c.state = 'circulated' AND c.bedrooms BETWEEN ? AND ?`;
  switch (order) {
    case 'waiting':
      return db
        .prepare(
          `SELECT ${RANKED_COLUMNS} FROM cases c INDEXED BY cases_waiting WHERE ${WAITING_WHERE}
           ${after ? 'AND (c.circulated_on, c.reference) > (?, ?)' : ''} ORDER BY c.circulated_on, c.reference LIMIT ?`,
        )
        .all<RankedRef>([size.low, size.high, borough, ...(after ? [after.circulatedOn, after.reference] : []), limit]);
    case 'reference':
      return db
        .prepare(
          `SELECT ${RANKED_COLUMNS} FROM cases c WHERE ${sized} AND ${REQUESTS_BOROUGH} ${after ? 'AND c.reference > ?' : ''} ORDER BY c.reference LIMIT ?`,
        )
        .all<RankedRef>([size.low, size.high, borough, ...(after ? [after.reference] : []), limit]);
    case 'fewest_boroughs':
      return db
        .prepare(
          `SELECT * FROM (SELECT ${RANKED_COLUMNS} FROM ${REQUESTING} WHERE ${SIZED_WHERE})
           ${after ? 'WHERE (requested, circulated_on, reference) > (?, ?, ?)' : ''} ORDER BY requested, circulated_on, reference LIMIT ?`,
        )
        .all<RankedRef>([borough, size.low, size.high, ...(after ? [after.requested, after.circulatedOn, after.reference] : []), limit]);
    default:
      return missingCase(order);
  }
}

/** The waiting order's candidate query, shared with the test that checks its plan walks `cases_waiting` without a sort. */
export const WAITING_WHERE = `c.state = 'circulated' AND c.bedrooms BETWEEN ? AND ? AND ${REQUESTS_BOROUGH}`;
export const WAITING_PAGE_SQL = `SELECT ${RANKED_COLUMNS} FROM cases c INDEXED BY cases_waiting WHERE ${WAITING_WHERE} AND (c.circulated_on, c.reference) > (?, ?) ORDER BY c.circulated_on, c.reference LIMIT ?`;

/**
 * The next `limit` circulated cases that requested the borough, of any size, after case `afterId`, in the order they
 * were recorded: walked in `case_boroughs_borough (kind, borough_code, case_id)`, each checked in `cases_matching`.
 */
export function requestingAfter(db: Db, borough: BoroughCode, afterId: number, limit: number): number[] {
  return db
    .prepare(`SELECT c.id FROM ${REQUESTING} WHERE ${REQUESTING_WHERE} AND r.case_id > ? ORDER BY r.case_id LIMIT ?`, { pluck: true })
    .all([borough, afterId, limit]) as number[];
}

/** How many circulated cases requested the borough (an index-only count). */
export function requestingCount(db: Db, borough: BoroughCode): number {
  return db.prepare(`SELECT count(*) FROM ${REQUESTING} WHERE ${REQUESTING_WHERE}`, { pluck: true }).get([borough]) as number;
}

/** The facts of the given cases (a page), in no particular order. */
export function casesFacts(db: Db, ids: readonly number[], ledger?: LedgerCapCheck): CaseFacts[] {
  if (ids.length === 0) return [];
  return loadFacts(db, 'cases c', `c.id IN (${ids.map(() => '?').join(', ')})`, [...ids], ledger);
}

export function circulatedCaseCount(db: Db): number {
  return db.prepare("SELECT count(*) FROM cases WHERE state = 'circulated'", { pluck: true }).get() as number;
}

const inBoroughs = (boroughs: readonly BoroughCode[]) => `p.status = 'available' AND p.borough_code IN (${boroughs.map(() => '?').join(', ')})`;

/** Available properties in any of the boroughs, of a size the case fits: one `properties_matching` range per borough. */
export function availablePropertiesIn(db: Db, boroughs: readonly BoroughCode[], size: BedroomRange): PropertyRow[] {
  if (boroughs.length === 0) return [];
  return db.prepare(`${PROPERTY_SELECT} WHERE ${inBoroughs(boroughs)} AND p.bedrooms BETWEEN ? AND ?`).all<PropertyRow>([...boroughs, size.low, size.high]);
}

/**
 * A page of a case's available properties after `afterId`, in the order recorded: those in its requested boroughs
 * (`phase` 'requested', one `properties_matching` range per borough) or those elsewhere ('other').
 */
export function availablePropertiesAfter(
  db: Db,
  boroughs: readonly BoroughCode[],
  phase: 'requested' | 'other',
  afterId: number,
  limit: number,
): PropertyRow[] {
  if (phase === 'requested' && boroughs.length === 0) return [];
  const where =
    phase === 'requested'
      ? inBoroughs(boroughs)
      : boroughs.length === 0
        ? "p.status = 'available'"
        : `p.status = 'available' AND p.borough_code NOT IN (${boroughs.map(() => '?').join(', ')})`;
  return db.prepare(`${PROPERTY_SELECT} WHERE ${where} AND p.id > ? ORDER BY p.id LIMIT ?`).all<PropertyRow>([...boroughs, afterId, limit]);
}

export function availablePropertyCount(db: Db): number {
  return db.prepare("SELECT count(*) FROM properties WHERE status = 'available'", { pluck: true }).get() as number;
}
