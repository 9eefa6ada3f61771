import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapStanding, LedgerTable, Statement } from '../../../contract/ledger';
import { positionsAsOf } from '../../../main/ledger/balances';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from './ledger-fixture';

/*
 * Property-based: for any sequence of moves, manual entries and reversals, through the real registry,
 * - the balances of all accounts (partners and the central pot) sum to zero;
 * - each partner's balance equals the sum of its statement, and its last running balance;
 * - the cap decision equals a direct count: the model below adds up the moves and entries itself, in plain code.
 * One database for all runs (setting up a vault per run is slow); the model follows it across runs.
 */

let t: TestCore;
let w: LedgerWorld;
let partners: { id: number; borough: string }[] = [];
const model = new Map<number | null, number>();
/** Entries the model knows, to pick reversals from: id → [owed side, owing side, amount]. */
const open = new Map<number, { to: number | null; from: number | null; amount: number }>();

const add = (id: number | null, n: number) => model.set(id, (model.get(id) ?? 0) + n);

type Op =
  | { op: 'move'; home: number; receiving: number }
  | { op: 'contribution'; partner: number; amount: number }
  | { op: 'correction'; partner: number; other: number | null; owed: boolean; amount: number }
  | { op: 'opening'; partner: number; owed: boolean; amount: number }
  | { op: 'reverse'; pick: number };

const who = fc.integer({ min: 0, max: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('move' as const), home: who, receiving: who }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('contribution' as const), partner: who, amount: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('correction' as const),
      partner: who,
      other: fc.option(who, { nil: null }),
      owed: fc.boolean(),
      amount: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('opening' as const), partner: who, owed: fc.boolean(), amount: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }) },
);

const latestEntry = () => w.db.prepare('SELECT id FROM ledger_entries ORDER BY id DESC LIMIT 1', { pluck: true }).get() as number;

async function apply(o: Op, cap: number): Promise<void> {
  switch (o.op) {
    case 'move': {
      const home = partners[o.home]!;
      const receiving = partners[o.receiving]!;
      const c = await w.referral(home.id, {}, (model.get(home.id) ?? 0) <= -cap ? 'At the cap at intake' : undefined);
      // The cap decision, against a direct count of this partner's moves and entries.
      const standing = await w.caseCap(c.id);
      const direct = Math.max(0, -(model.get(home.id) ?? 0));
      expect(standing.unreciprocated).toBe(direct);
      expect(standing.status === 'at_cap').toBe(direct >= cap);
      await w.circulated(c.id);
      const before = latestEntry();
      await w.moveInto(c.id, receiving.id, receiving.borough);
      if (home.id !== receiving.id) {
        add(home.id, -1);
        add(receiving.id, 1);
        open.set(latestEntry(), { from: home.id, to: receiving.id, amount: 1 });
      } else {
        expect(latestEntry()).toBe(before);
      }
      return;
    }
    case 'contribution': {
      const id = partners[o.partner]!.id;
      await w.ok('ledger.addEntry', { kind: 'contribution', partnerId: id, direction: 'owed', amount: o.amount, onDate: '2026-03-06', reason: 'Contributed' });
      add(id, o.amount);
      add(null, -o.amount);
      open.set(latestEntry(), { from: null, to: id, amount: o.amount });
      return;
    }
    case 'correction': {
      const id = partners[o.partner]!.id;
      const other = o.other === null ? null : partners[o.other]!.id;
      if (other === id) return;
      await w.ok('ledger.addEntry', {
        kind: 'correction',
        partnerId: id,
        ...(other === null ? {} : { counterpartyId: other }),
        direction: o.owed ? 'owed' : 'owes',
        amount: o.amount,
        onDate: '2026-03-06',
        reason: 'Corrected',
      });
      add(id, o.owed ? o.amount : -o.amount);
      add(other, o.owed ? -o.amount : o.amount);
      open.set(latestEntry(), o.owed ? { from: other, to: id, amount: o.amount } : { from: id, to: other, amount: o.amount });
      return;
    }
    case 'opening': {
      const id = partners[o.partner]!.id;
      await w.ok('ledger.addEntry', {
        kind: 'opening_balance',
        partnerId: id,
        direction: o.owed ? 'owed' : 'owes',
        amount: o.amount,
        onDate: '2020-01-01',
        reason: 'Carried over',
      });
      add(id, o.owed ? o.amount : -o.amount);
      add(null, o.owed ? -o.amount : o.amount);
      open.set(latestEntry(), o.owed ? { from: null, to: id, amount: o.amount } : { from: id, to: null, amount: o.amount });
      return;
    }
    case 'reverse': {
      const ids = [...open.keys()];
      if (ids.length === 0) return;
      const id = ids[o.pick % ids.length]!;
      const e = open.get(id)!;
      await w.ok('ledger.reverse', { entryId: id, reason: 'Entered in error' });
      add(e.to, -e.amount);
      add(e.from, e.amount);
      open.delete(id);
      return;
    }
    default:
      throw new Error('unknown op');
  }
}

