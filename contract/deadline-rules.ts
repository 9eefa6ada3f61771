import type { CasePolicy } from './case-policy';
import type { DeadlineKind } from './case-views';
import { CASE_STATE_LABELS, type CaseState } from './cases';
import { missingCase } from './missing-case';

const wd = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/**
 * How a due date is counted, in words, shown beside it so a coordinator can check it by hand. Shared so the list,
 * the case page and Home say the same thing.
 */
export function deadlineRule(kind: DeadlineKind, policy: CasePolicy, state?: CaseState): string {
  const suffix = ' (weekends and bank holidays do not count)';
  switch (kind) {
    case 'chase_approval':
      return `${wd(policy.chaseApprovalAfterWorkingDays)} after the request went to the landlord, then ${wd(policy.chaseIntervalWorkingDays)} after each chase${suffix}`;
    case 'circulate':
      return `${wd(policy.circulateWithinWorkingDays)} after the landlord's approval${suffix}`;
    case 'recirculate':
      return `${wd(policy.circulateWithinWorkingDays)} after the change that needs re-circulation${suffix}`;
    case 'review_no_offer':
      return `${wd(policy.reviewNoOfferAfterWorkingDays)} after circulation, the last offer or the last review${suffix}`;
    case 'no_progress': {
      const quiet =
        state !== undefined && state in policy.noProgressWorkingDays ? policy.noProgressWorkingDays[state as keyof CasePolicy['noProgressWorkingDays']] : null;
      const where = state === undefined ? '' : ` while '${CASE_STATE_LABELS[state]}'`;
      return `${quiet === null ? 'A set number of working days' : wd(quiet)} with no progress${where}; a chase or an update from the Nominating Officer starts it again${suffix}`;
    }
    case 'close_case':
      return `The offer was declined and the case has had the most offers the scheme allows (${policy.offerCap}), so it cannot be circulated again: close it within ${wd(policy.circulateWithinWorkingDays)} of the decline${suffix}`;
    default:
      return missingCase(kind);
  }
}
