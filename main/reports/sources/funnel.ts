import type { Db } from '../../db/types';
import { hasTable, type HeadlineModel, type HeadlineRow, type SourceContext } from '../model';
import type { Period } from '../period';
import { tallyOf, type Tally } from '../tally';

/*
 * The funnel. A case counts in the period in which each step happened: a referral received in March and approved in
 * April counts as a referral in the year it was received and as an approval in the next. Each step is counted from
 * the record of that step, once per case, however many times it happened within the period.
 */

const refs = (db: Db, sql: string, p: Period): Tally => tallyOf(db.prepare(sql, { pluck: true }).all<string>([p.from, p.to]));

/*
 * While one funnel is worked out, the referrals and the moves of each period are read once: enquiries count the
 * referrals again, and people rehoused read the moves again. Set only for the span of `funnel()` (synchronous), so
 * nothing is ever kept between reports.
 */
let memo: Map<string, unknown> | null = null;
function once<T>(key: string, read: () => T): T {
  if (!memo) return read();
  if (!memo.has(key)) memo.set(key, read());
  return memo.get(key) as T;
}

/** The date the move happened: the tenancy start, or for a move recorded before that was kept, the day the case moved. */
export const MOVE_DATE_SQL = `COALESCE(m.tenancy_start_on,
  (SELECT min(e.on_date) FROM case_events e WHERE e.case_id = m.case_id AND e.kind = 'transition' AND e.to_state = 'moved'),
  substr(m.created_at, 1, 10))`;

/**
 * Moves whose move date falls in the period (named parameters :from and :to). Written as two index ranges rather
 * than as a filter on the COALESCE, so that the tenancy start's index is used: almost every move has one, and the
 * few that do not (moves recorded before it was kept) are found by the fallback.
 */
export const MOVED_IN_PERIOD = `(m.tenancy_start_on BETWEEN :from AND :to OR (m.tenancy_start_on IS NULL AND ${MOVE_DATE_SQL} BETWEEN :from AND :to))`;

const transitionsTo = (state: string) =>
  `SELECT DISTINCT c.reference FROM case_events e JOIN cases c ON c.id = e.case_id
   WHERE e.kind = 'transition' AND e.to_state = '${state}' AND e.on_date BETWEEN ? AND ?`;

/**
 * Enquiries, as the scheme counts them: every enquiry in the period, whether or not it became a referral. Those
 * that did not are kept in `enquiries` (no identity, so no reference); those that did are the referrals received.
 */
export function enquiries(db: Db, p: Period): Tally | null {
  if (!hasTable(db, 'enquiries')) return null;
  const notReferred = db.prepare('SELECT count(*) FROM enquiries WHERE received_on BETWEEN ? AND ?', { pluck: true }).get<number>([p.from, p.to]) ?? 0;
  const referred = referrals(db, p);
  return { count: notReferred + referred.count, refs: referred.refs };
}

/** The enquiries kept apart because they never became referrals: counted, with no case behind them to list. */
export function enquiriesNotReferred(db: Db, p: Period): Tally | null {
  if (!hasTable(db, 'enquiries')) return null;
  return { count: db.prepare('SELECT count(*) FROM enquiries WHERE received_on BETWEEN ? AND ?', { pluck: true }).get<number>([p.from, p.to]) ?? 0, refs: [] };
}

export function referrals(db: Db, p: Period): Tally {
  return once(`referrals ${p.from} ${p.to}`, () => refs(db, 'SELECT reference FROM cases WHERE received_on BETWEEN ? AND ?', p));
}

export const approvals = (db: Db, p: Period): Tally => refs(db, transitionsTo('approved'), p);
export const landlordDeclines = (db: Db, p: Period): Tally => refs(db, transitionsTo('landlord_declined'), p);

/** First circulation only: a re-circulation is not a new case reaching this step. */
export function circulated(db: Db, p: Period): Tally {
  return refs(db, 'SELECT reference FROM cases WHERE circulated_on BETWEEN ? AND ?', p);
}

