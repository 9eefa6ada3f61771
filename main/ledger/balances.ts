import type { IsoDate } from '../../contract/calendar-date';
import { ledgerStatus, type LedgerRow, type LedgerTable } from '../../contract/ledger';
import type { Db } from '../db/types';

/*
 * Balances from the entries, in SQL. Each entry is split into its two sides (+amount to the side owed, −amount from
 * the side that owes); a reversal keeps the kind of the entry it reverses, so "given" and "received" are net of
 * reversals. `asOf` keeps entries dated on or before that day: the ledger as it stood then.
 */

const FAR_FUTURE = '9999-12-31';

const SIDES = `
  WITH e AS (
    SELECT e.*, coalesce(r.kind, e.kind) AS base_kind
    FROM ledger_entries e LEFT JOIN ledger_entries r ON r.id = e.reverses_id
    WHERE e.on_date <= :asOf AND (:bedrooms IS NULL OR e.bedrooms = :bedrooms)
  ),
  sides AS (
    -- role: which side of the original booking this partner is on (a reversal's sides are the original's, swapped).
    SELECT to_partner_id AS pid, amount AS amt, base_kind, CASE WHEN kind = 'reversal' THEN 'from' ELSE 'to' END AS role FROM e
    UNION ALL
    SELECT from_partner_id, -amount, base_kind, CASE WHEN kind = 'reversal' THEN 'to' ELSE 'from' END FROM e
  )`;

type SumRow = { pid: number | null; balance: number; given: number; received: number };

/**
 * The migration tests seed older databases through the real case actions, which ask the cap: before migration 005
 * there is no ledger, and every balance is level.
 */
function hasLedger(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_entries'", { pluck: true }).get() !== undefined;
}

function sums(db: Db, asOf: IsoDate, bedrooms: number | null, partnerId?: number): Map<number | null, SumRow> {
  if (!hasLedger(db)) return new Map();
  const rows = db
    .prepare(
      `${SIDES}
       SELECT pid, sum(amt) AS balance,
         coalesce(sum(CASE WHEN base_kind = 'move' AND role = 'to' THEN amt END), 0) AS given,
         coalesce(-sum(CASE WHEN (base_kind = 'move' OR base_kind = 'housing_moves') AND role = 'from' THEN amt END), 0) AS received
       FROM sides ${partnerId === undefined ? '' : 'WHERE pid = :pid'} GROUP BY pid`,
    )
    .all<SumRow>({ asOf, bedrooms, ...(partnerId === undefined ? {} : { pid: partnerId }) });
  return new Map(rows.map((r) => [r.pid, r]));
}

export interface PartnerTotals {
  given: number;
  received: number;
  adjustments: number;
  balance: number;
  unreciprocated: number;
}

function totals(row: SumRow | undefined): PartnerTotals {
  const balance = row?.balance ?? 0;
  const given = row?.given ?? 0;
  const received = row?.received ?? 0;
  return { given, received, adjustments: balance - given + received, balance, unreciprocated: Math.max(0, -balance) };
}

export function partnerTotals(db: Db, partnerId: number, asOf: IsoDate = FAR_FUTURE): PartnerTotals {
  return totals(sums(db, asOf, null, partnerId).get(partnerId));
}

/** Moves out of a partner's stock not yet reciprocated: what the cap counts, always in total. */
export function unreciprocated(db: Db, partnerId: number, asOf: IsoDate = FAR_FUTURE): number {
  return partnerTotals(db, partnerId, asOf).unreciprocated;
}

export function ledgerTable(db: Db, opts: { asOf: IsoDate; bedrooms: number | null; cap: number }): LedgerTable {
  const partners = db
    .prepare('SELECT id, name, status FROM partners ORDER BY name COLLATE NOCASE')
    .all<{ id: number; name: string; status: LedgerRow['partnerStatus'] }>();
  const shown = sums(db, opts.asOf, opts.bedrooms);
  const whole = opts.bedrooms === null ? shown : sums(db, opts.asOf, null);
  const rows: LedgerRow[] = partners.map((p) => {
    const t = totals(shown.get(p.id));
    const cap = totals(whole.get(p.id));
    return {
      partnerId: p.id,
      name: p.name,
      partnerStatus: p.status,
      given: t.given,
      received: t.received,
      adjustments: t.adjustments,
      balance: t.balance,
      unreciprocated: cap.unreciprocated,
      status: ledgerStatus(cap.balance, opts.cap),
    };
  });
  const pot = shown.get(null)?.balance ?? 0;
  const bedroomSizes = db
    .prepare('SELECT DISTINCT bedrooms FROM ledger_entries WHERE bedrooms IS NOT NULL AND on_date <= ? ORDER BY bedrooms', { pluck: true })
    .all([opts.asOf]) as number[];
  return {
    asOf: opts.asOf,
    bedrooms: opts.bedrooms,
    cap: opts.cap,
    rows,
    pot,
    total: rows.reduce((s, r) => s + r.balance, 0) + pot,
    bedroomSizes,
  };
}
