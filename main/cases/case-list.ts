import { addDays, type IsoDate } from '../../contract/calendar-date';
import type { CaseListQuery } from '../../contract/case-channels';
import type { CasePolicy } from '../../contract/case-policy';
import {
  DEADLINE_LABELS,
  type CaseListPage,
  type CaseListRow,
  type CaseSortKey,
  type Dashboard,
  type DeadlineKind,
  type DueItem,
} from '../../contract/case-views';
import { CASE_STATES, type CaseState, type RiskCategory } from '../../contract/cases';
import { daysBetween } from '../../contract/calendar-date';
import type { BoroughCode } from '../../contract/boroughs';
import type { Db } from '../db/types';
import { missingCase } from '../../contract/missing-case';
import { recentActivity } from './case-events';
import { nameMatchQuery } from './name-search';
import { describeDue } from './deadlines';
import { normaliseReference } from './reference';
import { initialsOf } from '../../contract/privacy';

/*
 * The case list and Home: paging, filtering, sorting and search all happen in SQL, so the screens stay fast with
 * tens of thousands of cases. User text only ever reaches SQL as a bound parameter; sort columns come from a
 * fixed map.
 */

type Params = Record<string, string | number>;

/** Lifecycle order, so that sorting by state reads like the process rather than the alphabet. */
const STATE_ORDER = `CASE c.state ${CASE_STATES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

/** One ORDER BY term: `follows` takes the list's direction; otherwise it is always ascending (nulls last). */
interface SortTerm {
  sql: string;
  follows: boolean;
}

function sortTerms(key: CaseSortKey): SortTerm[] {
  const by = (sql: string): SortTerm => ({ sql, follows: true });
  switch (key) {
    case 'reference':
      return [by('c.ref_year'), by('c.ref_seq')];
    case 'state':
      return [by(STATE_ORDER)];
    case 'applicant':
      return [by('c.applicant_name_key')];
    case 'landlord':
      return [by('p.name COLLATE NOCASE')];
    case 'borough':
      return [by('b.name')];
    case 'receivedOn':
      return [by('c.received_on')];
    // Cases with no deadline go last either way: they need nothing from the coordinator.
    case 'nextDueOn':
      return [{ sql: 'c.next_due_on IS NULL', follows: false }, by('c.next_due_on')];
    case 'updatedAt':
      return [by('c.updated_at')];
    default:
      return missingCase(key);
  }
}

/** The ORDER BY, with the id as the last tie-breaker; `reversed` turns every term round, for reading from the end. */
function orderBy(key: CaseSortKey, direction: 'asc' | 'desc', reversed: boolean): string {
  const flip = (d: 'ASC' | 'DESC') => (d === 'ASC' ? 'DESC' : 'ASC');
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return [...sortTerms(key), { sql: 'c.id', follows: true }]
    .map((t) => {
      const d = t.follows ? dir : 'ASC';
      return `${t.sql} ${reversed ? flip(d) : d}`;
    })
    .join(', ');
}

/** `%` and `_` typed by the coordinator are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Which index the list reads. The covering index holds every column the list filters and sorts on, so paging and
 * counting never touch the wide table rows; SQLite's planner would otherwise often choose a narrower index and then
 * fetch (and decrypt) thousands of table pages. A whole reference is the exception: its own index finds one row.
 */
const listIndex = (where: { exactReference: boolean }) => (where.exactReference ? '' : 'INDEXED BY cases_list');

function whereClause(q: Required<Pick<CaseListQuery, 'search' | 'states' | 'overdueOnly' | 'includeClosed'>> & CaseListQuery, today: IsoDate) {
  const where: string[] = [];
  const params: Params = {};
  const search = q.search.trim();
  const reference = search === '' ? null : normaliseReference(search);
  if (reference !== null) {
    // A whole reference is an exact, indexed lookup.
    where.push('c.reference = $reference');
    params.reference = reference;
  } else if (search !== '') {
    // Part of a reference, or words of the name in any order, each the start of a word of the name (FTS5).
    const match = nameMatchQuery(search);
    // Only text with a digit, or the start of "PLHR", can be part of a reference: other text skips that scan.
    const maybeReference = /\d/.test(search) || 'PLHR-'.startsWith(search.toUpperCase().slice(0, 5));
    const parts = [
      ...(maybeReference ? ["c.reference LIKE $refLike ESCAPE '\\'"] : []),
      ...(match !== null ? ['c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH $match)'] : []),
    ];
    where.push(parts.length === 0 ? '0' : `(${parts.join(' OR ')})`);
    if (maybeReference) params.refLike = `%${likeEscape(search.toUpperCase().replace(/\s+/g, '-'))}%`;
    if (match !== null) params.match = match;
  }
  if (q.states.length > 0) {
    where.push(`c.state IN (${q.states.map((_, i) => `$state${i}`).join(', ')})`);
    q.states.forEach((s, i) => (params[`state${i}`] = s));
  } else if (!q.includeClosed) {
    where.push("c.state <> 'closed'");
  }
  if (q.risk !== undefined) {
    // IN (sub-query) lets SQLite start from the small indexed set rather than probe once per case.
    where.push('c.id IN (SELECT r.case_id FROM case_risk_categories r WHERE r.category = $risk)');
    params.risk = q.risk;
  }
  if (q.homeLandlordId !== undefined) {
    where.push('c.home_landlord_id = $landlord');
    params.landlord = q.homeLandlordId;
  }
  if (q.borough !== undefined) {
    where.push('c.current_borough = $borough');
    params.borough = q.borough;
  }
  if (q.requestedBorough !== undefined) {
    where.push("c.id IN (SELECT rb.case_id FROM case_boroughs rb WHERE rb.kind = 'requested' AND rb.borough_code = $requested)");
    params.requested = q.requestedBorough;
  }
  if (q.overdueOnly) {
    where.push('c.next_due_on < $today');
    params.today = today;
  }
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params, exactReference: reference !== null };
}

/** What the list shows of the applicant. Callers inside main see names; the IPC handler passes the coordinator's setting. */
export interface ListView {
  showNames: boolean;
}

type ListRow = {
  id: number;
  reference: string;
  state: CaseState;
  applicant_name: string;
  landlord: string;
  current_borough: BoroughCode;
  received_on: IsoDate;
  next_due_on: IsoDate | null;
  next_due_kind: DeadlineKind | null;
  needs_recirculation: number;
  risks: string | null;
  requested: number;
};

function nextDue(dueOn: IsoDate | null, kind: DeadlineKind | null, today: IsoDate, dueSoonDays: number) {
  if (dueOn === null || kind === null) return null;
  return { kind, label: DEADLINE_LABELS[kind], dueOn, ...describeDue(dueOn, today, dueSoonDays) };
}

/**
 * The list asks for its rows a page at a time as the coordinator scrolls, each with the same filters. Counting the
 * matches walks the whole covering index (tens of milliseconds at 50,000 cases), so the count is kept per
 * connection and reused until anything is written through it: `total_changes()` moves on every insert, update and
 * delete on this connection, which is the app's only one.
 */
const lastCount = new WeakMap<Db, { sql: string; params: string; changes: number; total: number }>();

function countMatching(db: Db, sql: string, params: Params): number {
  const changes = Number(db.prepare('SELECT total_changes()', { pluck: true }).get());
  const key = JSON.stringify(params);
  const cached = lastCount.get(db);
  if (cached !== undefined && cached.sql === sql && cached.params === key && cached.changes === changes) return cached.total;
  // The driver refuses an empty named-parameter object for a statement with no parameters.
  const total = Number(db.prepare(sql, { pluck: true }).get(Object.keys(params).length > 0 ? params : []) ?? 0);
  lastCount.set(db, { sql, params: key, changes, total });
  return total;
}

export type ParsedCaseListQuery = Required<
  Pick<CaseListQuery, 'search' | 'states' | 'overdueOnly' | 'includeClosed' | 'sort' | 'direction' | 'offset' | 'limit'>
> &
  CaseListQuery;

export function listCases(
  db: Db,
  q: ParsedCaseListQuery,
  today: IsoDate,
  policy: Pick<CasePolicy, 'dueSoonDays'>,
  view: ListView = { showNames: true },
): CaseListPage {
  const clause = whereClause(q, today);
  const { sql: where, params } = clause;
  const index = listIndex(clause);
  const count = countMatching(db, `SELECT count(*) FROM cases c ${index} ${where}`, params);
  // A page in the second half of the list is read from the end, in the reverse order, and turned round: the last
  // page then reads 100 rows from the end of the index instead of stepping over 50,000 with OFFSET.
  const fromEnd = q.offset > count / 2 && q.offset < count;
  const limit = fromEnd ? Math.min(q.limit, count - q.offset) : q.limit;
  const offset = fromEnd ? count - q.offset - limit : q.offset;
  // Two steps: sort and page over narrow rows first, then build only the visible rows. Building every matching
  // row before sorting (with its risk and borough sub-queries) is what makes a naive list slow at 50,000 cases.
  const paged = db
    .prepare(
      `SELECT c.id FROM cases c ${index}
       ${q.sort === 'landlord' ? 'JOIN partners p ON p.id = c.home_landlord_id' : ''}
       ${q.sort === 'borough' ? 'JOIN boroughs b ON b.code = c.current_borough' : ''}
       ${where}
       ORDER BY ${orderBy(q.sort, q.direction, fromEnd)}
       LIMIT $limit OFFSET $offset`,
      { pluck: true },
    )
    .all({ ...params, limit, offset }) as number[];
  const ids = fromEnd ? paged.reverse() : paged;
  const byId = new Map(
    (ids.length === 0
      ? []
      : db
          .prepare(
            `SELECT c.id, c.reference, c.state, c.applicant_name, p.name AS landlord, c.current_borough, c.received_on,
                    c.next_due_on, c.next_due_kind, c.needs_recirculation,
                    (SELECT group_concat(category) FROM case_risk_categories r WHERE r.case_id = c.id) AS risks,
                    (SELECT count(*) FROM case_boroughs rb WHERE rb.case_id = c.id AND rb.kind = 'requested') AS requested
             FROM cases c JOIN partners p ON p.id = c.home_landlord_id
             WHERE c.id IN (${ids.map(() => '?').join(', ')})`,
          )
          .all<ListRow>(ids)
    ).map((r) => [r.id, r]),
  );
  const rows = ids.map((id) => byId.get(id)).filter((r): r is ListRow => r !== undefined);
  return {
    total: count,
    offset: q.offset,
    rows: rows.map((r): CaseListRow => ({
      id: r.id,
      reference: r.reference,
      state: r.state,
      // Hidden names are not sent at all: what the renderer never has, it cannot show to a passer-by.
      applicantName: view.showNames ? r.applicant_name : null,
      applicantInitials: initialsOf(r.applicant_name),
      homeLandlordName: r.landlord,
      currentBorough: r.current_borough,
      riskCategories: r.risks === null ? [] : (r.risks.split(',') as RiskCategory[]),
      requestedBoroughCount: r.requested,
      receivedOn: r.received_on,
      nextDue: nextDue(r.next_due_on, r.next_due_kind, today, policy.dueSoonDays),
      needsRecirculation: r.needs_recirculation === 1,
    })),
  };
}

type DueRow = { id: number; reference: string; state: CaseState; received_on: IsoDate; next_due_on: IsoDate; next_due_kind: DeadlineKind };

const DASHBOARD_LIMIT = 25;

/** Home: "what needs me today". */
export function dashboard(db: Db, today: IsoDate, policy: Pick<CasePolicy, 'dueSoonDays'>): Dashboard {
  const dueItems = (where: string, params: Params): DueItem[] =>
    db
      .prepare(
        `SELECT id, reference, state, received_on, next_due_on, next_due_kind FROM cases
         WHERE ${where} ORDER BY next_due_on, id LIMIT ${DASHBOARD_LIMIT}`,
      )
      .all<DueRow>(params)
      .map((r) => ({
        caseId: r.id,
        reference: r.reference,
        state: r.state,
        deadline: {
          kind: r.next_due_kind,
          label: DEADLINE_LABELS[r.next_due_kind],
          dueOn: r.next_due_on,
          ...describeDue(r.next_due_on, today, policy.dueSoonDays),
        },
        caseAgeDays: Math.max(0, daysBetween(r.received_on, today)),
      }));
  const count = (where: string, params: Params) => Number(db.prepare(`SELECT count(*) FROM cases WHERE ${where}`, { pluck: true }).get(params) ?? 0);

  const soonEnd = addDays(today, policy.dueSoonDays);
  const overdueWhere = 'next_due_on < $today';
  const soonWhere = 'next_due_on >= $today AND next_due_on <= $soonEnd';
  const byState = db.prepare('SELECT state, count(*) AS count FROM cases GROUP BY state').all<{ state: CaseState; count: number }>();
  const order = new Map(CASE_STATES.map((s, i) => [s, i]));
  byState.sort((a, b) => (order.get(a.state) ?? 0) - (order.get(b.state) ?? 0));
  return {
    today,
    overdue: dueItems(overdueWhere, { today }),
    overdueTotal: count(overdueWhere, { today }),
    dueSoon: dueItems(soonWhere, { today, soonEnd }),
    dueSoonTotal: count(soonWhere, { today, soonEnd }),
    byState,
    openTotal: byState.filter((s) => s.state !== 'closed').reduce((sum, s) => sum + s.count, 0),
    recent: recentActivity(db, 15),
  };
}
