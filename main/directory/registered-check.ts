import { formatUkDate } from '../../contract/dates';
import { missingCase } from '../../contract/missing-case';
import type { RegisteredCheckResult, RegisteredPartnerRef } from '../../contract/partners';
import type { Db } from '../db/types';
import { partnerRowByName, partnersNamedLike } from './partners-repo';
import type { PartnerRow } from './partners-repo';

// "Is this landlord registered with us?": the first question of every referral. An exact name (ignoring case and
// spacing) answers it; anything looser only offers suggestions, because a wrong "yes" starts a referral that the
// landlord never agreed to.

function ref(row: PartnerRow): RegisteredPartnerRef {
  return { id: row.id, name: row.name, type: row.type, status: row.status, statusChangedOn: row.status_changed_on };
}

export function registeredCheck(db: Db, name: string): RegisteredCheckResult {
  const row = partnerRowByName(db, name);
  if (row === null) {
    const similar = partnersNamedLike(db, name).map(ref);
    const message =
      similar.length > 0
        ? `No partner called “${name}” is registered. Did you mean one of the partners below?`
        : `No partner called “${name}” is registered with the scheme. Its tenants cannot be referred.`;
    return { state: 'not_registered', message, partner: null, similar };
  }
  const since = formatUkDate(row.status_changed_on);
  switch (row.status) {
    case 'active':
      return { state: 'registered', message: `${row.name} is registered with the scheme and active.`, partner: ref(row), similar: [] };
    case 'suspended':
      return {
        state: 'suspended',
        message: `${row.name} is registered but suspended since ${since}. Check with the scheme lead before taking a referral.`,
        partner: ref(row),
        similar: [],
      };
    case 'left':
      return {
        state: 'left',
        message: `${row.name} left the scheme on ${since}. It is no longer registered, so its tenants cannot be referred.`,
        partner: ref(row),
        similar: [],
      };
    default:
      return missingCase(row.status);
  }
}