beforeAll(async () => {
  t = createTestCore({ today: () => '2026-03-10' });
  w = new LedgerWorld(t);
  await setUp(t);
  partners = [
    { id: await w.partner('Barnet Homes', [BOROUGH.barnet]), borough: BOROUGH.barnet },
    { id: await w.partner('Brent Council', [BOROUGH.brent]), borough: BOROUGH.brent },
    { id: await w.partner('Croydon Council', [BOROUGH.croydon]), borough: BOROUGH.croydon },
    { id: await w.partner('Riverside Housing Association', [BOROUGH.hackney, BOROUGH.camden]), borough: BOROUGH.camden },
  ];
});
afterAll(() => t.cleanup());

describe('the ledger under any sequence of moves, manual entries and reversals', () => {
  it('sums to zero, agrees with every statement, and decides the cap as a direct count does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 3 }), async (ops, cap) => {
        await w.ok('ledger.updatePolicy', { cap, bookHousingMoves: false });
        for (const o of ops) await apply(o, cap);
        const table = await w.ok<LedgerTable>('ledger.table', {});
        expect(table.total).toBe(0);
        expect(table.rows.reduce((s, r) => s + r.balance, 0) + table.pot).toBe(0);
        expect(table.pot).toBe(model.get(null) ?? 0);
        for (const p of partners) {
          const row = table.rows.find((r) => r.partnerId === p.id)!;
          expect(row.balance).toBe(model.get(p.id) ?? 0);
          const s = await w.ok<Statement>('ledger.statement', { partnerId: p.id });
          expect(s.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(row.balance);
          expect(s.lines.at(-1)?.runningBalance ?? 0).toBe(row.balance);
          expect(s.totals.balance).toBe(row.balance);
          const standing = await w.ok<CapStanding>('ledger.partnerCap', { partnerId: p.id });
          const direct = Math.max(0, -(model.get(p.id) ?? 0));
          expect(standing.unreciprocated).toBe(direct);
          expect(standing.status === 'at_cap').toBe(direct >= cap);
        }
        // Home's list is exactly the partners whose own standing is at the cap, each with that same standing.
        const atCap = await w.ok<CapStanding[]>('ledger.atCap', {});
        const standings = await Promise.all(partners.map((p) => w.ok<CapStanding>('ledger.partnerCap', { partnerId: p.id })));
        expect(atCap.map((a) => a.partnerId).sort()).toEqual(
          standings
            .filter((s) => s.status === 'at_cap')
            .map((s) => s.partnerId)
            .sort(),
        );
        for (const a of atCap) expect(a).toEqual(standings.find((s) => s.partnerId === a.partnerId));
        // The year-end report's positions (one grouped read per day) are the ledger screen's, on every day that matters.
        for (const asOf of ['2019-12-31', '2020-01-01', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10']) {
          const screen = await w.ok<LedgerTable>('ledger.table', { asOf });
          const positions = positionsAsOf(w.db, asOf);
          for (const row of screen.rows) {
            const p = positions.get(row.partnerId);
            expect({ given: p?.given ?? 0, received: p?.received ?? 0, adjustments: p?.adjustments ?? 0, balance: p?.balance ?? 0 }).toEqual({
              given: row.given,
              received: row.received,
              adjustments: row.adjustments,
              balance: row.balance,
            });
          }
          expect(positions.get(null)?.balance ?? 0).toBe(screen.pot);
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 600_000);
});
