import type { IsoDate } from '../../contract/calendar-date';
import type { CaseMatches, MatchExplanation, MatchOrder, PropertyMatches } from '../../contract/offers';
import type { Db } from '../db/types';
import { availablePropertiesIn, caseFacts, circulatedCaseCount, circulatedCasesRequesting, type LedgerCapCheck } from './match-queries';
import { breaches, caseBreaches, compareCases, compareProperties, fitReasons, pairBreaches, type MatchPolicy } from './match-rules';
import { getPropertyRow, toPropertyFacts, toPropertyView, type PropertyRow } from './property-store';

/** Property → cases, case → properties and one pair explained: the queries' facts through the rules. */

export interface MatchEnv {
  today: IsoDate;
  policy: MatchPolicy;
  ledger?: LedgerCapCheck | undefined;
}

export function matchesForProperty(db: Db, propertyId: number, order: MatchOrder, leftOutLimit: number, env: MatchEnv): PropertyMatches {
  const row = getPropertyRow(db, propertyId);
  const property = toPropertyFacts(row);
  const requesting = circulatedCasesRequesting(db, property.borough, env.ledger);
  const fits = [];
  const leftOut = [];
  for (const c of requesting) {
    const broken = breaches(property, c, env.policy);
    if (broken.length === 0) fits.push(c);
    else leftOut.push({ caseId: c.id, reference: c.reference, breaches: broken });
  }
  fits.sort(compareCases(order));
  leftOut.sort((a, b) => a.reference.localeCompare(b.reference));
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
    leftOut: leftOut.slice(0, leftOutLimit),
    notRequestingBorough: circulatedCaseCount(db) - requesting.length,
  };
}

export function matchesForCase(db: Db, caseId: number, env: MatchEnv): CaseMatches {
  const c = caseFacts(db, caseId, env.ledger);
  const rows: PropertyRow[] = availablePropertiesIn(db, c.requestedBoroughs);
  const fits: PropertyRow[] = [];
  const leftOut = [];
  for (const row of rows) {
    const broken = pairBreaches(toPropertyFacts(row), c, env.policy);
    if (broken.length === 0) fits.push(row);
    else leftOut.push({ property: toPropertyView(row), breaches: broken });
  }
  fits.sort((a, b) => compareProperties(toPropertyFacts(a), toPropertyFacts(b)));
  return {
    caseId: c.id,
    reference: c.reference,
    state: c.state,
    caseBreaches: caseBreaches(c, env.policy),
    candidates: fits.map((row, i) => ({ property: toPropertyView(row), rank: i + 1, reasons: fitReasons(toPropertyFacts(row), c, env.today) })),
    leftOut,
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
