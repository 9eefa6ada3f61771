import { z } from 'zod';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';

const KEY = 'vault.recoveryKey';
const schema = z.object({ confirmedAt: z.string().nullable() });

/**
 * Whether the coordinator confirmed storing the current recovery key. Setup and a new key write `confirmedAt: null`;
 * the coordinator's "I have stored it" writes the time. A store made before this was recorded counts as confirmed.
 */
export function isRecoveryKeyConfirmed(db: Db): boolean {
  return readSetting(db, KEY, schema, { confirmedAt: 'unrecorded' }).confirmedAt !== null;
}

export function markRecoveryKey(db: Db, confirmedAt: string | null): void {
  writeSetting(db, KEY, { confirmedAt });
}
