import { disclosurePolicySchema } from '../../contract/reports';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { DEFAULT_DISCLOSURE, type DisclosurePolicy } from './disclosure';

const KEY = 'reports.disclosure';

/** The threshold and rounding base of publishable reports: a policy setting, changed only with an audit entry. */
export function readDisclosurePolicy(db: Db): DisclosurePolicy {
  return readSetting(db, KEY, disclosurePolicySchema, DEFAULT_DISCLOSURE);
}

export function writeDisclosurePolicy(db: Db, policy: DisclosurePolicy): void {
  writeSetting(db, KEY, policy);
}
