import type { IsoDate } from '../../contract/calendar-date';
import type { LedgerKind } from '../../contract/ledger';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

/*
 * The rows of `ledger_entries` (migration 005). Insert and read only: the database refuses any edit or delete.
 * A NULL partner is the central pot.
 */

export type EntryRow = {
  id: number;
  on_date: IsoDate;
  kind: LedgerKind;
  from_partner_id: number | null;
  to_partner_id: number | null;
  amount: number;
  bedrooms: number | null;
  move_id: number | null;
  case_id: number | null;
  reverses_id: number | null;
  reason: string;
  recorded_at: string;
  actor: string;
};

export interface NewEntry {
  onDate: IsoDate;
  kind: LedgerKind;
  fromPartnerId: number | null;
  toPartnerId: number | null;
  amount: number;
  bedrooms: number | null;
  moveId: number | null;
  caseId: number | null;
  reversesId: number | null;
  reason: string;
  at: string;
  actor: string;
}

export function insertEntry(db: Db, e: NewEntry): number {
  return Number(
    db
      .prepare(
        `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, bedrooms, move_id, case_id, reverses_id, reason, recorded_at, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run([e.onDate, e.kind, e.fromPartnerId, e.toPartnerId, e.amount, e.bedrooms, e.moveId, e.caseId, e.reversesId, e.reason, e.at, e.actor]).lastInsertRowid,
  );
}

export function getEntry(db: Db, id: number): EntryRow {
  const row = db.prepare('SELECT * FROM ledger_entries WHERE id = ?').get<EntryRow>([id]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That ledger entry could not be found. Nothing was changed.');
  return row;
}

export function reversalOf(db: Db, id: number): EntryRow | undefined {
  return db.prepare('SELECT * FROM ledger_entries WHERE reverses_id = ?').get<EntryRow>([id]);
}

export function bookingForMove(db: Db, moveId: number): EntryRow | undefined {
  return db.prepare("SELECT * FROM ledger_entries WHERE move_id = ? AND (kind = 'move' OR kind = 'housing_moves')").get<EntryRow>([moveId]);
}

export type PartnerName = {
  id: number;
  name: string;
  status: 'active' | 'suspended' | 'left';
};

export function partnerName(db: Db, id: number): PartnerName {
  const row = db.prepare('SELECT id, name, status FROM partners WHERE id = ?').get<PartnerName>([id]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That partner could not be found. Nothing was changed.', { fields: { partnerId: 'Choose a partner' } });
  return row;
}

export const POT_NAME = 'the central pot';

/** The name of one side of an entry. */
export function sideName(db: Db, id: number | null): string {
  return id === null ? POT_NAME : partnerName(db, id).name;
}
