import type { CaseCirculations } from '../../contract/circulation';
import type { Db } from '../db/types';
import { getCaseRow } from '../cases/case-store';
import { listCirculations } from './circulation-store';

/**
 * Every recorded circulation of a case, and whether it was circulated without any record: cases circulated before
 * the record existed (migration 004 leaves them as they were), or moved to 'Circulated' by a plain state change. For
 * those the page says the date, and that who received it was not recorded.
 */
export function caseCirculations(db: Db, caseId: number): CaseCirculations {
  const row = getCaseRow(db, caseId);
  const circulations = listCirculations(db, caseId);
  // Only a case with no recorded circulation at all: once one is recorded, a later return to 'Circulated' (an offer
  // that fell through) is not a new sending, and must not read as one that went unrecorded.
  const unrecorded =
    row.circulated_on !== null && circulations.length === 0 ? { circulatedOn: row.circulated_on, lastCirculatedOn: row.last_circulated_on } : null;
  return { caseId, reference: row.reference, circulations, unrecorded };
}
