import { casePolicySchema, type CasePolicy } from '../../contract/case-policy';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { DEFAULT_BANK_HOLIDAYS } from './bank-holidays';
import type { DeadlinePolicy } from './deadlines';
import { DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy } from './eligibility';

const KEY = 'cases.policy';

export const DEFAULT_CASE_POLICY: CasePolicy = {
  // "Within a week" of approval, in working days.
  circulateWithinWorkingDays: 5,
  chaseApprovalAfterWorkingDays: 10,
  chaseIntervalWorkingDays: 5,
  // About three months (13 weeks of 5 working days).
  reviewNoOfferAfterWorkingDays: 65,
  dueSoonDays: 3,
  noProgressWorkingDays: {
    referral_received: 5,
    landlord_declined: 10,
    offer_made: 10,
    viewing: 5,
    offer_accepted: 10,
    moved: 10,
    on_hold: 20,
    withdrawn: 5,
  },
  minApplicantAge: 18,
  minRequestedBoroughs: 5,
  // Published guidance: one offer per application.
  offerCap: 1,
  bankHolidays: [...DEFAULT_BANK_HOLIDAYS],
};

/** The stored policy, or the scheme's defaults if none was saved (or it no longer parses). */
export function readCasePolicy(db: Db): CasePolicy {
  return readSetting(db, KEY, casePolicySchema, DEFAULT_CASE_POLICY);
}

export function writeCasePolicy(db: Db, policy: CasePolicy): void {
  writeSetting(db, KEY, policy);
}

export function deadlinePolicy(p: CasePolicy): DeadlinePolicy {
  return {
    circulateWithinWorkingDays: p.circulateWithinWorkingDays,
    chaseApprovalAfterWorkingDays: p.chaseApprovalAfterWorkingDays,
    chaseIntervalWorkingDays: p.chaseIntervalWorkingDays,
    reviewNoOfferAfterWorkingDays: p.reviewNoOfferAfterWorkingDays,
    noProgressWorkingDays: p.noProgressWorkingDays,
    offerCap: p.offerCap,
    dueSoonDays: p.dueSoonDays,
    bankHolidays: p.bankHolidays,
  };
}

export function eligibilityPolicy(p: CasePolicy): EligibilityPolicy {
  // The ledger cap belongs to the ledger issue; until it lands, the scheme's published three applies.
  return { minRequestedBoroughs: p.minRequestedBoroughs, ledgerCap: DEFAULT_ELIGIBILITY_POLICY.ledgerCap };
}
