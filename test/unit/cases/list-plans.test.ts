import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../../../contract/partners';
import type { Db } from '../../../main/db/types';
import { listTuning } from '../../../main/cases/case-list';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aPartnerInput } from '../directory/builders';
import { aDistinctApplicant, aReferral } from './referral-builder';

/*
 * The case list, search and audit log at scale (issue 14, migration 015-list-speed). No timings: the query plans
 * SQLite chooses for every statement a call prepares, through the registry. A plan that reads a whole table
 * (`SCAN c`, `SCAN cases`) or sorts every match to show a page (`TEMP B-TREE FOR ORDER BY` on an ordered sort) is
 * what makes a list grow with the data.
 */

let t: TestCore;
let db: Db;
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
  return res.value as T;
};

/** Every statement the call ran, each with its plan (EXPLAIN QUERY PLAN with the parameters it ran with). */
async function plansOf(channel: string, payload: unknown): Promise<{ sql: string; plan: string }[]> {
  const seen = new Map<string, unknown>();
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string, options?: { pluck?: true }) => {
    const st = options ? prepare(sql, options) : prepare(sql);
    for (const method of ['all', 'get'] as const) {
      const original = (st[method] as (p?: unknown) => unknown).bind(st);
      (st as unknown as Record<string, unknown>)[method] = (params?: unknown) => {
        if (!seen.has(sql)) seen.set(sql, params);
        return original(params);
      };
    }
    return st;
  };
  try {
    await ok(channel, payload);
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
  return [...seen]
    .filter(([sql]) => /\b(cases|audit_log)\b/.test(sql) && !/^\s*(INSERT|UPDATE|DELETE|PRAGMA)/i.test(sql))
    .map(([sql, params]) => ({
      sql: sql.replace(/\s+/g, ' ').trim(),
      plan: db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all<{ detail: string }>((params ?? []) as never)
        .map((r) => r.detail)
        .join(' | '),
    }));
}

/** The page query of a list call: the one that selects ids in order. */
const pageOf = (plans: { sql: string; plan: string }[]) => plans.find((p) => /^SELECT c\.id FROM cases c/.test(p.sql) && /ORDER BY/.test(p.sql));
const countOf = (plans: { sql: string; plan: string }[]) => plans.find((p) => /^SELECT count\(\*\) FROM cases c/.test(p.sql));
const fullScan = /(^|\| )SCAN (c|cases|audit_log)( \||$)/;

beforeAll(async () => {
  t = createTestCore({ today: () => '2026-03-02' });
  await setUp(t);
  db = t.core.services.db();
  const landlord = await ok<Partner>('partners.create', aPartnerInput({ name: 'London Borough of Hackney' }));
  for (let i = 0; i < 6; i++) {
    const r = aReferral({ receivedOn: `2026-02-0${1 + i}`, applicant: aDistinctApplicant(i, { fullName: `Amara O’Brien ${i}` }) });
    await ok('cases.create', { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: landlord.id } });
  }
});
afterAll(() => t.cleanup());

