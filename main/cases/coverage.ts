import type { BoroughCode } from '../../contract/boroughs';
import type { CoverageReport } from '../../contract/case-views';
import { coverageMessage } from '../../contract/coverage';
import type { Db } from '../db/types';

/*
 * Who would receive a request: every active partner with stock in a requested borough (DOMAIN.md, "Matching").
 * A requested borough where nobody holds stock is a borough the request can never reach; the referral form, the
 * case page and circulation all warn with the same words.
 */

/**
 * Requested boroughs in which no active partner holds stock, in the order given. One index probe per borough
 * (`partner_stock_boroughs_borough`), not a DISTINCT over an IN list: that builds a temporary table per call, which
 * with `cipher_memory_security` on costs about a millisecond on every case page and every change that returns one.
 */
export function uncoveredBoroughs(db: Db, boroughs: readonly BoroughCode[]): BoroughCode[] {
  if (boroughs.length === 0) return [];
  const probe = db.prepare(
    `SELECT 1 FROM partner_stock_boroughs s JOIN partners p ON p.id = s.partner_id
     WHERE s.borough_code = ? AND p.status = 'active' LIMIT 1`,
    { pluck: true },
  );
  return boroughs.filter((b) => probe.get([b]) === undefined);
}

export function coverageReport(db: Db, boroughs: readonly BoroughCode[]): CoverageReport {
  const uncovered = uncoveredBoroughs(db, boroughs);
  return { uncovered, message: coverageMessage(uncovered) };
}
