import type { LedgerPolicy } from '../../contract/ledger';
import { MOVE_ROUTE_LABELS, type MoveRoute } from '../../contract/offers';
import { missingCase } from '../../contract/missing-case';
import type { ChangeContext } from '../app/services';
import type { Db } from '../db/types';
import { bookingForMove, insertEntry, sideName } from './ledger-store';

/*
 * Booking a completed move. Called by the offers feature inside the transaction that records the move, so the
 * move and its ledger line are written together or not at all. The rules (issue 11):
 * - a reciprocal move between two partners: the home landlord owes one (−1), the receiving landlord is owed one (+1);
 * - a move between two boroughs of the same partner books nothing;
 * - a Housing Moves move books the home landlord's −1 against the central pot only if the policy says so;
 * - a move recorded before properties were tracked waits for its receiving landlord, then books.
 */

type LedgerTx = Pick<ChangeContext, 'db' | 'now' | 'actor' | 'audit'>;

type MoveFacts = {
  id: number;
  case_id: number;
  reference: string;
  route: MoveRoute;
  home_partner_id: number;
  receiving_partner_id: number | null;
  tenancy_start_on: string | null;
  created_at: string;
  bedrooms: number;
};

function moveFacts(db: Db, moveId: number): MoveFacts {
  return db
    .prepare(
      `SELECT m.id, m.case_id, c.reference, m.route, m.home_partner_id, m.receiving_partner_id, m.tenancy_start_on, m.created_at,
              coalesce(p.bedrooms, c.bedrooms) AS bedrooms
       FROM moves m JOIN cases c ON c.id = m.case_id LEFT JOIN offers o ON o.id = m.offer_id LEFT JOIN properties p ON p.id = o.property_id
       WHERE m.id = ?`,
    )
    .get<MoveFacts>([moveId]) as MoveFacts;
}

export type BookingDecision = { books: true; kind: 'move' | 'housing_moves'; from: number; to: number | null } | { books: false; why: string };

/** What the ledger does with a move, and why: the statement shows the same words for a move that books nothing. */
export function bookingDecision(
  m: Pick<MoveFacts, 'route' | 'home_partner_id' | 'receiving_partner_id'>,
  policy: Pick<LedgerPolicy, 'bookHousingMoves'>,
  homeName: string,
): BookingDecision {
  switch (m.route) {
    case 'reciprocal':
      if (m.receiving_partner_id === null) {
        return { books: false, why: 'Not booked yet: the receiving landlord was not recorded (moved before properties were tracked)' };
      }
      if (m.receiving_partner_id === m.home_partner_id) {
        return { books: false, why: `Books nothing: a move between two boroughs of ${homeName}'s own stock` };
      }
      return { books: true, kind: 'move', from: m.home_partner_id, to: m.receiving_partner_id };
    case 'housing_moves':
      return policy.bookHousingMoves
        ? { books: true, kind: 'housing_moves', from: m.home_partner_id, to: null }
        : { books: false, why: 'Books nothing: Housing Moves moves were not booked by the ledger policy; reported separately' };
    case 'other':
      return { books: false, why: `Books nothing: moved by ${MOVE_ROUTE_LABELS.other.toLowerCase()}` };
    default:
      return missingCase(m.route);
  }
}

/** Books the move if the rules say so, with its own audit entry. Returns the entry id, or null for none. */
export function bookMove(tx: LedgerTx, moveId: number, policy: LedgerPolicy): number | null {
  if (bookingForMove(tx.db, moveId)) return null;
  const m = moveFacts(tx.db, moveId);
  const decision = bookingDecision(m, policy, sideName(tx.db, m.home_partner_id));
  if (!decision.books) return null;
  const onDate = m.tenancy_start_on ?? m.created_at.slice(0, 10);
  const id = insertEntry(tx.db, {
    onDate,
    kind: decision.kind,
    fromPartnerId: decision.from,
    toPartnerId: decision.to,
    amount: 1,
    bedrooms: m.bedrooms,
    moveId: m.id,
    caseId: m.case_id,
    reversesId: null,
    reason: '',
    at: tx.now.toISOString(),
    actor: tx.actor,
  });
  const from = sideName(tx.db, decision.from);
  const to = sideName(tx.db, decision.to);
  tx.audit({
    action: 'ledger.booked',
    entityType: 'ledger_entry',
    entityId: id,
    caseId: m.case_id,
    summary: `Case ${m.reference}: ledger booked ${from} −1 (owes a property), ${to} +1 (is owed one)`,
    changes: [
      { field: 'from', before: null, after: from },
      { field: 'to', before: null, after: to },
      { field: 'moveId', before: null, after: m.id },
    ],
  });
  return id;
}
