import { ledgerStatus, type CapOverrideView, type CapStanding, type CaseCapStanding } from '../../contract/ledger';
import type { ChangeContext } from '../app/services';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { balancesToday, partnerTotals, unreciprocated } from './balances';
import { readLedgerPolicy } from './ledger-policy';
import { partnerName } from './ledger-store';

/*
 * The three-referral cap (DOMAIN.md, "The ledger"). A partner whose moves out, less the properties it has given,
 * reach the cap cannot have a new referral approved or circulated, nor an offer made to one, unless a coordinator
 * overrides the cap for that one case with a recorded reason (a `case_overrides` row, rule 'ledger_cap').
 * Checked here, in main, whoever asks: the lifecycle calls it at approval and first circulation, the offers
 * matcher through `ledgerCapCheck`.
 */

type Tx = Pick<ChangeContext, 'db' | 'now' | 'actor' | 'audit'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The newest moves out of a partner's stock that were not reversed, by case reference. `LIMIT (? + 0)`, not
 * `LIMIT ?`: this SQLite build prepares a statement whose LIMIT is a bare parameter again on every run (about
 * 0.4 ms here, measured), an expression it prepares once. One range of `ledger_from`, newest first, no sort.
 */
export const CAP_MOVES_SQL = `SELECT c.reference FROM ledger_entries e JOIN cases c ON c.id = e.case_id
       WHERE e.from_partner_id = ? AND (e.kind = 'move' OR e.kind = 'housing_moves')
         AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = e.id)
       ORDER BY e.on_date DESC, e.id DESC LIMIT (? + 0)`;

/**
 * The moves behind the count, by case reference, oldest first. A property given reciprocates the oldest move out,
 * so the moves still unreciprocated are the latest `count` moves out that were not reversed.
 */
export function capMoves(db: Db, partnerId: number, count: number): string[] {
  if (count <= 0) return [];
  const refs = db.prepare(CAP_MOVES_SQL, { pluck: true }).all([partnerId, count]) as string[];
  return refs.reverse();
}

function describeMoves(refs: readonly string[], count: number): string {
  const others = count - refs.length;
  const parts = [];
  if (refs.length > 0) parts.push(`${refs.length === 1 ? 'the move of case' : 'the moves of cases'} ${refs.join(', ')}`);
  if (others > 0) parts.push(`${plural(others, 'property', 'properties')} owed from its opening balance or corrections`);
  return parts.join(' and ');
}

export function capStanding(db: Db, partnerId: number, cap = readLedgerPolicy(db).cap): CapStanding {
  return standingOf(db, { id: partnerId, name: partnerName(db, partnerId).name }, partnerTotals(db, partnerId).balance, cap);
}

/** A partner's standing from its balance today; reads only the moves behind the count, newest first. */
function standingOf(db: Db, p: { id: number; name: string }, balance: number, cap: number): CapStanding {
  const partnerId = p.id;
  const n = Math.max(0, -balance);
  const status = ledgerStatus(balance, cap);
  const moves = capMoves(db, partnerId, n);
  let message = '';
  if (status === 'at_cap') {
    message = `${p.name} has ${plural(n, 'move')} out of its stock not yet reciprocated (${describeMoves(moves, n)}): the cap is ${cap}. A new referral from ${p.name} cannot be approved, circulated or offered a home until it lets a home to another partner's applicant, unless the cap is overridden for that case with a recorded reason.`;
  } else if (status === 'near_cap') {
    message = `${p.name} has ${plural(n, 'move')} out of its stock not yet reciprocated (${describeMoves(moves, n)}): one more reaches the cap of ${cap}.`;
  }
  return { partnerId, name: p.name, unreciprocated: n, cap, status, moves, message };
}

function overrideFor(db: Db, caseId: number): CapOverrideView | null {
  return (
    db
      .prepare(
        `SELECT o.case_id AS caseId, c.reference AS caseReference, o.reason, o.at, o.actor
         FROM case_overrides o JOIN cases c ON c.id = o.case_id WHERE o.case_id = ? AND o.rule = 'ledger_cap' ORDER BY o.id DESC LIMIT 1`,
      )
      .get<CapOverrideView>([caseId]) ?? null
  );
}

/** Every cap override recorded for cases of this home landlord, for its statement. */
export function overridesForPartner(db: Db, partnerId: number): CapOverrideView[] {
  return db
    .prepare(
      `SELECT o.case_id AS caseId, c.reference AS caseReference, o.reason, o.at, o.actor
       FROM case_overrides o JOIN cases c ON c.id = o.case_id WHERE c.home_landlord_id = ? AND o.rule = 'ledger_cap' ORDER BY o.id`,
    )
    .all<CapOverrideView>([partnerId]);
}

