import type { IsoDate } from '../../contract/calendar-date';
import type { CasePolicy } from '../../contract/case-policy';
import { CASE_STATE_LABELS, type CaseState, type Referral } from '../../contract/cases';
import { formatUkDate } from '../../contract/dates';
import { phoneKey } from '../../contract/phone';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { nameKey } from './case-store';

/*
 * Rules on the referral that need main's own clock or the store: the form checks what it can, but these are the
 * answers that count. Dates are judged against the `Today` port, the same day the deadlines use, never the
 * machine's clock.
 */

/** Whole years from `dob` to `on`: birthdays count on the day. */
export function ageOn(dob: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "Not in the future" for every date the coordinator types, against the app's today. */
export function futureDateProblems(r: Referral, today: IsoDate): Record<string, string> {
  const fields: Record<string, string> = {};
  if (r.receivedOn > today) fields['receivedOn'] = `The date received cannot be after today (${formatUkDate(today)})`;
  if (r.consent.date > today) fields['consent.date'] = `The consent date cannot be after today (${formatUkDate(today)})`;
  if (r.applicant.dateOfBirth > today) fields['applicant.dateOfBirth'] = 'The date of birth must be in the past';
  return fields;
}

/**
 * The applicant must be old enough to hold a tenancy; household members are adults or children by their year of
 * birth, judged at the date received (a year of birth gives an age to within one year, so the year someone turns
 * 18 fits either).
 */
export function peopleProblems(r: Referral, policy: Pick<CasePolicy, 'minApplicantAge'>): Record<string, string> {
  const fields: Record<string, string> = {};
  const age = ageOn(r.applicant.dateOfBirth, r.receivedOn);
  if (r.applicant.dateOfBirth <= r.receivedOn && age < policy.minApplicantAge) {
    fields['applicant.dateOfBirth'] =
      `The applicant must be ${policy.minApplicantAge} or over to hold a tenancy in their own name; this date of birth makes them ${age} on the date received`;
  }
  const year = Number(r.receivedOn.slice(0, 4));
  r.household.forEach((m, i) => {
    const path = `household.${i}.yearOfBirth`;
    if (m.yearOfBirth > year) fields[path] = `The year of birth cannot be after ${year}, the year the referral was received`;
    else if (m.kind === 'child' && year - m.yearOfBirth - 1 >= 18)
      fields[path] = `Born in ${m.yearOfBirth}, they were 18 or over when referred; record them as an adult`;
    else if (m.kind === 'adult' && year - m.yearOfBirth < 18)
      fields[path] = `Born in ${m.yearOfBirth}, they were under 18 when referred; record them as a child`;
  });
  return fields;
}

/**
 * The applicant cannot be their own Nominating Officer: the property request leaves out the applicant's name to
 * protect them, and landlords reach the applicant through the officer's name and contact details instead.
 */
export function officerProblems(r: Referral): Record<string, string> {
  const fields: Record<string, string> = {};
  const why = 'the property request carries the officer’s contact details so that the applicant’s identity stays private';
  const applicantName = nameKey(r.applicant.fullName);
  const applicantPhone = r.applicant.phone === '' ? null : phoneKey(r.applicant.phone);
  const applicantEmail = r.applicant.email.trim().toLowerCase();
  r.nominatingOfficers.forEach((o, i) => {
    if (nameKey(o.name) === applicantName) fields[`nominatingOfficers.${i}.name`] = `The applicant cannot be their own Nominating Officer: ${why}`;
    if (applicantPhone !== null && phoneKey(o.phone) === applicantPhone) {
      fields[`nominatingOfficers.${i}.phone`] = `This is the applicant's phone number; the Nominating Officer must be someone else, because ${why}`;
    }
    const emails = [o.email, o.secureEmail].map((e) => e.trim().toLowerCase());
    if (applicantEmail !== '' && emails.includes(applicantEmail)) {
      fields[`nominatingOfficers.${i}.${emails[0] === applicantEmail ? 'email' : 'secureEmail'}`] =
        `This is the applicant's email address; the Nominating Officer must be someone else, because ${why}`;
    }
  });
  return fields;
}

/** The earliest step after the referral: the date received cannot be later, or time in each stage goes negative. */
export function receivedOnProblem(db: Db, caseId: number, receivedOn: IsoDate): Record<string, string> {
  const first = db
    .prepare(`SELECT on_date, to_state FROM case_events WHERE case_id = ? AND kind = 'transition' ORDER BY on_date, id LIMIT 1`)
    .get<{ on_date: IsoDate; to_state: CaseState }>([caseId]);
  if (first === undefined || receivedOn <= first.on_date) return {};
  return {
    receivedOn: `The date received cannot be after ${formatUkDate(first.on_date)}, when the case became '${CASE_STATE_LABELS[first.to_state]}'`,
  };
}

/** Refuses with every problem found, the count in the message matching the messages shown at the fields. */
export function refuseIfAny(fields: Record<string, string>, nothing: 'saved' | 'changed'): void {
  const messages = Object.values(fields);
  if (messages.length === 0) return;
  const first = messages[0] as string;
  const message =
    messages.length === 1
      ? `${first}. Nothing was ${nothing}.`
      : `${messages.length} answers need attention: ${messages.map((m) => `${m[0]?.toLowerCase()}${m.slice(1)}`).join('; ')}. Nothing was ${nothing}.`;
  throw new AppFailure('VALIDATION', message, { fields });
}

/** Everything above that applies to a referral being saved (new, or an edit of `caseId`). */
export function checkReferral(db: Db, r: Referral, today: IsoDate, policy: CasePolicy, caseId?: number): void {
  refuseIfAny(
    {
      ...officerProblems(r),
      ...peopleProblems(r, policy),
      ...(caseId === undefined ? {} : receivedOnProblem(db, caseId, r.receivedOn)),
      ...futureDateProblems(r, today),
    },
    caseId === undefined ? 'saved' : 'changed',
  );
}
