import type { IsoDate } from '../../contract/calendar-date';
import { ledgerStatus, type LedgerRow, type LedgerTable } from '../../contract/ledger';
import type { Db } from '../db/types';
import { tableExists } from '../db/table-exists';

/*
 * Balances. An entry gives +amount to the side owed and −amount to the side that owes. "Given" and "received" are
 * net of reversals: a reversal counts against the kind of the entry it reverses. `asOf` keeps entries dated on or
 * before that day: the ledger as it stood then.
 *
 * Speed (migration 014-ledger-speed): `ledger_balances` holds each account's totals per bedroom size, kept by a
 * trigger in the transaction of each entry, so today's ledger reads one row per partner and size. A past date is
 * those totals less the entries dated after it, read off the covering index `ledger_by_date` (no table rows, and
 * only the entries after that date). `test/unit/ledger/ledger-plans.test.ts` holds these plans;
 * `verifyLedgerBalances` checks the totals against the entries for the audit check.
 */

const FAR_FUTURE = '9999-12-31';

type SumRow = { pid: number | null; balance: number; given: number; received: number };

/** Today's totals: the maintained rows, summed over bedroom sizes unless one is asked for. */
export function totalsSql(one: boolean): string {
  return `SELECT nullif(partner_key, 0) AS pid, sum(balance) AS balance, sum(given) AS given, sum(received) AS received
          FROM ledger_balances
          WHERE (:bedrooms IS NULL OR bedrooms_key = :bedrooms)${one ? ' AND partner_key = :pid' : ''}
          GROUP BY partner_key`;
}

/**
 * The entries dated after `asOf`: what to take off today's totals for a past date. Every partner's: one range of
 * the covering index `ledger_by_date` (only the later entries, no table rows; a reversal's original by its key).
 * One partner's: its two index ranges.
 */
export function laterSql(one: boolean, dated = true): string {
  // Forced: left to itself SQLite may walk another index. Only a database from before migration 013 (in the
  // migration tests) lacks it.
  const byDate = !one && dated ? 'INDEXED BY ledger_by_date' : '';
  return `SELECT e.kind, e.from_partner_id AS from_pid, e.to_partner_id AS to_pid, e.amount, e.bedrooms, o.kind AS base_kind
          FROM ledger_entries e ${byDate} LEFT JOIN ledger_entries o ON o.id = e.reverses_id
          WHERE e.on_date > :asOf${one ? ' AND (e.from_partner_id = :pid OR e.to_partner_id = :pid)' : ''}`;
}

const EPOCH = '0000-01-01';

/** What the entries dated after `asOf` add to each account (positive sense), per side as the totals count them. */
function laterSums(db: Db, asOf: IsoDate, bedrooms: number | null, partnerId?: number, dated = true): Map<number | null, SumRow> {
  const out = new Map<number | null, SumRow>();
  const one = partnerId !== undefined;
  const row = (pid: number | null): SumRow => {
    let r = out.get(pid);
    if (!r) out.set(pid, (r = { pid, balance: 0, given: 0, received: 0 }));
    return r;
  };
  type Later = { kind: string; from_pid: number | null; to_pid: number | null; amount: number; bedrooms: number | null; base_kind: string | null };
  for (const e of db.prepare(laterSql(one, dated)).all<Later>(one ? { asOf, pid: partnerId } : { asOf })) {
    if (bedrooms !== null && e.bedrooms !== bedrooms) continue;
    const to = row(e.to_pid);
    const from = row(e.from_pid);
    to.balance += e.amount;
    from.balance -= e.amount;
    if (e.kind === 'move') to.given += e.amount;
    if (e.kind === 'move' || e.kind === 'housing_moves') from.received += e.amount;
    // A reversal swaps the sides of its original: it takes back what the original gave (on its `from` side, the
    // original's receiver) and received (on its `to` side, the original's home landlord).
    if (e.kind === 'reversal' && e.base_kind === 'move') from.given -= e.amount;
    if (e.kind === 'reversal' && (e.base_kind === 'move' || e.base_kind === 'housing_moves')) to.received -= e.amount;
  }
  if (one) for (const pid of [...out.keys()]) if (pid !== partnerId) out.delete(pid);
  return out;
}

/** The date of the latest entry (one step down `ledger_by_date`): on or after it, a past date is today's ledger. */
function latestEntryDate(db: Db): IsoDate {
  return (db.prepare('SELECT max(on_date) FROM ledger_entries', { pluck: true }).get() as IsoDate | null) ?? EPOCH;
}