export function offered(db: Db, p: Period): Tally {
  return refs(db, 'SELECT DISTINCT c.reference FROM offers o JOIN cases c ON c.id = o.case_id WHERE o.offered_on BETWEEN ? AND ?', p);
}

export function accepted(db: Db, p: Period): Tally {
  return refs(
    db,
    "SELECT DISTINCT c.reference FROM offers o JOIN cases c ON c.id = o.case_id WHERE o.outcome = 'accepted' AND o.decided_on BETWEEN ? AND ?",
    p,
  );
}

type MoveRow = {
  reference: string;
  adults: number | null;
  children: number | null;
};

function movesIn(db: Db, p: Period): MoveRow[] {
  return once(`moves ${p.from} ${p.to}`, () =>
    db
      .prepare(`SELECT c.reference, m.adults, m.children FROM moves m JOIN cases c ON c.id = m.case_id WHERE ${MOVED_IN_PERIOD}`)
      .all<MoveRow>({ from: p.from, to: p.to }),
  );
}

export function moves(db: Db, p: Period): Tally {
  return tallyOf(movesIn(db, p).map((m) => m.reference));
}

/** People rehoused: the household of each move. A move recorded before household sizes were kept adds nothing and is listed. */
export function people(db: Db, p: Period, kind: 'adults' | 'children'): Tally {
  const rows = movesIn(db, p);
  return { count: rows.reduce((sum, m) => sum + (m[kind] ?? 0), 0), refs: tallyOf(rows.filter((m) => (m[kind] ?? 0) > 0).map((m) => m.reference)).refs };
}

type Step = { id: string; label: string; rateOf: string | null; of: (db: Db, p: Period) => Tally | null };

export const FUNNEL_STEPS: readonly Step[] = [
  { id: 'enquiries', label: 'Enquiries', rateOf: null, of: enquiries },
  { id: 'not_referred', label: 'Enquiries that did not become referrals', rateOf: 'enquiries', of: enquiriesNotReferred },
  { id: 'referrals', label: 'Referrals received', rateOf: 'enquiries', of: referrals },
  { id: 'approvals', label: 'Approved by the home landlord', rateOf: 'referrals', of: approvals },
  { id: 'landlord_declines', label: 'Declined by the home landlord', rateOf: 'referrals', of: landlordDeclines },
  { id: 'circulated', label: 'Circulated to partners', rateOf: 'approvals', of: circulated },
  { id: 'offers', label: 'Received an offer', rateOf: 'circulated', of: offered },
  { id: 'accepted', label: 'Accepted an offer', rateOf: 'offers', of: accepted },
  { id: 'moves', label: 'Moved', rateOf: 'accepted', of: moves },
  { id: 'adults', label: 'Adults rehoused', rateOf: null, of: (db, p) => people(db, p, 'adults') },
  { id: 'children', label: 'Children rehoused', rateOf: null, of: (db, p) => people(db, p, 'children') },
];

export const FUNNEL_RULE =
  'A case counts in the period in which each step happened: a referral received in one period and approved in the next counts as a referral in the first and an approval in the second. Each step counts a case once, however often the step happened in the period. Conversion is this step divided by the step named beside it, both in the same period.';

export function funnel(ctx: SourceContext): HeadlineModel {
  memo = new Map();
  let rows: HeadlineRow[];
  try {
    rows = FUNNEL_STEPS.map((s) => ({
      id: s.id,
      label: s.label,
      current: s.of(ctx.db, ctx.period),
      previous: s.of(ctx.db, ctx.previous),
      rateOf: s.rateOf,
    }));
  } finally {
    memo = null;
  }
  return {
    kind: 'headlines',
    id: 'funnel',
    title: 'The funnel',
    note: `${FUNNEL_RULE} Enquiries are those recorded as enquiries plus the referrals received.`,
    rows,
  };
}