describe('the case list reads the index that drives it', () => {
  const ordered = [
    ['nextDueOn', 'asc', 'cases_by_due'],
    ['nextDueOn', 'asc', 'cases_by_due', 'last page'],
    ['receivedOn', 'desc', 'cases_by_received'],
    ['reference', 'asc', 'cases_by_reference'],
    ['applicant', 'asc', 'cases_by_applicant'],
  ] as const;
  for (const [sort, direction, index, which] of ordered) {
    it(`sorted by ${sort} ${direction}${which ? `, ${which}` : ''}: in order from ${index}, no sort of every match`, async () => {
      const plans = await plansOf('cases.list', { sort, direction, includeClosed: true, limit: 2, offset: which ? 5 : 0 });
      const page = pageOf(plans)!;
      expect(page.plan).toMatch(new RegExp(`^SCAN c USING COVERING INDEX ${index}`));
      expect(page.plan).not.toMatch(/TEMP B-TREE/);
      for (const p of plans) expect(p.plan, p.sql).not.toMatch(fullScan);
    });
  }

  it('the next page starts from the last row’s key (keyset): a range seek, no OFFSET over the rows before', async () => {
    const first = await ok<{ rows: { id: number }[] }>('cases.list', { limit: 2 });
    const plans = await plansOf('cases.list', { limit: 2, offset: 2, after: first.rows[1]!.id });
    const page = pageOf(plans)!;
    expect(page.plan).toMatch(/^SEARCH c USING COVERING INDEX cases_by_due \(<expr>>\?\)/);
    expect(page.plan).not.toMatch(/TEMP B-TREE/);
  });

  for (const [name, filter] of [
    ['a risk', { risk: 'domestic_abuse' }],
    ['a requested borough', { requestedBorough: 'E09000007' }],
    ['a name', { search: 'obrien amara' }],
  ] as const) {
    it(`filtered by ${name}: a few matches are read from the filter’s own index; many, from the sort’s index in order`, async () => {
      const few = await plansOf('cases.list', filter);
      expect(pageOf(few)!.plan).toMatch(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(countOf(few)!.plan).toMatch(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      for (const p of few) expect(p.plan, p.sql).not.toMatch(fullScan);
      listTuning.driveLimit = 0;
      try {
        const many = await plansOf('cases.list', filter);
        const page = pageOf(many)!;
        expect(page.plan).toMatch(/^SCAN c USING COVERING INDEX cases_by_due/);
        expect(page.plan).not.toMatch(/TEMP B-TREE/);
        // Each entry is checked with one seek, not by building the whole filtered set first.
        if (!('search' in filter)) expect(page.plan).toMatch(/CORRELATED SCALAR SUBQUERY|SEARCH (r|rb) USING PRIMARY KEY/);
      } finally {
        listTuning.driveLimit = 1000;
      }
    });
  }

  it('a state: a small state is sought in cases_list; the count reads the state index, never the table', async () => {
    const plans = await plansOf('cases.list', { states: ['referral_received'] });
    expect(pageOf(plans)!.plan).toMatch(/^SEARCH c USING COVERING INDEX cases_list \(state=\?\)/);
    expect(countOf(plans)!.plan).toMatch(/^SEARCH c USING COVERING INDEX cases_state \(state=\?\)/);
  });

  it('overdue only, a landlord, a borough: checked inside the sort’s covering index', async () => {
    const plans = await plansOf('cases.list', { overdueOnly: true, homeLandlordId: 1, borough: 'E09000012' });
    expect(pageOf(plans)!.plan).toBe('SCAN c USING COVERING INDEX cases_by_due');
    expect(countOf(plans)!.plan).toBe('SCAN c USING COVERING INDEX cases_by_due');
  });

  it('a whole reference is one seek of its unique index', async () => {
    const first = await ok<{ rows: { reference: string }[] }>('cases.list', { limit: 1 });
    const plans = await plansOf('cases.list', { search: first.rows[0]!.reference });
    for (const p of plans) expect(p.plan, p.sql).not.toMatch(fullScan);
    expect(countOf(plans)!.plan).toMatch(/SEARCH c USING (COVERING )?INDEX sqlite_autoindex_cases_\d \(reference=\?\)/);
  });
});

describe('the audit log reads by index, newest first by id', () => {
  it('the filter choices are a skip-scan of the action and actor indexes, never a walk of every entry', async () => {
    const plans = await plansOf('audit.list', {});
    const choices = plans.filter((p) => /WITH RECURSIVE/.test(p.sql));
    expect(choices).toHaveLength(2);
    for (const c of choices) {
      expect(c.plan).toMatch(/SEARCH audit_log USING COVERING INDEX audit_log_(action|actor) \((action|actor)>\?\)/);
      expect(c.plan).not.toMatch(/SCAN audit_log USING COVERING INDEX/);
    }
    expect(plans.some((p) => /DISTINCT/.test(p.sql))).toBe(false);
  });

  for (const [name, filter, index] of [
    ['the first page', {}, null],
    ['one case', { caseId: 1 }, 'audit_log_case'],
    ['one action', { action: 'case.created' }, 'audit_log_action'],
    ['one person', { actor: 'Sam Coordinator' }, 'audit_log_actor'],
    ['an older page', { beforeId: 5 }, null],
  ] as const) {
    it(`${name}: the page's ids in id order from ${index ?? 'the table’s own key'}, with no sort`, async () => {
      const plans = await plansOf('audit.list', filter);
      expect((await ok<{ entries: unknown[] }>('audit.list', filter)).entries.length).toBeGreaterThan(0);
      const ids = plans.find((p) => /^SELECT id FROM audit_log/.test(p.sql))!;
      expect(ids.plan).not.toMatch(/TEMP B-TREE/);
      if (index) expect(ids.plan).toMatch(new RegExp(`SEARCH audit_log USING (COVERING )?INDEX ${index}`));
      else expect(ids.plan).toMatch(/^(SCAN|SEARCH) audit_log( USING INTEGER PRIMARY KEY \(rowid<\?\))?$/);
      const rows = plans.find((p) => /^SELECT \* FROM audit_log/.test(p.sql))!;
      expect(rows.plan).toBe('SEARCH audit_log USING INTEGER PRIMARY KEY (rowid=?)');
    });
  }

  it('a date range: the ids from the covering date index, never the whole rows of the month', async () => {
    const plans = await plansOf('audit.list', { from: '2026-01-01', to: '2026-12-31' });
    const ids = plans.find((p) => /^SELECT id FROM audit_log/.test(p.sql))!;
    expect(ids.plan).toMatch(/^SEARCH audit_log USING COVERING INDEX audit_log_at \(at>\? AND at<\?\)/);
  });
});
