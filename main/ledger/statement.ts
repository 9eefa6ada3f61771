import type { IsoDate } from '../../contract/calendar-date';
import { ledgerStatus, type LedgerKind, type Statement, type StatementLine } from '../../contract/ledger';
import type { MoveRoute } from '../../contract/offers';
import { missingCase } from '../../contract/missing-case';
import type { Db } from '../db/types';
import { partnerTotals } from './balances';
import { bookingDecision } from './booking';
import { capMoves, overridesForPartner } from './cap';
import { readLedgerPolicy } from './ledger-policy';
import { partnerName, POT_NAME } from './ledger-store';

/*
 * A partner's statement: its entries in date order with a running balance, each linked to its case by reference
 * (never by name), and the moves that booked nothing with the reason why. As of a date: only what was dated on or
 * before it, and a reversal made later does not show as one yet.
 */

/** One line of the windowed query: an entry (`src` 1) or a move that booked nothing (`src` 0), with its running balance. */
type Row = {
  on_date: IsoDate;
  src: 0 | 1;
  sid: number;
  amt: number;
  running: number;
  // An entry's own columns (NULL on a move's line).
  kind: LedgerKind | null;
  from_partner_id: number | null;
  to_partner_id: number | null;
  amount: number | null;
  e_bedrooms: number | null;
  move_id: number | null;
  case_id: number | null;
  reverses_id: number | null;
  reason: string | null;
  from_name: string | null;
  to_name: string | null;
  reversed_by: number | null;
  // A move's (NULL on an entry's line).
  route: MoveRoute | null;
  home_partner_id: number | null;
  receiving_partner_id: number | null;
  m_case_id: number | null;
  m_bedrooms: number | null;
  reference: string | null;
};

type EntryRow = Row & { kind: LedgerKind };

const name = (n: string | null) => n ?? POT_NAME;

function describe(r: EntryRow, partnerId: number): string {
  const ref = r.reference === null ? '' : `case ${r.reference}`;
  const out = r.from_partner_id === partnerId;
  switch (r.kind) {
    case 'move':
      return out ? `Move out: ${ref} moved to a home let by ${name(r.to_name)}` : `Move in: let a home to ${ref}, a tenant of ${name(r.from_name)}`;
    case 'housing_moves':
      return `Move out through Housing Moves: ${ref} (booked against the central pot by policy)`;
    case 'opening_balance':
      return out ? 'Opening balance: properties owed before this ledger' : 'Opening balance: properties owed to it before this ledger';
    case 'contribution':
      return 'Property contributed to the central pot';
    case 'correction':
      return `Correction with ${name(out ? r.to_name : r.from_name)}`;
    case 'reversal':
      return `Reversal of entry ${r.reverses_id ?? ''}${ref ? ` (${ref})` : ''}`;
    default:
      return missingCase(r.kind);
  }
}

/** How many lines a statement page holds unless asked otherwise. */
export const STATEMENT_PAGE = 200;

/*
 * The statement's lines, in SQL: the partner's entries and its moves that booked nothing, in date order (a move's
 * line before the entries of its day, entries by id), with the running balance as a window sum over all of them.
 * Paged by keyset: a page starts after the (date, source, id) of the last line of the page before, so a deep page
 * costs no more than the first. The entries come from the partner's two index ranges (`ledger_from`, `ledger_to`).
 */
const LINES = `
  WITH lines AS (
    SELECT e.on_date, 1 AS src, e.id AS sid, CASE WHEN e.to_partner_id = :pid THEN e.amount ELSE -e.amount END AS amt
    FROM ledger_entries e
    WHERE (e.from_partner_id = :pid OR e.to_partner_id = :pid) AND e.on_date <= :asOf
    UNION ALL
    SELECT coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)), 0, m.id, 0
    FROM moves m
    WHERE (m.home_partner_id = :pid OR m.receiving_partner_id = :pid)
      AND NOT EXISTS (SELECT 1 FROM ledger_entries b WHERE b.move_id = m.id AND (b.kind = 'move' OR b.kind = 'housing_moves'))
      AND coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)) <= :asOf
  ),
  ranked AS (
    SELECT on_date, src, sid, amt,
           sum(amt) OVER (ORDER BY on_date, src, sid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM lines
  )`;

const PAGE = `${LINES}
  SELECT r.on_date, r.src, r.sid, r.amt, r.running,
         e.kind, e.from_partner_id, e.to_partner_id, e.amount, e.bedrooms AS e_bedrooms, e.move_id, e.case_id, e.reverses_id, e.reason,
         fp.name AS from_name, tp.name AS to_name,
         (SELECT x.id FROM ledger_entries x WHERE x.reverses_id = e.id AND x.on_date <= :asOf) AS reversed_by,
         m.route, m.home_partner_id, m.receiving_partner_id, m.case_id AS m_case_id, coalesce(p.bedrooms, mc.bedrooms) AS m_bedrooms,
         coalesce(c.reference, mc.reference) AS reference
  FROM ranked r
  LEFT JOIN ledger_entries e ON r.src = 1 AND e.id = r.sid
  LEFT JOIN cases c ON c.id = e.case_id
  LEFT JOIN partners fp ON fp.id = e.from_partner_id
  LEFT JOIN partners tp ON tp.id = e.to_partner_id
  LEFT JOIN moves m ON r.src = 0 AND m.id = r.sid
  LEFT JOIN cases mc ON mc.id = m.case_id
  LEFT JOIN offers o ON o.id = m.offer_id
  LEFT JOIN properties p ON p.id = o.property_id
  WHERE (r.on_date, r.src, r.sid) > (:afterDate, :afterSrc, :afterId) AND (:only IS NULL OR (r.src = 1 AND r.sid = :only))
  ORDER BY r.on_date, r.src, r.sid
  LIMIT :limit`;

