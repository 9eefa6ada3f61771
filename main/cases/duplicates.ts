import type { DuplicateMatch } from '../../contract/case-views';
import { formatUkDate } from '../../contract/dates';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { nameKey } from './case-store';

/*
 * A referral for someone who already has an open case: the same name and date of birth, or the same date of birth
 * and home landlord (a name typed differently, or changed). Found before saving, so the coordinator can open that
 * case instead of starting a second one.
 */

export interface DuplicateQuery {
  fullName: string;
  dateOfBirth: string;
  homeLandlordPartnerId?: number | undefined;
  excludeCaseId?: number | undefined;
}

export function findDuplicates(db: Db, q: DuplicateQuery): DuplicateMatch[] {
  if (q.dateOfBirth === '') return [];
  const key = nameKey(q.fullName);
  const rows = db
    .prepare(
      `SELECT id, reference, state, received_on, applicant_name_key, home_landlord_id FROM cases
       WHERE applicant_dob = $dob AND state <> 'closed' AND id <> $exclude
         AND (applicant_name_key = $key OR home_landlord_id = $landlord)
       ORDER BY received_on, id LIMIT 10`,
    )
    .all<{ id: number; reference: string; state: DuplicateMatch['state']; received_on: string; applicant_name_key: string; home_landlord_id: number }>({
      dob: q.dateOfBirth,
      exclude: q.excludeCaseId ?? 0,
      key: key === '' ? '\u0000' : key,
      landlord: q.homeLandlordPartnerId ?? 0,
    });
  return rows.map((r) => ({
    caseId: r.id,
    reference: r.reference,
    state: r.state,
    receivedOn: r.received_on,
    matchedOn: key !== '' && r.applicant_name_key === key ? 'name_and_date_of_birth' : 'date_of_birth_and_landlord',
  }));
}

const MATCH_WORDS: Record<DuplicateMatch['matchedOn'], string> = {
  name_and_date_of_birth: 'the same name and date of birth',
  date_of_birth_and_landlord: 'the same date of birth and home landlord',
};

/** Refuses while any match has not been confirmed as a different person. */
export function refuseUnconfirmedDuplicates(matches: readonly DuplicateMatch[], confirmed: readonly number[]): void {
  const open = matches.filter((m) => !confirmed.includes(m.caseId));
  if (open.length === 0) return;
  const list = open.map((m) => `${m.reference} (received ${formatUkDate(m.receivedOn)}, ${MATCH_WORDS[m.matchedOn]})`).join('; ');
  throw new AppFailure(
    'CONFLICT',
    `This may be the same person as open case ${list}. Open that case to check, or confirm that this is someone else. Nothing was saved.`,
    { fields: { 'applicant.dateOfBirth': `An open case has ${MATCH_WORDS[open[0]!.matchedOn]}` } },
  );
}
