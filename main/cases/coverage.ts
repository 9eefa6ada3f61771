import type { BoroughCode } from '../../contract/boroughs';
import type { CoverageReport } from '../../contract/case-views';
import { coverageMessage } from '../../contract/coverage';
import type { Db } from '../db/types';

/*
 * Who would receive a request: every active partner with stock in a requested borough (DOMAIN.md, "Matching").
 * A requested borough where nobody holds stock is a borough the request can never reach; the referral form, the
 * case page and circulation all warn with the same words.
 */

/** Requested boroughs in which no active partner holds stock, in the order given. */
export function uncoveredBoroughs(db: Db, boroughs: readonly BoroughCode[]): BoroughCode[] {
  if (boroughs.length === 0) return [];
  const covered = new Set(
    db
      .prepare(
        `SELECT DISTINCT s.borough_code FROM partner_stock_boroughs s JOIN partners p ON p.id = s.partner_id
         WHERE p.status = 'active' AND s.borough_code IN (${boroughs.map(() => '?').join(', ')})`,
        { pluck: true },
      )
      .all([...boroughs]) as BoroughCode[],
  );
  return boroughs.filter((b) => !covered.has(b));
}

export function coverageReport(db: Db, boroughs: readonly BoroughCode[]): CoverageReport {
  const uncovered = uncoveredBoroughs(db, boroughs);
  return { uncovered, message: coverageMessage(uncovered) };
}