const COUNT = `${LINES} SELECT count(*) FROM lines`;

/** Where a page starts: after the line with this key (`date|source|id`), or at the top. */
export type StatementCursor = { afterDate: string; afterSrc: number; afterId: number };
const TOP: StatementCursor = { afterDate: '', afterSrc: -1, afterId: -1 };

export function encodeCursor(r: Pick<Row, 'on_date' | 'src' | 'sid'>): string {
  return `${r.on_date}|${r.src}|${r.sid}`;
}

export function decodeCursor(text: string | undefined): StatementCursor {
  if (text === undefined) return TOP;
  const [d, src, id] = text.split('|');
  return { afterDate: d ?? '', afterSrc: Number(src), afterId: Number(id) };
}

function toLine(r: Row, partnerId: number, partner: string): StatementLine {
  if (r.src === 1 && r.kind !== null) {
    return {
      key: `entry-${r.sid}`,
      entryId: r.sid,
      onDate: r.on_date,
      kind: r.kind,
      description: describe(r as EntryRow, partnerId),
      caseId: r.case_id,
      caseReference: r.reference,
      moveId: r.move_id,
      bedrooms: r.e_bedrooms,
      amount: r.amt,
      runningBalance: r.running,
      reason: r.reason ?? '',
      reversedBy: r.reversed_by,
      reverses: r.reverses_id,
    };
  }
  // The policy of the day decides a Housing Moves move; one recorded unbooked keeps its reason.
  const decision = bookingDecision(
    { route: r.route ?? 'other', home_partner_id: r.home_partner_id ?? 0, receiving_partner_id: r.receiving_partner_id },
    { bookHousingMoves: false },
    partner,
  );
  return {
    key: `move-${r.sid}`,
    entryId: null,
    onDate: r.on_date,
    kind: 'not_booked',
    description: decision.books ? `Move of case ${r.reference}: not booked` : `${decision.why} (case ${r.reference})`,
    caseId: r.m_case_id,
    caseReference: r.reference,
    moveId: r.sid,
    bedrooms: r.m_bedrooms,
    amount: 0,
    runningBalance: r.running,
    reason: '',
    reversedBy: null,
    reverses: null,
  };
}

/** One page of a statement's lines, and the key of the next page (null on the last). */
export function statementLines(
  db: Db,
  partnerId: number,
  asOf: IsoDate,
  opts: { after?: string; limit?: number; partner?: string } = {},
): { lines: StatementLine[]; next: string | null } {
  const limit = opts.limit ?? STATEMENT_PAGE;
  const partner = opts.partner ?? partnerName(db, partnerId).name;
  const rows = db.prepare(PAGE).all<Row>({ pid: partnerId, asOf, ...decodeCursor(opts.after), only: null, limit: limit + 1 });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { lines: page.map((r) => toLine(r, partnerId, partner)), next: more && last ? encodeCursor(last) : null };
}

/** One entry's line as it stands on its statement, with its running balance. */
export function statementLine(db: Db, partnerId: number, entryId: number, asOf: IsoDate): StatementLine | null {
  const row = db.prepare(PAGE).get<Row>({ pid: partnerId, asOf, ...TOP, only: entryId, limit: 1 });
  return row ? toLine(row, partnerId, partnerName(db, partnerId).name) : null;
}

/** A statement's head (totals, status, the moves behind the cap) and one page of its lines. */
export function statement(db: Db, partnerId: number, asOf: IsoDate, page: { after?: string; limit?: number } = {}): Statement {
  const partner = partnerName(db, partnerId);
  const policy = readLedgerPolicy(db);
  const { lines, next } = statementLines(db, partnerId, asOf, { ...page, partner: partner.name });
  const totals = partnerTotals(db, partnerId, asOf);
  return {
    partnerId,
    name: partner.name,
    asOf,
    cap: policy.cap,
    lines,
    lineCount: db.prepare(COUNT, { pluck: true }).get({ pid: partnerId, asOf }) as number,
    next,
    totals,
    status: ledgerStatus(totals.balance, policy.cap),
    capMoves: capMovesAsOf(db, partnerId, totals.unreciprocated, asOf),
    overrides: overridesForPartner(db, partnerId),
  };
}

/** Every line of a statement, page by page (for the exports), with progress between pages. */
export function fullStatement(db: Db, partnerId: number, asOf: IsoDate, progress?: (done: number, total: number) => void): Statement {
  const head = statement(db, partnerId, asOf, { limit: 1000 });
  const lines = [...head.lines];
  let next = head.next;
  progress?.(lines.length, head.lineCount);
  while (next !== null) {
    const page = statementLines(db, partnerId, asOf, { after: next, limit: 1000, partner: head.name });
    lines.push(...page.lines);
    next = page.next;
    progress?.(lines.length, head.lineCount);
  }
  return { ...head, lines, next: null };
}

/** As capMoves, for a past date: only moves and reversals dated by then count. */
function capMovesAsOf(db: Db, partnerId: number, count: number, asOf: IsoDate): string[] {
  if (asOf >= '9999-12-31') return capMoves(db, partnerId, count);
  if (count <= 0) return [];
  const refs = db
    .prepare(
      `SELECT c.reference FROM ledger_entries e JOIN cases c ON c.id = e.case_id
       WHERE e.from_partner_id = ? AND (e.kind = 'move' OR e.kind = 'housing_moves') AND e.on_date <= ?
         AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = e.id AND r.on_date <= ?)
       ORDER BY e.on_date DESC, e.id DESC LIMIT ?`,
      { pluck: true },
    )
    .all([partnerId, asOf, asOf, count]) as string[];
  return refs.reverse();
}
