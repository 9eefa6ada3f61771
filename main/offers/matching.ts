import type { IsoDate } from '../../contract/calendar-date';
import type { CandidateCursor, CaseMatches, LeftOutCase, MatchExplanation, MatchOrder, PropertyCursor, PropertyMatches } from '../../contract/offers';
import type { Db } from '../db/types';
import {
  availablePropertiesAfter,
  availablePropertiesIn,
  availablePropertyCount,
  caseFacts,
  casesFacts,
  circulatedCaseCount,
  rankedCandidates,
  requestingAfter,
  requestingCount,
  type LedgerCapCheck,
} from './match-queries';
import { breaches, caseBreaches, compareProperties, fitReasons, pairBreaches, type MatchPolicy } from './match-rules';
import { getPropertyRow, toPropertyFacts, toPropertyView } from './property-store';

/** Property → cases, case → properties and one pair explained: the queries' facts through the rules. */

export interface MatchEnv {
  today: IsoDate;
  policy: MatchPolicy;
  ledger?: LedgerCapCheck | undefined;
}

/** Cases weighed per query while filling a page: enough that one query usually fills it, few enough to stay cheap. */
const batchOf = (limit: number) => Math.min(500, Math.max(50, limit * 2));

export interface PropertyMatchPaging {
  order: MatchOrder;
  limit: number;
  candidatesAfter?: CandidateCursor | undefined;
  leftOutLimit: number;
  leftOutAfter?: number | undefined;
}

/**
 * Property → cases, a page at a time. SQL walks the circulated cases that requested the borough in the order asked
 * for (a keyset, so the first page costs the same with 500 cases or 50,000) and loads the facts of one batch at a
 * time; match-rules.ts alone decides which fit. The same for the left-out cases, in the order they were recorded.
 */
export function matchesForProperty(db: Db, propertyId: number, paging: PropertyMatchPaging, env: MatchEnv): PropertyMatches {
  const row = getPropertyRow(db, propertyId);
  const property = toPropertyFacts(row);
  const size = { low: property.bedrooms - env.policy.bedroomsMoreAllowed, high: property.bedrooms + env.policy.bedroomsFewerAllowed };

  const candidates: PropertyMatches['candidates'] = [];
  let candidatesNext: CandidateCursor | null = null;
  let cursor = paging.candidatesAfter;
  let rank = cursor?.rank ?? 0;
  const batch = batchOf(paging.limit);
  fill: for (;;) {
    const refs = rankedCandidates(db, property.borough, size, paging.order, cursor, batch);
    const facts = new Map(
      casesFacts(
        db,
        refs.map((r) => r.id),
        env.ledger,
      ).map((c) => [c.id, c]),
    );
    for (const r of refs) {
      const c = facts.get(r.id);
      if (c === undefined || breaches(property, c, env.policy).length > 0) continue;
      rank += 1;
      candidates.push({ caseId: c.id, reference: c.reference, rank, circulatedOn: c.circulatedOn, reasons: fitReasons(property, c, env.today) });
      if (candidates.length === paging.limit) {
        candidatesNext = { requested: r.requested, circulatedOn: r.circulated_on, reference: r.reference, rank };
        break fill;
      }
    }
    const last = refs.at(-1);
    if (refs.length < batch || last === undefined) break;
    cursor = { requested: last.requested, circulatedOn: last.circulated_on, reference: last.reference, rank };
  }

  const leftOut: LeftOutCase[] = [];
  let leftOutNext: number | null = null;
  let afterId = paging.leftOutAfter ?? 0;
  const leftBatch = batchOf(paging.leftOutLimit);
  while (paging.leftOutLimit > 0 && leftOutNext === null) {
    const ids = requestingAfter(db, property.borough, afterId, leftBatch);
    const facts = new Map(casesFacts(db, ids, env.ledger).map((c) => [c.id, c]));
    for (const id of ids) {
      const c = facts.get(id);
      const broken = c === undefined ? [] : breaches(property, c, env.policy);
      if (c === undefined || broken.length === 0) continue;
      leftOut.push({ caseId: c.id, reference: c.reference, breaches: broken });
      if (leftOut.length === paging.leftOutLimit) {
        leftOutNext = c.id;
        break;
      }
    }
    if (ids.length < leftBatch) break;
    afterId = ids.at(-1) ?? afterId;
  }

  const requesting = requestingCount(db, property.borough);
  return {
    property: toPropertyView(row),
    order: paging.order,
    candidates,
    candidatesNext,
    leftOut,
    leftOutNext,
    requestingBorough: requesting,
    notRequestingBorough: circulatedCaseCount(db) - requesting,
  };
}

/**
 * Case → properties. The available properties of a size the case fits in its requested boroughs are weighed rule
 * by rule (from `properties_matching`) and all that fit are listed. Every other available property is left out,
 * with its reasons, a page at a time: those in a requested borough first (the near misses), then the rest.
 */
export function matchesForCase(db: Db, caseId: number, env: MatchEnv, leftOutLimit = 20, leftOutAfter?: PropertyCursor): CaseMatches {
  const c = caseFacts(db, caseId, env.ledger);
  const size = { low: c.bedrooms - env.policy.bedroomsFewerAllowed, high: c.bedrooms + env.policy.bedroomsMoreAllowed };
  const fits = availablePropertiesIn(db, c.requestedBoroughs, size).filter((row) => pairBreaches(toPropertyFacts(row), c, env.policy).length === 0);
  fits.sort((a, b) => compareProperties(toPropertyFacts(a), toPropertyFacts(b)));

  const leftOut: CaseMatches['leftOut'] = [];
  let leftOutNext: PropertyCursor | null = null;
  let at: PropertyCursor = leftOutAfter ?? { phase: 'requested', after: 0 };
  const batch = batchOf(leftOutLimit);
  for (;;) {
    const rows = availablePropertiesAfter(db, c.requestedBoroughs, at.phase, at.after, batch);
    for (const row of rows) {
      const broken = pairBreaches(toPropertyFacts(row), c, env.policy);
      if (broken.length === 0) continue;
      leftOut.push({ property: toPropertyView(row), breaches: broken });
      if (leftOut.length === leftOutLimit) {
        leftOutNext = { phase: at.phase, after: row.id };
        break;
      }
    }
    if (leftOutNext !== null) break;
    const last = rows.at(-1);
    if (rows.length === batch && last !== undefined) at = { phase: at.phase, after: last.id };
    else if (at.phase === 'requested') at = { phase: 'other', after: 0 };
    else break;
  }

  return {
    caseId: c.id,
    reference: c.reference,
    state: c.state,
    caseBreaches: caseBreaches(c, env.policy),
    candidates: fits.map((row, i) => ({ property: toPropertyView(row), rank: i + 1, reasons: fitReasons(toPropertyFacts(row), c, env.today) })),
    leftOut,
    leftOutNext,
    leftOutTotal: availablePropertyCount(db) - fits.length,
  };
}

export function explainMatch(db: Db, propertyId: number, caseId: number, env: MatchEnv): MatchExplanation {
  const property = toPropertyFacts(getPropertyRow(db, propertyId));
  const c = caseFacts(db, caseId, env.ledger);
  const broken = breaches(property, c, env.policy);
  return {
    caseId,
    reference: c.reference,
    propertyId,
    matches: broken.length === 0,
    breaches: broken,
    reasons: broken.length === 0 ? fitReasons(property, c, env.today) : [],
  };
}