function caseRow(db: Db, caseId: number): { id: number; reference: string; home_landlord_id: number; state: string } {
  const row = db.prepare('SELECT id, reference, home_landlord_id, state FROM cases WHERE id = ?').get<{
    id: number;
    reference: string;
    home_landlord_id: number;
    state: string;
  }>([caseId]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That case could not be found. It may have been opened from an old link. Nothing was changed.');
  return row;
}

export function caseCapStanding(db: Db, caseId: number): CaseCapStanding {
  const c = caseRow(db, caseId);
  const standing = capStanding(db, c.home_landlord_id);
  const override = overrideFor(db, caseId);
  return { ...standing, caseId, caseReference: c.reference, override, blocked: standing.status === 'at_cap' && override === null };
}

export type CapStep = 'approve' | 'circulate' | 'offer';
const DOING: Readonly<Record<CapStep, string>> = { approve: 'approved', circulate: 'circulated', offer: 'offered a home' };

/** Refuses the step when the case's home landlord is at the cap and the case has no recorded override. */
export function assertWithinCap(db: Db, caseId: number, step: CapStep): void {
  const s = caseCapStanding(db, caseId);
  if (!s.blocked) return;
  throw new AppFailure(
    'RULE',
    `Case ${s.caseReference} cannot be ${DOING[step]}: ${s.name} has ${plural(s.unreciprocated, 'move')} out of its stock not yet reciprocated (${describeMoves(s.moves, s.unreciprocated)}), which reaches the cap of ${s.cap}. ${s.name} must let a home to another partner's applicant first, or override the cap for this case with a recorded reason. Nothing was changed.`,
    { fields: { capOverrideReason: 'At the cap: record why this case goes ahead to override it' } },
  );
}

/** The one-case override, audited against the case. Refused when there is nothing to override. */
export function overrideCap(tx: Tx, caseId: number, reason: string): CaseCapStanding {
  const s = caseCapStanding(tx.db, caseId);
  const c = caseRow(tx.db, caseId);
  if (c.state === 'closed') throw new AppFailure('RULE', `Case ${c.reference} is closed, so there is nothing to override. Nothing was changed.`);
  if (s.status !== 'at_cap') {
    throw new AppFailure(
      'RULE',
      `${s.name} is not at the cap (${s.unreciprocated} of ${s.cap}), so case ${c.reference} needs no override. Nothing was changed.`,
    );
  }
  if (s.override !== null) throw new AppFailure('CONFLICT', `The cap is already overridden for case ${c.reference}. Nothing was changed.`);
  recordCapOverride(tx, c.id, c.reference, reason, s);
  return caseCapStanding(tx.db, caseId);
}

/** Writes the override and its audit entry; the offers matcher calls this when an offer goes past the cap. */
export function recordCapOverride(
  tx: Tx,
  caseId: number,
  reference: string,
  reason: string,
  s: CapStanding = capStanding(tx.db, caseRow(tx.db, caseId).home_landlord_id),
): void {
  tx.db
    .prepare("INSERT INTO case_overrides (case_id, rule, reason, at, actor) VALUES (?, 'ledger_cap', ?, ?, ?)")
    .run([caseId, reason, tx.now.toISOString(), tx.actor]);
  tx.audit({
    action: 'ledger.cap_overridden',
    entityType: 'case',
    entityId: caseId,
    caseId,
    summary: `Case ${reference}: ledger cap overridden (${s.name} at ${s.unreciprocated} of ${s.cap}: ${s.moves.join(', ') || 'opening balance'})`,
    changes: [{ field: 'ledgerCapOverride', before: null, after: reason }],
    reason,
  });
}

/**
 * The matcher's view of the cap (offers' `LedgerCapCheck`): at the cap with no override for this case. Counts are
 * kept for one request, so a matching run over many cases reads each landlord's balance, and its explanation, once.
 */
export function ledgerCapCheck(db: Db): { atCap(homeLandlordId: number, caseId: number): boolean; explain(homeLandlordId: number): string } {
  const cap = readLedgerPolicy(db).cap;
  const counts = new Map<number, number>();
  // The words depend on the landlord alone: many left-out cases share one.
  const explained = new Map<number, string>();
  const count = (id: number) => {
    let n = counts.get(id);
    if (n === undefined) counts.set(id, (n = unreciprocated(db, id)));
    return n;
  };
  return {
    atCap: (homeLandlordId, caseId) => count(homeLandlordId) >= cap && overrideFor(db, caseId) === null,
    explain: (homeLandlordId) => {
      let words = explained.get(homeLandlordId);
      if (words === undefined) {
        const n = count(homeLandlordId);
        const name = partnerName(db, homeLandlordId).name;
        words = `the home landlord ${name} has ${plural(n, 'move')} not yet reciprocated (${describeMoves(capMoves(db, homeLandlordId, n), n)}), the cap is ${cap}`;
        explained.set(homeLandlordId, words);
      }
      return words;
    },
  };
}

/**
 * Partners at the cap, for Home: every balance in one read of the maintained totals (`ledger_balances`, migration
 * 014), the names in one read, then for those at the cap only the moves that explain it, each one index range of at
 * most the cap's length. Nothing is read per partner that is not at the cap.
 */
export function partnersAtCap(db: Db): CapStanding[] {
  const cap = readLedgerPolicy(db).cap;
  const balances = balancesToday(db);
  const partners = db.prepare('SELECT id, name FROM partners ORDER BY name COLLATE NOCASE').all<{ id: number; name: string }>();
  return partners.filter((p) => ledgerStatus(balances.get(p.id) ?? 0, cap) === 'at_cap').map((p) => standingOf(db, p, balances.get(p.id) ?? 0, cap));
}
