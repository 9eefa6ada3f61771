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

type Row = {
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
  reference: string | null;
  from_name: string | null;
  to_name: string | null;
  base_kind: LedgerKind;
  reversed_by: number | null;
};

type UnbookedRow = {
  id: number;
  case_id: number;
  reference: string;
  route: MoveRoute;
  home_partner_id: number;
  receiving_partner_id: number | null;
  on_date: IsoDate;
  bedrooms: number | null;
};

const name = (n: string | null) => n ?? POT_NAME;

function describe(r: Row, partnerId: number): string {
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

export function statement(db: Db, partnerId: number, asOf: IsoDate): Statement {
  const partner = partnerName(db, partnerId);
  const policy = readLedgerPolicy(db);
  const rows = db
    .prepare(
      `SELECT e.id, e.on_date, e.kind, e.from_partner_id, e.to_partner_id, e.amount, e.bedrooms, e.move_id, e.case_id, e.reverses_id, e.reason,
              c.reference, fp.name AS from_name, tp.name AS to_name, coalesce(o.kind, e.kind) AS base_kind,
              (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id AND r.on_date <= :asOf) AS reversed_by
       FROM ledger_entries e
       LEFT JOIN ledger_entries o ON o.id = e.reverses_id
       LEFT JOIN cases c ON c.id = e.case_id
       LEFT JOIN partners fp ON fp.id = e.from_partner_id
       LEFT JOIN partners tp ON tp.id = e.to_partner_id
       WHERE (e.from_partner_id = :pid OR e.to_partner_id = :pid) AND e.on_date <= :asOf`,
    )
    .all<Row>({ pid: partnerId, asOf });
  const unbooked = db
    .prepare(
      `SELECT m.id, m.case_id, c.reference, m.route, m.home_partner_id, m.receiving_partner_id,
              coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)) AS on_date, coalesce(p.bedrooms, c.bedrooms) AS bedrooms
       FROM moves m JOIN cases c ON c.id = m.case_id LEFT JOIN offers o ON o.id = m.offer_id LEFT JOIN properties p ON p.id = o.property_id
       WHERE (m.home_partner_id = :pid OR m.receiving_partner_id = :pid)
         AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.move_id = m.id AND (e.kind = 'move' OR e.kind = 'housing_moves'))
         AND coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)) <= :asOf`,
    )
    .all<UnbookedRow>({ pid: partnerId, asOf });

  type Draft = Omit<StatementLine, 'runningBalance'> & { order: number };
  const drafts: Draft[] = rows.map((r) => ({
    key: `entry-${r.id}`,
    entryId: r.id,
    onDate: r.on_date,
    kind: r.kind,
    description: describe(r, partnerId),
    caseId: r.case_id,
    caseReference: r.reference,
    moveId: r.move_id,
    bedrooms: r.bedrooms,
    amount: r.to_partner_id === partnerId ? r.amount : -r.amount,
    reason: r.reason,
    reversedBy: r.reversed_by,
    reverses: r.reverses_id,
    order: r.id,
  }));
  for (const m of unbooked) {
    // The policy of the day decides a Housing Moves move; one recorded unbooked keeps its reason.
    const decision = bookingDecision(m, { bookHousingMoves: false }, partner.name);
    drafts.push({
      key: `move-${m.id}`,
      entryId: null,
      onDate: m.on_date,
      kind: 'not_booked',
      description: decision.books ? `Move of case ${m.reference}: not booked` : `${decision.why} (case ${m.reference})`,
      caseId: m.case_id,
      caseReference: m.reference,
      moveId: m.id,
      bedrooms: m.bedrooms,
      amount: 0,
      reason: '',
      reversedBy: null,
      reverses: null,
      order: 0,
    });
  }
  drafts.sort((a, b) => a.onDate.localeCompare(b.onDate) || a.order - b.order || a.key.localeCompare(b.key));
  let running = 0;
  const lines: StatementLine[] = drafts.map(({ order: _order, ...d }) => {
    running += d.amount;
    return { ...d, runningBalance: running };
  });
  const totals = partnerTotals(db, partnerId, asOf);
  return {
    partnerId,
    name: partner.name,
    asOf,
    cap: policy.cap,
    lines,
    totals,
    status: ledgerStatus(totals.balance, policy.cap),
    capMoves: capMovesAsOf(db, partnerId, totals.unreciprocated, asOf),
    overrides: overridesForPartner(db, partnerId),
  };
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
