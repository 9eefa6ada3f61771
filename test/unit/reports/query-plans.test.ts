import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BANK_HOLIDAYS } from '../../../main/cases/bank-holidays';
import type { Db } from '../../../main/db/types';
import { financialYear } from '../../../main/reports/period';
import { yearEndModels } from '../../../main/reports/year-end';
import { openTestDb, type TestDb } from '../helpers/test-db';

/*
 * The year-end report reads index ranges over its period, never every case, move, event or offer the scheme has
 * ever had (migration 013-reports-speed). Asserted on the query plans of the statements the report actually runs,
 * not on timings: each is recorded while the report is worked out, then explained by SQLite.
 */

let t: TestDb;
let plans: { sql: string; plan: string[] }[];

beforeAll(() => {
  t = openTestDb();
  const seen = new Set<string>();
  const recording = new Proxy(t.db, {
    get(target, prop, receiver) {
      if (prop === 'prepare')
        return (sql: string, options?: object) => {
          seen.add(sql);
          return target.prepare(sql, options as never);
        };
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Db;
  yearEndModels(recording, { period: financialYear(2025), bankHolidays: DEFAULT_BANK_HOLIDAYS });
  plans = [...seen]
    .filter((sql) => /^\s*(SELECT|WITH)/i.test(sql))
    .map((sql) => {
      // Every parameter bound to a date: the plan does not depend on the values.
      const names = [...new Set([...sql.matchAll(/:(\w+)/g)].map((m) => m[1]!))];
      const stmt = t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const positional = (sql.match(/\?/g) ?? []).length;
      const rows = (
        names.length
          ? stmt.all(Object.fromEntries(names.map((n) => [n, n === 'bedrooms' ? null : '2026-03-31'])))
          : stmt.all(Array.from({ length: positional }, () => '2026-03-31'))
      ) as { detail: string }[];
      return { sql, plan: rows.map((r) => r.detail) };
    });
});
afterAll(() => t.cleanup());

const planOf = (fragment: string) => {
  const found = plans.filter((p) => p.sql.includes(fragment));
  expect(found.length, `a statement containing ${fragment}`).toBeGreaterThan(0);
  return found.flatMap((p) => p.plan).join('\n');
};

describe('the year-end report’s query plans', () => {
  it('runs a few dozen statements, each explained', () => {
    expect(plans.length).toBeGreaterThan(20);
  });

  it('never scans the cases, moves, events or offers tables whole', () => {
    // "SCAN x" without an index is a read of every row; a SCAN of a covering or partial index is a range too wide
    // for a report over one year only where it is the reference lookup of a small table (partners).
    const whole = /^SCAN (cases|c|moves|m|case_events|e|offers|o)( |$)(?!USING)/;
    for (const p of plans) {
      for (const step of p.plan) expect(step, `${step} in:\n${p.sql}`).not.toMatch(whole);
    }
  });

  it('reads each funnel step by its date’s index', () => {
    expect(planOf('FROM cases WHERE circulated_on BETWEEN')).toMatch(/USING INDEX cases_circulated/);
    expect(planOf('FROM cases WHERE received_on BETWEEN')).toMatch(/USING COVERING INDEX cases_received_reference/);
    expect(planOf('WHERE o.offered_on BETWEEN')).toMatch(/USING (COVERING )?INDEX offers_offered/);
    expect(planOf("o.outcome = 'accepted' AND o.decided_on BETWEEN")).toMatch(/USING (COVERING )?INDEX offers_decided/);
    expect(planOf('SELECT c.reference, m.adults, m.children FROM moves m')).toMatch(/USING (COVERING )?INDEX moves_tenancy_start/);
  });

  it('finds the cases still open at the period’s end, and spells on hold, through indexes', () => {
    expect(planOf('AND NOT EXISTS (SELECT 1 FROM case_events e')).toMatch(/USING (COVERING )?INDEX case_events_case_transitions/);
    // Spells on hold: the cases ever put on hold by the transitions index, then each one's own events.
    expect(planOf("e.from_state = 'on_hold'")).toMatch(/SEARCH case_events USING INDEX case_events_transitions \(to_state=\? AND on_date<\?\)/);
    expect(planOf("e.from_state = 'on_hold'")).toMatch(/SEARCH e USING INDEX case_events_case \(case_id=\?\)/);
  });

  it('reads the ledger entries of the period by their date', () => {
    expect(planOf('FROM ledger_entries e\n       LEFT JOIN ledger_entries r')).toMatch(/SEARCH e USING INDEX ledger_on_date/);
  });
});
