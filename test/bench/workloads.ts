/**
 * The store workloads: each is what a screen asks main for, made through the IPC registry (zod parsing, the handler,
 * the domain functions, the same SQL) on whichever connection the bench points `services.db()` at. Jobs that the app
 * runs in a worker (the audit check, the year-end report, the database check) run inline here, on the same
 * connection, so that encrypted and plaintext compare the work itself.
 */
import type { CaseListPage } from '../../contract/case-views';
import type { Db } from '../../main/db/types';

export interface Call {
  <T>(channel: string, payload?: unknown): Promise<T>;
}

export interface Picks {
  caseId: number;
  circulatedCaseId: number;
  propertyId: number;
  partnerId: number;
  surname: string;
  /** The busiest case's applicant, as the referral form's duplicate check is asked about them. */
  applicant: { fullName: string; dateOfBirth: string };
  reference: string;
  allCases: number;
  /** The case in the middle of the whole list (by next deadline): the next page after it is read by keyset. */
  middleCaseId: number | null;
  month: { from: string; to: string };
  year: { from: string; to: string };
}

export interface Workload {
  name: string;
  /** The budget at the `stress` scale on a 2-core machine: from issue 14 where it names one, else the bench's own. */
  budgetMs: number | null;
  /** Timed runs per connection (a warm-up run comes first); heavy ones run fewer times. */
  runs?: number;
  /** Always trace its statements and show their `EXPLAIN QUERY PLAN`, not only when it misses its budget. */
  plans?: boolean;
  run(call: Call, picks: Picks): Promise<unknown>;
}

