import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerTable, Statement } from '../../../contract/ledger';
import { LATER_GROUPED_SQL, laterSql, totalsSql, verifyLedgerBalances } from '../../../main/ledger/balances';
import { CAP_MOVES_SQL } from '../../../main/ledger/cap';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from './ledger-fixture';

/*
 * The ledger screen at scale (migration 014-ledger-speed). No timings: the query plans that make it fast, and the
 * maintained totals that today's ledger reads, checked against the entries and by the audit check.
 */

let t: TestCore;
let w: LedgerWorld;
const today = '2026-03-10';
beforeEach(async () => {
  t = createTestCore({ today: () => today });
  w = new LedgerWorld(t);
  await setUp(t);
});
afterEach(() => t.cleanup());

const plan = (sql: string, params: Record<string, string | number | null>) =>
  w.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all<{ detail: string }>(params)
    .map((r) => r.detail);

describe('the ledger query plans', () => {
  it('reads today’s totals from the maintained rows, one per partner and bedroom size, in key order', () => {
    const all = plan(totalsSql(false), { bedrooms: null });
    expect(all.join(' | ')).toMatch(/ledger_balances USING (COVERING )?INDEX sqlite_autoindex_ledger_balances_1/);
    expect(all.join(' | ')).not.toMatch(/TEMP B-TREE/);
    expect(plan(totalsSql(true), { bedrooms: null, pid: 1 }).join(' | ')).toMatch(/SEARCH ledger_balances USING .*INDEX .*\(partner_key=\?\)/);
  });

  it('reads a past date off the covering date index, only the entries after it, never the table', () => {
    const all = plan(laterSql(false), { asOf: '2024-03-31' });
    expect(all[0]).toBe('SEARCH e USING COVERING INDEX ledger_by_date (on_date>?)');
    expect(all.join(' | ')).not.toMatch(/SCAN/);
    // One partner: its two index ranges, not the whole ledger.
    const one = plan(laterSql(true), { asOf: '2024-03-31', pid: 1 }).join(' | ');
    expect(one).toMatch(/SEARCH e USING INDEX ledger_from \(from_partner_id=\? AND on_date>\?\)/);
    expect(one).toMatch(/SEARCH e USING INDEX ledger_to \(to_partner_id=\? AND on_date>\?\)/);
  });
});

describe('the plans behind Home and the year-end report', () => {
  it('gives the year-end report each position from one grouped read of the date index, never the entries table', () => {
    const later = plan(LATER_GROUPED_SQL, { asOf: '2024-03-31' }).join(' | ');
    expect(later).toMatch(/SEARCH e USING COVERING INDEX ledger_by_date \(on_date>\?\)/);
    expect(later).not.toMatch(/SCAN e\b/);
  });

  it('gives Home the moves behind a partner’s cap from its own index range, newest first, without a sort', () => {
    const moves = w.db
      .prepare(`EXPLAIN QUERY PLAN ${CAP_MOVES_SQL}`)
      .all<{ detail: string }>([1, 3])
      .map((r) => r.detail)
      .join(' | ');
    expect(moves).toMatch(/SEARCH e USING INDEX ledger_from \(from_partner_id=\?\)/);
    expect(moves).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});

describe('the maintained totals', () => {
  it('move with every entry, agree with a fresh sum of the entries, and show a direct edit in the audit check', async () => {
    const hackney = await w.partner('Hackney Council', [BOROUGH.hackney]);
    const barnet = await w.partner('Barnet Homes', [BOROUGH.barnet]);
    await w.move(hackney, barnet, BOROUGH.barnet, '2026-03-05', 3);
    const m2 = await w.move(hackney, barnet, BOROUGH.barnet, '2026-03-06', 1);
    const entry = w.db.prepare('SELECT id FROM ledger_entries WHERE move_id = ?', { pluck: true }).get([m2.moveId]) as number;
    await w.ok('ledger.reverse', { entryId: entry, reason: 'Booked against the wrong landlord' });
    await w.ok('ledger.addEntry', {
      kind: 'opening_balance',
      partnerId: barnet,
      direction: 'owes',
      amount: 2,
      onDate: '2026-01-01',
      reason: 'Owed before the app',
    });

    const kept = w.db.prepare('SELECT partner_key, bedrooms_key, balance, given, received FROM ledger_balances ORDER BY partner_key, bedrooms_key').all();
    expect(kept).toEqual([
      { partner_key: 0, bedrooms_key: -1, balance: 2, given: 0, received: 0 },
      { partner_key: hackney, bedrooms_key: 1, balance: 0, given: 0, received: 0 },
      { partner_key: hackney, bedrooms_key: 3, balance: -1, given: 0, received: 1 },
      { partner_key: barnet, bedrooms_key: -1, balance: -2, given: 0, received: 0 },
      { partner_key: barnet, bedrooms_key: 1, balance: 0, given: 0, received: 0 },
      { partner_key: barnet, bedrooms_key: 3, balance: 1, given: 1, received: 0 },
    ]);
    expect(verifyLedgerBalances(w.db)).toBeNull();
    const table = await w.ok<LedgerTable>('ledger.table');
    expect(table.rows.find((r) => r.partnerId === barnet)).toMatchObject({ given: 1, received: 0, adjustments: -2, balance: -1 });
    const s = await w.ok<Statement>('ledger.statement', { partnerId: barnet });
    expect(s.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(s.totals.balance);
    expect((await w.ok<{ ok: boolean }>('audit.verify')).ok).toBe(true);

    w.db.prepare('UPDATE ledger_balances SET balance = balance + 1 WHERE partner_key = ? AND bedrooms_key = 3').run([hackney]);
    expect(verifyLedgerBalances(w.db)).toBe(
      "The ledger's totals for Hackney Council do not match its entries: the totals were changed directly, not through Reciprocal.",
    );
    const check = await w.ok<{ ok: boolean; problem: string }>('audit.verify');
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/Ledger totals number \d+ is not as the audit log last recorded it/);
  }, 90_000);

  it('shows an entry inserted behind the app’s back in the audit check', async () => {
    const hackney = await w.partner('Hackney Council', [BOROUGH.hackney]);
    await w.ok('ledger.addEntry', { kind: 'contribution', partnerId: hackney, direction: 'owed', amount: 1, onDate: '2026-02-01', reason: 'Gave a flat' });
    expect((await w.ok<{ ok: boolean }>('audit.verify')).ok).toBe(true);
    w.db
      .prepare(
        `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor)
         VALUES ('2026-02-02', 'contribution', NULL, ?, 5, 'Quietly', '2026-02-02T00:00:00Z', 'Nobody')`,
      )
      .run([hackney]);
    const check = await w.ok<{ ok: boolean; problem: string }>('audit.verify');
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/Ledger totals/);
  }, 90_000);
});
