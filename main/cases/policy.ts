import { casePolicySchema, type CasePolicy } from '../../contract/case-policy';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { DEFAULT_BANK_HOLIDAYS } from './bank-holidays';
import type { DeadlinePolicy } from './deadlines';
import { DEFAULT_ELIGIBILITY_POLICY, type EligibilityPolicy } from './eligibility';

const KEY = 'cases.policy';

export const DEFAULT_CASE_POLICY: CasePolicy = {
  circulateWithinDays: 7,
  chaseApprovalAfterWorkingDays: 10,
  reviewNoOfferAfterDays: 90,
  dueSoonDays: 3,
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
    circulateWithinDays: p.circulateWithinDays,
    chaseApprovalAfterWorkingDays: p.chaseApprovalAfterWorkingDays,
    reviewNoOfferAfterDays: p.reviewNoOfferAfterDays,
    dueSoonDays: p.dueSoonDays,
    bankHolidays: p.bankHolidays,
  };
}

export function eligibilityPolicy(p: CasePolicy): EligibilityPolicy {
  // The ledger cap belongs to the ledger issue; until it lands, the scheme's published three applies.
  return { minRequestedBoroughs: p.minRequestedBoroughs, ledgerCap: DEFAULT_ELIGIBILITY_POLICY.ledgerCap };
}
