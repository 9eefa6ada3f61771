import type { IsoDate } from '../../contract/calendar-date';
import type { Db } from '../db/types';
import type { Period } from './period';
import type { Tally } from './tally';
import { tableExists } from '../db/table-exists';

/** What every source gets: the store, the period, and working days counted the scheme's way. */
export interface SourceContext {
  db: Db;
  period: Period;
  previous: Period;
  workingDays: (from: IsoDate, to: IsoDate) => number;
}

/** A headline figure, for this period and the one before; null when the data is not kept yet. */
export interface HeadlineRow {
  id: string;
  label: string;
  current: Tally | null;
  previous: Tally | null;
  /** The row this one converts from ("of the N referrals, M approved"), by id. */
  rateOf: string | null;
}

export interface HeadlineModel {
  kind: 'headlines';
  id: string;
  title: string;
  note: string;
  rows: HeadlineRow[];
}

/** A one-way breakdown (one column) or a cross-tabulation; `totals` adds row and column totals. */
export interface CountsModel {
  kind: 'counts';
  id: string;
  title: string;
  note: string;
  rowLabels: string[];
  columnLabels: string[];
  cells: Tally[][];
  /**
   * 'cross': a cross-tabulation with row and column totals, protected as a whole. 'columns': each column is its own
   * breakdown with its own total (e.g. referrals and moves side by side). 'none': no totals (a case can be in
   * several rows, as with risk categories).
   */
  totals: 'cross' | 'columns' | 'none';
}

export interface WaitRow {
  label: string;
  /** One value per case, in the same order as `refs`. */
  calendar: number[];
  working: number[];
  refs: string[];
}

export interface WaitsModel {
  kind: 'waits';
  id: string;
  title: string;
  note: string;
  rows: WaitRow[];
}

export interface NotRecordedModel {
  kind: 'not_recorded';
  id: string;
  title: string;
  note: string;
}

/** One partner in the ledger part: positions are signed balances (homes owed less owing), the rest moves. */
export interface LedgerRow {
  label: string;
  start: number;
  given: Tally;
  reciprocalOut: Tally;
  housingMovesOut: Tally;
  adjustments: number;
  /** The cases behind the adjustments that name one (most name none). */
  adjustmentRefs: string[];
  end: number;
}

export interface LedgerModel {
  kind: 'ledger';
  id: string;
  title: string;
  note: string;
  rows: LedgerRow[];
  /** Whether the ledger policy books Housing Moves moves, so that they count in the change. */
  housingMovesBooked: boolean;
}

export type TableModel = HeadlineModel | CountsModel | WaitsModel | NotRecordedModel | LedgerModel;

/** True when the store has the table; sources for features not merged yet say "not recorded yet" instead. */
export function hasTable(db: Db, name: string): boolean {
  return tableExists(db, name);
}

export function hasColumn(db: Db, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?', { pluck: true }).get([table, column]) !== undefined;
}
