import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { BoroughCode } from '../../../../contract/boroughs';
import type { CoverageReport, DuplicateMatch } from '../../../../contract/case-views';
import { CASE_STATE_LABELS } from '../../../../contract/cases';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import { CheckboxField } from '../../components/Field';
import { api, unwrap } from '../../services/api';
import type { ReferralDraft } from './referral-draft';

/*
 * Warnings that main gives while the form is being filled in, before anything is saved: an open case that may be
 * the same person, and requested boroughs that no partner would receive. Main refuses a duplicate that was not
 * confirmed, so the form asks first and the coordinator can open the other case instead.
 */

/** Asks main a moment after the coordinator stops typing; an answer counts only for the question it answered. */
function useAsked<T>(key: string | null, ask: (key: string) => Promise<T>, empty: T): T {
  const [answer, setAnswer] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void ask(key).then(
        (value) => current && setAnswer({ key, value }),
        () => undefined,
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `ask` is fixed per caller; the key says when to ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer !== null && answer.key === key ? answer.value : empty;
}

const NO_MATCHES: DuplicateMatch[] = [];

export function useDuplicates(draft: ReferralDraft | null, caseId: number | null): DuplicateMatch[] {
  const dob = draft ? parseUkDate(draft.dateOfBirth) : null;
  const landlord = draft && draft.landlordId !== '' ? Number(draft.landlordId) : undefined;
  const key =
    draft && dob !== null
      ? JSON.stringify({
          fullName: draft.fullName.slice(0, 200),
          dateOfBirth: dob,
          ...(landlord !== undefined && Number.isInteger(landlord) && landlord > 0 ? { homeLandlordPartnerId: landlord } : {}),
          ...(caseId === null ? {} : { excludeCaseId: caseId }),
        })
      : null;
  return useAsked(
    key,
    (k) => unwrap(api().cases.findDuplicates(JSON.parse(k) as Parameters<ReturnType<typeof api>['cases']['findDuplicates']>[0])),
    NO_MATCHES,
  );
}

const MATCH_WORDS: Record<DuplicateMatch['matchedOn'], string> = {
  name_and_date_of_birth: 'the same name and date of birth',
  date_of_birth_and_landlord: 'the same date of birth and home landlord',
};

export function DuplicateWarning({
  matches,
  confirmed,
  onConfirm,
}: {
  matches: readonly DuplicateMatch[];
  confirmed: readonly number[];
  onConfirm(ids: number[]): void;
}) {
  if (matches.length === 0) return null;
  const all = matches.every((m) => confirmed.includes(m.caseId));
  return (
    <div className="alert alert--warn referral-duplicate" role="status" data-duplicate-warning>
      <p>
        <strong>This may be someone who already has an open case. </strong>
        Check before recording a second referral for the same person.
      </p>
      <ul>
        {matches.map((m) => (
          <li key={m.caseId}>
            <Link to={`/cases/${m.caseId}`}>Open case {m.reference}</Link> ({CASE_STATE_LABELS[m.state]}, received {formatUkDate(m.receivedOn)}):{' '}
            {MATCH_WORDS[m.matchedOn]}
          </li>
        ))}
      </ul>
      <CheckboxField
        label={matches.length === 1 ? 'I have checked: this is a different person' : 'I have checked: this is a different person from each of these'}
        checked={all}
        onChange={(e) => onConfirm(e.target.checked ? matches.map((m) => m.caseId) : [])}
      />
    </div>
  );
}

const NO_GAPS: CoverageReport = { uncovered: [], message: null };

export function useCoverage(boroughs: readonly BoroughCode[]): CoverageReport {
  const key = boroughs.length === 0 ? null : JSON.stringify([...boroughs].sort());
  return useAsked(key, (k) => unwrap(api().cases.coverage({ boroughs: JSON.parse(k) as BoroughCode[] })), NO_GAPS);
}

/** "Nobody would receive this request for …", in main's words, on the form and the case page. */
export function CoverageWarning({ report }: { report: CoverageReport }) {
  if (report.message === null) return null;
  return (
    <div className="alert alert--warn" role="status" data-coverage-warning>
      <strong>No coverage. </strong>
      {report.message} Add other boroughs, or check the partners&rsquo; stock boroughs.
    </div>
  );
}
