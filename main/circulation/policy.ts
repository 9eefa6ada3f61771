import { circulationPolicySchema, DEFAULT_CIRCULATION_POLICY, type CirculationPolicy } from '../../contract/circulation';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';

const KEY = 'circulation.policy';

/** Whether packs show the risk category (off by default) and who a re-circulation goes to (new partners only). */
export function readCirculationPolicy(db: Db): CirculationPolicy {
  return readSetting(db, KEY, circulationPolicySchema, DEFAULT_CIRCULATION_POLICY);
}

export function writeCirculationPolicy(db: Db, policy: CirculationPolicy): void {
  writeSetting(db, KEY, policy);
}
