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

/** The due date with a far-future stand-in for none: cases with no deadline sort last, in one indexable term. */
const DUE_KEY = "coalesce(c.next_due_on, '9999-12-31')";

function sortTerms(key: CaseSortKey, direction: 'asc' | 'desc'): SortTerm[] {
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
    // Cases with no deadline go last either way: they need nothing from the coordinator. Ascending, the stand-in
    // date does that alone; descending, a first term keeps them last.
    case 'nextDueOn':
      return direction === 'asc' ? [by(DUE_KEY)] : [{ sql: 'c.next_due_on IS NULL', follows: false }, by(DUE_KEY)];
    case 'updatedAt':
      return [by('c.updated_at')];
    default:
      return missingCase(key);
  }
}

/** Every ORDER BY term with its direction, the id last as the tie-breaker; `reversed` turns every term round. */
function orderTerms(key: CaseSortKey, direction: 'asc' | 'desc', reversed: boolean): { sql: string; dir: 'ASC' | 'DESC' }[] {
  const flip = (d: 'ASC' | 'DESC') => (d === 'ASC' ? 'DESC' : 'ASC');
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return [...sortTerms(key, direction), { sql: 'c.id', follows: true }].map((t) => {
    const d = t.follows ? dir : 'ASC';
    return { sql: t.sql, dir: reversed ? flip(d) : d };
  });
}

const orderBy = (terms: { sql: string; dir: 'ASC' | 'DESC' }[]) => terms.map((t) => `${t.sql} ${t.dir}`).join(', ');

/**
 * The sorts an index delivers in order (migration 015-list-speed): each index is led by the sort key and the id and
 * holds the columns the list filters on, so a page reads about as many index entries as it shows.
 */
const ORDERED_INDEX: Partial<Record<CaseSortKey, string>> = {
  nextDueOn: 'cases_by_due',
  receivedOn: 'cases_by_received',
  reference: 'cases_by_reference',
  applicant: 'cases_by_applicant',
};

/**
 * Keyset: the rows after (in reading order) the case `after`, whose sort key is read here, in main, and bound as
 * parameters. The first term is a range the index seeks to; the rest break its ties. Only for an order whose terms
 * all run one way (every sort but "next deadline, latest first", which pages by offset).
 */
function keysetClause(db: Db, terms: { sql: string; dir: 'ASC' | 'DESC' }[], after: number, joins: string): { sql: string; params: Params } | null {
  if (!terms.every((t) => t.dir === terms[0]!.dir)) return null;
  const key = db
    .prepare(`SELECT ${terms.map((t, i) => `${t.sql} AS k${i}`).join(', ')} FROM cases c ${joins} WHERE c.id = $after`)
    .get<Record<string, string | number>>({ after });
  if (key === undefined) return null;
  const params: Params = {};
  terms.forEach((_, i) => (params[`key${i}`] = key[`k${i}`]!));
  const [op, opEq] = terms[0]!.dir === 'ASC' ? ['>', '>='] : ['<', '<='];
  const rest = terms.slice(1);
  const tail =
    rest.length === 1 ? `${rest[0]!.sql} ${op} $key1` : `(${rest.map((t) => t.sql).join(', ')}) ${op} (${rest.map((_, i) => `$key${i + 1}`).join(', ')})`;
  return { sql: `${terms[0]!.sql} ${opEq} $key0 AND (${terms[0]!.sql} ${op} $key0 OR ${tail})`, params };
}

/** `%` and `_` typed by the coordinator are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * `drive`: the risk and requested-borough filters are sets that SQLite reads first (from their own index) and joins
 * the cases to. `probe`: each entry of an index read in order is checked against them, one primary-key seek each,
 * so reading the first page of a large match never builds the whole set.
 */
type FilterMode = 'drive' | 'probe';

function whereClause(
  q: Required<Pick<CaseListQuery, 'search' | 'states' | 'overdueOnly' | 'includeClosed'>> & CaseListQuery,
  today: IsoDate,
  mode: FilterMode = 'drive',
) {
  const where: string[] = [];
  const params: Params = {};
  // What the filters offer to drive the read from (see `readPlan`).
  const drivers = { subQuery: false, referenceScan: false, states: q.states.length > 0, indexColumns: false };
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
    if (maybeReference) drivers.referenceScan = true;
    else if (match !== null) drivers.subQuery = true;
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
    where.push(
      mode === 'drive'
        ? 'c.id IN (SELECT r.case_id FROM case_risk_categories r WHERE r.category = $risk)'
        : 'EXISTS (SELECT 1 FROM case_risk_categories r WHERE r.case_id = c.id AND r.category = $risk)',
    );
    drivers.subQuery = true;
    params.risk = q.risk;
  }
  if (q.homeLandlordId !== undefined) {
    where.push('c.home_landlord_id = $landlord');
    params.landlord = q.homeLandlordId;
    drivers.indexColumns = true;
  }
  if (q.borough !== undefined) {
    where.push('c.current_borough = $borough');
    params.borough = q.borough;
    drivers.indexColumns = true;
  }
  if (q.requestedBorough !== undefined) {
    where.push(
      mode === 'drive'
        ? "c.id IN (SELECT rb.case_id FROM case_boroughs rb WHERE rb.kind = 'requested' AND rb.borough_code = $requested)"
        : "EXISTS (SELECT 1 FROM case_boroughs rb WHERE rb.case_id = c.id AND rb.kind = 'requested' AND rb.borough_code = $requested)",
    );
    params.requested = q.requestedBorough;
    drivers.subQuery = true;
  }
  if (q.overdueOnly) {
    where.push('c.next_due_on < $today');
    params.today = today;
    drivers.indexColumns = true;
  }
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params, exactReference: reference !== null, drivers };
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
 * The list asks for its rows a page at a time as the coordinator scrolls, each with the same filters. The count is
 * read from the narrowest index that answers it (see `readPlan`), and kept per connection and reused until anything
 * is written through it: `total_changes()` moves on every insert, update and delete on this connection, which is the
 * app's only one. So scrolling never recounts, and a count after a write costs one pass over a narrow index.
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

