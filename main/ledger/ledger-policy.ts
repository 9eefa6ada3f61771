import { ledgerPolicySchema, type LedgerPolicy } from '../../contract/ledger';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';

const KEY = 'ledger.policy';

/** The scheme's published three; Housing Moves moves are reported separately and book nothing unless chosen. */
export const DEFAULT_LEDGER_POLICY: LedgerPolicy = { cap: 3, bookHousingMoves: false };

export function readLedgerPolicy(db: Db): LedgerPolicy {
  return readSetting(db, KEY, ledgerPolicySchema, DEFAULT_LEDGER_POLICY);
}

export function writeLedgerPolicy(db: Db, policy: LedgerPolicy): void {
  writeSetting(db, KEY, policy);
}