/** Each account's totals as of a date: today's maintained totals less what was dated after it. */
function sums(db: Db, asOf: IsoDate, bedrooms: number | null, partnerId?: number): Map<number | null, SumRow> {
  // The migration tests seed older databases through the real case actions, which ask the cap: before migration
  // 010 there is no ledger (every balance is level); before 013, no maintained totals (summed from the entries).
  if (!tableExists(db, 'ledger_entries')) return new Map();
  const one = partnerId !== undefined;
  const kept = tableExists(db, 'ledger_balances');
  const out = kept
    ? new Map(
        db
          .prepare(totalsSql(one))
          .all<SumRow>(one ? { bedrooms, pid: partnerId } : { bedrooms })
          .map((r) => [r.pid, r]),
      )
    : laterSums(db, EPOCH, bedrooms, partnerId, false);
  if (kept && asOf >= latestEntryDate(db)) return out;
  for (const [pid, later] of laterSums(db, asOf, bedrooms, partnerId, kept)) {
    const r = out.get(pid) ?? { pid, balance: 0, given: 0, received: 0 };
    out.set(pid, { pid, balance: r.balance - later.balance, given: r.given - later.given, received: r.received - later.received });
  }
  return out;
}

/**
 * What the entries dated after `asOf` add to each account, summed by SQL in one grouped read of the covering index
 * `ledger_by_date` (the same arithmetic as `laterSums`, every bedroom size): what the year-end report takes off
 * today's totals for its opening and closing positions, without building the ledger screen's table twice.
 */
export const LATER_GROUPED_SQL = `
  WITH later AS (
    SELECT e.kind, e.from_partner_id AS from_pid, e.to_partner_id AS to_pid, e.amount, o.kind AS base_kind
    FROM ledger_entries e INDEXED BY ledger_by_date LEFT JOIN ledger_entries o ON o.id = e.reverses_id
    WHERE e.on_date > :asOf
  )
  SELECT pid, sum(balance) AS balance, sum(given) AS given, sum(received) AS received FROM (
    SELECT to_pid AS pid, amount AS balance,
           CASE WHEN kind = 'move' THEN amount ELSE 0 END AS given,
           CASE WHEN kind = 'reversal' AND (base_kind = 'move' OR base_kind = 'housing_moves') THEN -amount ELSE 0 END AS received
    FROM later
    UNION ALL
    SELECT from_pid, -amount,
           CASE WHEN kind = 'reversal' AND base_kind = 'move' THEN -amount ELSE 0 END,
           CASE WHEN kind = 'move' OR kind = 'housing_moves' THEN amount ELSE 0 END
    FROM later
  ) GROUP BY pid`;

/**
 * Every account's totals as the ledger stood on `asOf` (all bedroom sizes): the numbers `ledgerTable` shows for that
 * day, keyed by partner id (null for the central pot), from today's maintained totals less one grouped read of the
 * later entries.
 */
export function positionsAsOf(db: Db, asOf: IsoDate): Map<number | null, PartnerTotals> {
  if (!tableExists(db, 'ledger_entries')) return new Map();
  if (!tableExists(db, 'ledger_balances')) return new Map([...sums(db, asOf, null)].map(([pid, r]) => [pid, totals(r)]));
  const out = new Map<number | null, SumRow>(
    db
      .prepare(totalsSql(false))
      .all<SumRow>({ bedrooms: null })
      .map((r) => [r.pid, r]),
  );
  if (asOf < latestEntryDate(db)) {
    for (const later of db.prepare(LATER_GROUPED_SQL).all<SumRow>({ asOf })) {
      const r = out.get(later.pid) ?? { pid: later.pid, balance: 0, given: 0, received: 0 };
      out.set(later.pid, { pid: later.pid, balance: r.balance - later.balance, given: r.given - later.given, received: r.received - later.received });
    }
  }
  return new Map([...out].map(([pid, r]) => [pid, totals(r)]));
}

/**
 * The maintained totals against a fresh sum of every entry, per account and bedroom size: for the audit check.
 * Null when they agree, else the first account that disagrees.
 */