/**
 * A filter that matches at most this many cases drives the read: its few rows are found from its own index and
 * sorted. Above it, the page reads the sort's index in order and checks each entry against the filter, stopping
 * after a page. (At 50,000 cases and a page of 100, the ordered read wins from a few hundred matches up.) A setting
 * object only so that the plan test can see both reads without making a thousand cases.
 */
export const listTuning = { driveLimit: 1000 };

type Drivers = ReturnType<typeof whereClause>['drivers'];

/**
 * Which index SQLite reads, chosen here rather than left to its planner, which has no statistics and would often
 * take a narrow index and then fetch (and decrypt) thousands of table pages, or sort every case to show 100.
 * - `count`: the sub-query's own index (risk, requested borough, name), else `cases_by_due` when a filter on its
 *   columns is set (covering), else the state index.
 * - `page`: a small filtered set is read from its own index and sorted; otherwise the index that delivers the sort
 *   in order; otherwise `cases_list`, which holds every column the list filters and sorts on.
 */
export function readPlan(drivers: Drivers, exactReference: boolean, sort: CaseSortKey, count: number | null): { count: string; page: string } {
  if (exactReference) return { count: '', page: '' };
  if (drivers.referenceScan) return { count: 'INDEXED BY cases_list', page: 'INDEXED BY cases_list' };
  const countIndex = drivers.subQuery ? 'NOT INDEXED' : drivers.indexColumns ? 'INDEXED BY cases_by_due' : 'INDEXED BY cases_state';
  const small = count !== null && count <= listTuning.driveLimit;
  const ordered = ORDERED_INDEX[sort];
  const page =
    small && drivers.subQuery
      ? 'NOT INDEXED'
      : small && drivers.states
        ? 'INDEXED BY cases_list'
        : ordered !== undefined
          ? `INDEXED BY ${ordered}`
          : 'INDEXED BY cases_list';
  return { count: countIndex, page };
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
  const counted = whereClause(q, today, 'drive');
  const count = countMatching(
    db,
    `SELECT count(*) FROM cases c ${readPlan(counted.drivers, counted.exactReference, q.sort, null).count} ${counted.sql}`,
    counted.params,
  );
  const plan = readPlan(counted.drivers, counted.exactReference, q.sort, count);
  const { sql: where, params } = plan.page === 'NOT INDEXED' ? counted : whereClause(q, today, 'probe');
  const index = plan.page;
  const joins = `${q.sort === 'landlord' ? 'JOIN partners p ON p.id = c.home_landlord_id' : ''} ${q.sort === 'borough' ? 'JOIN boroughs b ON b.code = c.current_borough' : ''}`;
  // The next page as the list scrolls: the rows after the previous page's last row (keyset), so that a page deep in
  // the list reads one page of index entries and never steps over the rows before it.
  const keyset = q.after === undefined ? null : keysetClause(db, orderTerms(q.sort, q.direction, false), q.after, joins);
  // A page jumped to in the second half of the list is read from the end, in the reverse order, and turned round:
  // the last page then reads 100 rows from the end of the index instead of stepping over 50,000 with OFFSET.
  const fromEnd = keyset === null && q.offset > count / 2 && q.offset < count;
  const limit = fromEnd ? Math.min(q.limit, count - q.offset) : q.limit;
  const offset = keyset !== null ? 0 : fromEnd ? count - q.offset - limit : q.offset;
  const conditions = [where, keyset === null ? '' : `${where === '' ? 'WHERE' : 'AND'} ${keyset.sql}`].join(' ');
  // Two steps: sort and page over narrow rows first, then build only the visible rows. Building every matching
  // row before sorting (with its risk and borough sub-queries) is what makes a naive list slow at 50,000 cases.
  const paged = db
    .prepare(
      `SELECT c.id FROM cases c ${index} ${joins} ${conditions}
       ORDER BY ${orderBy(orderTerms(q.sort, q.direction, fromEnd))}
       LIMIT $limit OFFSET $offset`,
      { pluck: true },
    )
    .all({ ...params, ...keyset?.params, limit, offset }) as number[];
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
