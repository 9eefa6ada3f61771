import { addDays } from '../../../contract/calendar-date';
import { formatUkDate } from '../../../contract/dates';
import { positionsAsOf } from '../../ledger/balances';
import { readLedgerPolicy } from '../../ledger/ledger-policy';
import { hasTable, type LedgerRow, type SourceContext, type TableModel } from '../model';
import { tallyOf, type Tally } from '../tally';
import { MOVED_IN_PERIOD } from './funnel';

/*
 * The ledger part: each partner's position at the period's end and its change over the period. The positions come
 * from the ledger's own balance function (main/ledger/balances.ts, read only), taken on the day before the period
 * starts and on its last day, so that they are exactly what the ledger screen shows "as of" those days. What moved
 * the position in the period is split the ledger's way (homes given, tenants received, adjustments), and Housing
 * Moves moves are counted apart, from the moves themselves: they change a position only when the ledger policy books
 * them, and the report says which.
 */

type RefRow = { pid: number; reference: string };
type EntryCase = { to_pid: number | null; from_pid: number | null; base_kind: string; reference: string };

/** The cases behind the entries dated in the period (one read by the date index), with the kind they book. */
function periodEntries(ctx: SourceContext): EntryCase[] {
  return ctx.db
    .prepare(
      // A reversal's sides are the original's, swapped back: it is on the original booking's side, as the balances are.
      `SELECT CASE WHEN r.id IS NULL THEN e.to_partner_id ELSE e.from_partner_id END AS to_pid,
              CASE WHEN r.id IS NULL THEN e.from_partner_id ELSE e.to_partner_id END AS from_pid,
              COALESCE(r.kind, e.kind) AS base_kind, c.reference
       FROM ledger_entries e
       LEFT JOIN ledger_entries r ON r.id = e.reverses_id
       LEFT JOIN moves m ON m.id = e.move_id
       JOIN cases c ON c.id = COALESCE(e.case_id, m.case_id)
       WHERE e.on_date BETWEEN ? AND ?`,
    )
    .all<EntryCase>([ctx.period.from, ctx.period.to]);
}

/** Per partner, the cases of the entries of these kinds on one side ('to' is owed, 'from' owes). */
function casesBy(entries: readonly EntryCase[], side: 'to' | 'from', kinds: readonly string[]): Map<number, Tally> {
  const sets = new Map<number, string[]>();
  for (const e of entries) {
    const pid = side === 'to' ? e.to_pid : e.from_pid;
    if (pid === null || !kinds.includes(e.base_kind)) continue;
    sets.set(pid, [...(sets.get(pid) ?? []), e.reference]);
  }
  return new Map([...sets].map(([k, v]) => [k, tallyOf(v)]));
}

/** Housing Moves moves in the period by the home landlord, booked or not. */
function housingMovesOut(ctx: SourceContext): Map<number, Tally> {
  const rows = ctx.db
    .prepare(
      `SELECT m.home_partner_id AS pid, c.reference FROM moves m JOIN cases c ON c.id = m.case_id
       WHERE m.route = 'housing_moves' AND ${MOVED_IN_PERIOD}`,
    )
    .all<RefRow>({ from: ctx.period.from, to: ctx.period.to });
  const sets = new Map<number, string[]>();
  for (const r of rows) sets.set(r.pid, [...(sets.get(r.pid) ?? []), r.reference]);
  return new Map([...sets].map(([k, v]) => [k, tallyOf(v)]));
}

export const LEDGER_COLUMNS = [
  'Position at the start',
  'Homes given',
  'Reciprocal moves out',
  'Housing Moves moves out',
  'Adjustments',
  'Change over the period',
  'Position at the end',
] as const;

export function ledger(ctx: SourceContext): TableModel {
  if (!hasTable(ctx.db, 'ledger_entries')) {
    return { kind: 'not_recorded', id: 'ledger', title: 'The ledger', note: 'Not recorded yet: the ledger is not kept in this version of the app.' };
  }
  const policy = readLedgerPolicy(ctx.db);
  const dayBefore = addDays(ctx.period.from, -1);
  // One grouped read of the ledger per position (balances.ts), not the ledger screen's whole table twice.
  const start = positionsAsOf(ctx.db, dayBefore);
  const end = positionsAsOf(ctx.db, ctx.period.to);
  const partners = ctx.db.prepare('SELECT id, name FROM partners ORDER BY name COLLATE NOCASE').all<{ id: number; name: string }>();
  const entries = periodEntries(ctx);
  const manual = ['opening_balance', 'contribution', 'correction'];
  const given = casesBy(entries, 'to', ['move']);
  const recipOut = casesBy(entries, 'from', ['move']);
  const adjustedTo = casesBy(entries, 'to', manual);
  const adjustedFrom = casesBy(entries, 'from', manual);
  const hmOut = housingMovesOut(ctx);
  const none: Tally = { count: 0, refs: [] };
  const rows: LedgerRow[] = [];
  const level = { given: 0, received: 0, adjustments: 0, balance: 0 };
  for (const p of partners) {
    const e = { partnerId: p.id, name: p.name, ...(end.get(p.id) ?? level) };
    const s = start.get(p.id);
    const before = { given: s?.given ?? 0, received: s?.received ?? 0, adjustments: s?.adjustments ?? 0, balance: s?.balance ?? 0 };
    const hm = hmOut.get(e.partnerId) ?? none;
    const movedIn = e.given - before.given;
    // The ledger's "received" counts every booked move out, reciprocal or (when booked) Housing Moves.
    const bookedOut = e.received - before.received;
    const bookedHousingMoves = policy.bookHousingMoves ? hm.count : 0;
    const row: LedgerRow = {
      label: e.name,
      start: before.balance,
      given: { count: movedIn, refs: given.get(e.partnerId)?.refs ?? [] },
      reciprocalOut: { count: bookedOut - bookedHousingMoves, refs: recipOut.get(e.partnerId)?.refs ?? [] },
      housingMovesOut: hm,
      adjustments: e.adjustments - before.adjustments,
      adjustmentRefs: tallyOf([...(adjustedTo.get(e.partnerId)?.refs ?? []), ...(adjustedFrom.get(e.partnerId)?.refs ?? [])]).refs,
      end: e.balance,
    };
    const quiet = row.start === 0 && row.end === 0 && row.given.count === 0 && row.reciprocalOut.count === 0 && hm.count === 0 && row.adjustments === 0;
    if (!quiet) rows.push(row);
  }
  return {
    kind: 'ledger',
    id: 'ledger',
    title: 'The ledger',
    note:
      `Each partner’s position as the ledger stood on ${formatUkDate(dayBefore)} and on ${formatUkDate(ctx.period.to)} (homes it is owed, less homes it owes), and what changed it in the period: ` +
      'homes it let to other partners’ tenants, its tenants moved by a reciprocal offer, and opening balances, contributions and corrections (net of reversals). ' +
      (policy.bookHousingMoves
        ? 'Housing Moves moves out are booked by the ledger policy, so they lower the position too; they are counted apart from reciprocal moves.'
        : 'Housing Moves moves out are counted apart: the ledger policy does not book them, so they do not change the position.') +
      // No figure is written into the note: a note is not protected when published, the table's cells are.
      ((end.get(null)?.balance ?? 0) !== 0 || (start.get(null)?.balance ?? 0) !== 0
        ? ' The partners’ total is balanced by the central pot, the other way round.'
        : ''),
    rows,
    housingMovesBooked: policy.bookHousingMoves,
  };
}
