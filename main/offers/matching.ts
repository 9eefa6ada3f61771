import type { IsoDate } from '../../contract/calendar-date';
import type { CaseMatches, MatchExplanation, MatchOrder, PropertyMatches } from '../../contract/offers';
import type { Db } from '../db/types';
import {
  availablePropertiesIn,
  caseFacts,
  casesFacts,
  circulatedCaseCount,
  circulatedCasesRequesting,
  otherSizeCount,
  otherSizeProperties,
  otherSizeRefs,
  type LedgerCapCheck,
} from './match-queries';
import { breaches, caseBreaches, compareCases, compareProperties, fitReasons, pairBreaches, type MatchPolicy } from './match-rules';
import { getPropertyRow, toPropertyFacts, toPropertyView, type PropertyRow } from './property-store';

/** Property → cases, case → properties and one pair explained: the queries' facts through the rules. */

export interface MatchEnv {
  today: IsoDate;
  policy: MatchPolicy;
  ledger?: LedgerCapCheck | undefined;
}

const byCase = (a: { caseId: number }, b: { caseId: number }) => a.caseId - b.caseId;

/**
 * Property → cases. Only circulated cases of a size the property fits, in its borough, are loaded in full and weighed
 * (the candidate set, from the indexes); the rest of those who requested the borough are counted, and only the page
 * of left-out cases on screen (`leftOutOffset`, `leftOutLimit`, in the order recorded) has its facts loaded for the reasons.
 */
export function matchesForProperty(db: Db, propertyId: number, order: MatchOrder, leftOutLimit: number, env: MatchEnv, leftOutOffset = 0): PropertyMatches {
  const row = getPropertyRow(db, propertyId);
  const property = toPropertyFacts(row);
  const size = { low: property.bedrooms - env.policy.bedroomsMoreAllowed, high: property.bedrooms + env.policy.bedroomsFewerAllowed };
  const sized = circulatedCasesRequesting(db, property.borough, size, env.ledger);
  const fits = [];
  const nearMisses = [];
  for (const c of sized) {
    const broken = breaches(property, c, env.policy);
    if (broken.length === 0) fits.push(c);
    else nearMisses.push({ caseId: c.id, reference: c.reference, breaches: broken });
  }
  fits.sort(compareCases(order));
  const otherSize = otherSizeCount(db, property.borough, size);
  // The page in the order the cases were recorded, merged from the weighed near misses and the first other sizes.
  const end = leftOutOffset + leftOutLimit;
  const refs = otherSizeRefs(db, property.borough, size, end);
  const page = [...nearMisses.map((l) => ({ ...l, loaded: true })), ...refs.map((r) => ({ caseId: r.id, reference: r.reference, breaches: [], loaded: false }))]
    .sort(byCase)
    .slice(leftOutOffset, end);
  const facts = new Map(
    casesFacts(
      db,
      page.filter((l) => !l.loaded).map((l) => l.caseId),
      env.ledger,
    ).map((c) => [c.id, c]),
  );
  const leftOut = page.map(({ caseId, reference, breaches: known, loaded }) => {
    const c = facts.get(caseId);
    return { caseId, reference, breaches: loaded || c === undefined ? known : breaches(property, c, env.policy) };
  });
  return {
    property: toPropertyView(row),
    order,
    candidates: fits.map((c, i) => ({
      caseId: c.id,
      reference: c.reference,
      rank: i + 1,
      circulatedOn: c.circulatedOn,
      reasons: fitReasons(property, c, env.today),
    })),
    leftOut,
    leftOutTotal: nearMisses.length + otherSize,
    leftOutOffset,
    notRequestingBorough: circulatedCaseCount(db) - sized.length - otherSize,
  };
}

/** How many available properties of another size the case page lists with their reasons (the rest are counted). */
export const OTHER_SIZE_SHOWN = 50;

/**
 * Case → properties: the available properties of a size the case fits in its requested boroughs are weighed rule by
 * rule (from `properties_matching`); those of another size are counted, and the first few shown with their reasons.
 */
export function matchesForCase(db: Db, caseId: number, env: MatchEnv): CaseMatches {
  const c = caseFacts(db, caseId, env.ledger);
  const size = { low: c.bedrooms - env.policy.bedroomsFewerAllowed, high: c.bedrooms + env.policy.bedroomsMoreAllowed };
  const rows: PropertyRow[] = availablePropertiesIn(db, c.requestedBoroughs, size);
  const fits: PropertyRow[] = [];
  const leftOut = [];
  for (const row of rows) {
    const broken = pairBreaches(toPropertyFacts(row), c, env.policy);
    if (broken.length === 0) fits.push(row);
    else leftOut.push({ property: toPropertyView(row), breaches: broken });
  }
  const other = otherSizeProperties(db, c.requestedBoroughs, size, OTHER_SIZE_SHOWN);
  const leftOutTotal = leftOut.length + other.total;
  for (const row of other.rows) leftOut.push({ property: toPropertyView(row), breaches: pairBreaches(toPropertyFacts(row), c, env.policy) });
  fits.sort((a, b) => compareProperties(toPropertyFacts(a), toPropertyFacts(b)));
  return {
    caseId: c.id,
    reference: c.reference,
    state: c.state,
    caseBreaches: caseBreaches(c, env.policy),
    candidates: fits.map((row, i) => ({ property: toPropertyView(row), rank: i + 1, reasons: fitReasons(toPropertyFacts(row), c, env.today) })),
    leftOut,
    leftOutTotal,
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