/** Chooses the same case, property, partner and names for every connection, from the data itself. */
export async function choosePicks(db: Db, call: Call, endOn: string): Promise<Picks> {
  const one = <T>(sql: string): T => db.prepare(sql, { pluck: true }).get() as T;
  const busiestCase = one<number>('SELECT case_id FROM case_events GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1');
  const circulated = one<number | null>("SELECT id FROM cases WHERE state = 'circulated' ORDER BY id DESC LIMIT 1") ?? busiestCase;
  const propertyId = one<number | null>('SELECT id FROM properties ORDER BY id DESC LIMIT 1') ?? 1;
  const partnerId =
    one<number | null>('SELECT from_partner_id FROM ledger_entries WHERE from_partner_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1') ??
    one<number>('SELECT id FROM partners ORDER BY id LIMIT 1');
  const detail = await call<{ reference: string; referral: { applicant: { fullName: string; dateOfBirth: string } } }>('cases.get', { id: busiestCase });
  const all = await call<CaseListPage>('cases.list', { includeClosed: true, limit: 1 });
  const middle = await call<CaseListPage>('cases.list', { includeClosed: true, limit: 1, offset: Math.floor(all.total / 2) });
  const y = Number(endOn.slice(0, 4));
  const m = Number(endOn.slice(5, 7));
  const monthStart = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const monthEnd = new Date(Date.UTC(Number(monthStart.slice(0, 4)), Number(monthStart.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const fyEnd = endOn.slice(5) >= '04-01' ? y : y - 1;
  return {
    caseId: busiestCase,
    circulatedCaseId: circulated,
    propertyId,
    partnerId,
    surname: detail.referral.applicant.fullName.split(' ').at(-1) ?? '',
    applicant: { fullName: detail.referral.applicant.fullName, dateOfBirth: detail.referral.applicant.dateOfBirth },
    reference: detail.reference,
    allCases: all.total,
    middleCaseId: middle.rows[0]?.id ?? null,
    month: { from: monthStart, to: monthEnd },
    year: { from: `${fyEnd - 1}-04-01`, to: `${fyEnd}-03-31` },
  };
}

export const WORKLOADS: Workload[] = [
  { name: 'Case list: first page', budgetMs: 50, plans: true, run: (call) => call('cases.list', {}) },
  { name: 'Case list: state circulated', budgetMs: 50, plans: true, run: (call) => call('cases.list', { states: ['circulated'] }) },
  { name: 'Case list: requested borough Camden', budgetMs: 50, plans: true, run: (call) => call('cases.list', { requestedBorough: 'E09000007' }) },
  { name: 'Case list: risk stalking', budgetMs: 50, plans: true, run: (call) => call('cases.list', { risk: 'stalking' }) },
  { name: 'Case list: overdue only', budgetMs: 50, plans: true, run: (call) => call('cases.list', { overdueOnly: true }) },
  {
    name: 'Case list: last page, all cases',
    budgetMs: 50,
    plans: true,
    run: (call, p) => call('cases.list', { includeClosed: true, offset: Math.max(0, p.allCases - 100) }),
  },
  {
    name: 'Case list: next page mid-list (keyset)',
    budgetMs: 50,
    plans: true,
    run: (call, p) =>
      call('cases.list', {
        includeClosed: true,
        offset: Math.floor(p.allCases / 2) + 1,
        ...(p.middleCaseId === null ? {} : { after: p.middleCaseId }),
      }),
  },
  { name: 'Case list: sorted by applicant', budgetMs: 50, plans: true, run: (call) => call('cases.list', { sort: 'applicant' }) },
  { name: 'Search: by name', budgetMs: 50, plans: true, run: (call, p) => call('cases.list', { search: p.surname, includeClosed: true }) },
  { name: 'Search: by reference', budgetMs: 50, plans: true, run: (call, p) => call('cases.list', { search: p.reference, includeClosed: true }) },
  {
    name: 'Duplicate check (referral form)',
    budgetMs: 50,
    plans: true,
    run: (call, p) => call('cases.findDuplicates', { ...p.applicant }),
  },
  { name: 'Dashboard counts', budgetMs: 50, run: (call) => call('cases.dashboard', {}) },
  {
    name: 'Home (dashboard, stale offers, cap)',
    budgetMs: 50,
    run: (call) => Promise.all([call('cases.dashboard', {}), call('offers.stale', {}), call('ledger.atCap', {})]),
  },
  {
    name: 'One case page (detail, offers, circulations)',
    budgetMs: 50,
    run: (call, p) =>
      Promise.all([call('cases.get', { id: p.caseId }), call('offers.forCase', { caseId: p.caseId }), call('circulation.history', { caseId: p.caseId })]),
  },
  { name: 'Audit log: first page', budgetMs: 50, plans: true, run: (call) => call('audit.list', {}) },
  { name: 'Audit log: one month', budgetMs: 50, plans: true, run: (call, p) => call('audit.list', { ...p.month }) },
  { name: 'Audit log: one case', budgetMs: 50, plans: true, run: (call, p) => call('audit.list', { caseId: p.caseId }) },
  { name: 'Audit-chain check (chain and rows)', budgetMs: null, runs: 3, run: (call) => call('audit.verify', {}) },
  {
    // What the Matches screen asks for when it opens: a page of 50 candidates and 50 left-out cases.
    name: 'Matching: one property',
    budgetMs: 50,
    run: (call, p) => call('offers.matchesForProperty', { propertyId: p.propertyId, order: 'waiting', limit: 50, leftOutLimit: 50 }),
  },
  { name: 'Matching: one case', budgetMs: 50, run: (call, p) => call('offers.matchesForCase', { caseId: p.circulatedCaseId }) },
  { name: 'Ledger screen', budgetMs: 50, run: (call) => call('ledger.table', {}) },
  { name: 'Ledger statement, busiest partner', budgetMs: 50, run: (call, p) => call('ledger.statement', { partnerId: p.partnerId }) },
  { name: 'Year-end report, internal', budgetMs: 1000, runs: 3, run: (call, p) => call('reports.yearEnd', { ...p.year, mode: 'internal' }) },
  { name: 'Year-end report, publishable', budgetMs: 1000, runs: 3, run: (call, p) => call('reports.yearEnd', { ...p.year, mode: 'publishable' }) },
];