export function verifyLedgerBalances(db: Db): string | null {
  if (!tableExists(db, 'ledger_balances')) return null;
  const fresh = db
    .prepare(
      `WITH e AS (SELECT e.*, o.kind AS base_kind FROM ledger_entries e LEFT JOIN ledger_entries o ON o.id = e.reverses_id),
       sides AS (
         SELECT coalesce(to_partner_id, 0) AS pk, coalesce(bedrooms, -1) AS bk, amount AS balance,
                CASE WHEN kind = 'move' THEN amount ELSE 0 END AS given,
                CASE WHEN kind = 'reversal' AND (base_kind = 'move' OR base_kind = 'housing_moves') THEN -amount ELSE 0 END AS received
         FROM e
         UNION ALL
         SELECT coalesce(from_partner_id, 0), coalesce(bedrooms, -1), -amount,
                CASE WHEN kind = 'reversal' AND base_kind = 'move' THEN -amount ELSE 0 END,
                CASE WHEN kind = 'move' OR kind = 'housing_moves' THEN amount ELSE 0 END
         FROM e
       )
       SELECT pk, bk, sum(balance) AS balance, sum(given) AS given, sum(received) AS received FROM sides GROUP BY pk, bk`,
    )
    .all<{ pk: number; bk: number; balance: number; given: number; received: number }>();
  const kept = db
    .prepare('SELECT partner_key AS pk, bedrooms_key AS bk, balance, given, received FROM ledger_balances')
    .all<{ pk: number; bk: number; balance: number; given: number; received: number }>();
  const key = (r: { pk: number; bk: number }) => `${r.pk}:${r.bk}`;
  const same = (a?: { balance: number; given: number; received: number }, b?: { balance: number; given: number; received: number }) =>
    (a?.balance ?? 0) === (b?.balance ?? 0) && (a?.given ?? 0) === (b?.given ?? 0) && (a?.received ?? 0) === (b?.received ?? 0);
  const keptBy = new Map(kept.map((r) => [key(r), r]));
  const freshBy = new Map(fresh.map((r) => [key(r), r]));
  for (const k of new Set([...keptBy.keys(), ...freshBy.keys()])) {
    if (same(keptBy.get(k), freshBy.get(k))) continue;
    const pk = Number(k.split(':')[0]);
    const who =
      pk === 0
        ? 'the central pot'
        : ((db.prepare('SELECT name FROM partners WHERE id = ?', { pluck: true }).get([pk]) as string | undefined) ?? `partner number ${pk}`);
    return `The ledger's totals for ${who} do not match its entries: the totals were changed directly, not through Reciprocal.`;
  }
  return null;
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

/** Every partner's balance today, in one read of the maintained totals (Home's cap list). */
export function balancesToday(db: Db): Map<number, number> {
  const out = new Map<number, number>();
  for (const [pid, r] of sums(db, FAR_FUTURE, null)) if (pid !== null) out.set(pid, r.balance);
  return out;
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
  const bedroomSizes = presentBedroomSizes(db, opts.asOf);
  return {
    housingMoves: housingMovesBy(db, opts.asOf),
    entries: tableExists(db, 'ledger_entries')
      ? (db.prepare('SELECT count(*) FROM ledger_entries WHERE on_date <= ?', { pluck: true }).get([opts.asOf]) as number)
      : 0,
    asOf: opts.asOf,
    bedrooms: opts.bedrooms,
    cap: opts.cap,
    rows,
    pot,
    total: rows.reduce((s, r) => s + r.balance, 0) + pot,
    bedroomSizes,
  };
}

/** Bedroom sizes (0–7) that appear in the ledger by a date: one index probe per size, not a scan of every entry. */
export const BEDROOM_PROBE = 'SELECT 1 FROM ledger_entries WHERE bedrooms = ? AND on_date <= ? LIMIT 1';

function presentBedroomSizes(db: Db, asOf: IsoDate): number[] {
  if (tableExists(db, 'ledger_balances') && asOf >= latestEntryDate(db)) {
    return db.prepare('SELECT DISTINCT bedrooms_key FROM ledger_balances WHERE bedrooms_key >= 0 ORDER BY bedrooms_key', { pluck: true }).all() as number[];
  }
  const probe = db.prepare(BEDROOM_PROBE, { pluck: true });
  return [0, 1, 2, 3, 4, 5, 6, 7].filter((b) => probe.get([b, asOf]) !== undefined);
}

/** Housing Moves moves by a date, booked and not (the default policy books none): shown apart on the ledger screen. */
export function housingMovesBy(db: Db, asOf: IsoDate): { moves: number; notBooked: number } {
  if (!tableExists(db, 'ledger_entries')) return { moves: 0, notBooked: 0 };
  const row = db
    .prepare(
      `SELECT count(*) AS moves,
              coalesce(sum(NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.move_id = m.id AND e.kind = 'housing_moves')), 0) AS notBooked
       FROM moves m WHERE m.route = 'housing_moves' AND coalesce(m.tenancy_start_on, substr(m.created_at, 1, 10)) <= ?`,
    )
    .get<{ moves: number; notBooked: number }>([asOf]);
  return { moves: row?.moves ?? 0, notBooked: row?.notBooked ?? 0 };
}
