import { memo, useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { isBoroughCode } from '../../../../contract/boroughs';
import { CASE_SORT_KEYS, type CaseSortKey } from '../../../../contract/case-views';
import type { CaseListQuery } from '../../../../contract/case-channels';
import { CASE_STATES, CASE_STATE_LABELS, RISK_CATEGORIES, RISK_CATEGORY_LABELS, type CaseState, type RiskCategory } from '../../../../contract/cases';
import { BOROUGH_CHOICES } from '../../components/boroughs/borough-choices';
import { choicesOf, Field, FormAlert } from '../../components/Field';
import { FilterSelect } from '../../components/FilterSelect';
import { oneOf, useDebouncedSearch, useListParams, type ParamPatch } from '../../components/list-params';
import { EmptyState, Screen } from '../../components/Screen';
import { useShallow } from 'zustand/react/shallow';
import { useCases } from '../../stores/cases-store';
import { api, unwrap } from '../../services/api';
import { CaseTable } from './CaseTable';
import './cases.css';

/** Short enough to feel immediate, long enough that a name typed at speed asks main once, not once a letter. */
const SEARCH_DEBOUNCE_MS = 120;

const NoCases = memo(function NoCases({ filtered, includeClosed }: { filtered: boolean; includeClosed: boolean }) {
  return filtered ? (
    <EmptyState title="Nothing matches">
      <p>Try fewer filters, or clear them to see every open case.</p>
    </EmptyState>
  ) : (
    <EmptyState title={includeClosed ? 'No cases yet' : 'Nothing open right now'}>
      <p>
        Cases appear here once a referral is recorded with “New referral”.{' '}
        {includeClosed ? '' : 'Closed cases are hidden: tick “Include closed cases” to see them.'}
      </p>
    </EmptyState>
  );
});

/** The list's query, read from the address. */
function useCaseQuery(): [CaseListQuery, (patch: ParamPatch) => void] {
  const [params, update] = useListParams();
  const state = oneOf<CaseState>(CASE_STATES, params.get('state'));
  const borough = params.get('borough');
  const requested = params.get('requested');
  const landlord = Number(params.get('landlord'));
  const query: CaseListQuery = {
    search: params.get('search') ?? '',
    states: state ? [state] : [],
    risk: oneOf<RiskCategory>(RISK_CATEGORIES, params.get('risk')),
    homeLandlordId: Number.isInteger(landlord) && landlord > 0 ? landlord : undefined,
    borough: borough !== null && isBoroughCode(borough) ? borough : undefined,
    requestedBorough: requested !== null && isBoroughCode(requested) ? requested : undefined,
    overdueOnly: params.get('overdue') === '1',
    includeClosed: params.get('closed') === '1',
    sort: oneOf<CaseSortKey>(CASE_SORT_KEYS, params.get('sort')) ?? 'nextDueOn',
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
  return [query, update];
}

export function CaseListScreen() {
  const [query, update] = useCaseQuery();
  // Only what the screen shows: each page of rows that lands re-renders the table, not the whole screen.
  const { total, listError, options, loadOptions } = useCases(
    useShallow((s) => ({ total: s.total, listError: s.listError, options: s.options, loadOptions: s.loadOptions })),
  );
  // A short pause after the last key before main is asked (the latest text wins: an older page that lands late is
  // dropped by the store); typing itself only re-renders the form.
  const [search, setSearch] = useDebouncedSearch(
    query.search ?? '',
    useCallback((text: string) => update({ search: text }), [update]),
    SEARCH_DEBOUNCE_MS,
  );
  const key = JSON.stringify(query);
  const stableQuery = useMemo(() => JSON.parse(key) as CaseListQuery, [key]);
  // The table follows the query at low priority: drawing a new page of rows (each measured for the virtual list)
  // never holds up the next keystroke, and React drops a render that a newer query overtakes.
  const tableQuery = useDeferredValue(stableQuery);
  const onSort = useCallback((sort: CaseSortKey, direction: 'asc' | 'desc') => update({ sort, dir: direction === 'desc' ? 'desc' : undefined }), [update]);

  useEffect(() => {
    if (!options) void loadOptions().catch(() => undefined);
  }, [options, loadOptions]);

  // Enter on a search with exactly one match opens it. Asked of main with the text as typed, so it does not wait
  // for the list's debounced search to catch up.
  const navigate = useNavigate();
  const openSingleMatch = async (text: string) => {
    if (text.trim() === '') return;
    const page = await unwrap(api().cases.list({ ...stableQuery, search: text, offset: 0, limit: 2 })).catch(() => null);
    const only = page?.total === 1 ? page.rows[0] : undefined;
    if (only) void navigate(`/cases/${only.id}`);
  };

  const filtered = Boolean(
    query.search || (query.states?.length ?? 0) > 0 || query.risk || query.homeLandlordId || query.borough || query.requestedBorough || query.overdueOnly,
  );

  const includeClosed = query.includeClosed ?? false;
  const empty = useMemo(() => <NoCases filtered={filtered} includeClosed={includeClosed} />, [filtered, includeClosed]);

  return (
    <Screen
      name="cases"
      title="Cases"
      ready={total !== null}
      actions={
        <Link className="button button--primary" to="/cases/new">
          New referral
        </Link>
      }
    >
      <form
        className="filters panel"
        role="search"
        aria-label="Find cases"
        onSubmit={(e) => {
          e.preventDefault();
          void openSingleMatch(search);
        }}
      >
        <Field
          label="Search by reference or applicant name"
          fieldClassName="filters__search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="PLHR-2026-0042 or a name"
          hint="Names in any order. Press Enter to open a single match."
          autoComplete="off"
        />
        <FilterSelect
          label="State"
          param="state"
          value={query.states?.[0]}
          update={update}
          placeholder="Any open state"
          options={choicesOf(CASE_STATES, CASE_STATE_LABELS)}
        />
        <FilterSelect
          label="Risk"
          param="risk"
          value={query.risk}
          update={update}
          placeholder="Any risk"
          options={choicesOf(RISK_CATEGORIES, RISK_CATEGORY_LABELS)}
        />
        <FilterSelect
          label="Home landlord"
          param="landlord"
          value={query.homeLandlordId}
          update={update}
          placeholder="Any landlord"
          options={options?.partners.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <FilterSelect label="Current borough" param="borough" value={query.borough} update={update} placeholder="Any borough" options={BOROUGH_CHOICES} />
        <FilterSelect
          label="Requested borough"
          param="requested"
          value={query.requestedBorough}
          update={update}
          placeholder="Any borough"
          options={BOROUGH_CHOICES}
        />
        <div className="filters__checks">
          <label className="checkbox">
            <input type="checkbox" checked={query.overdueOnly ?? false} onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })} />
            <span>Overdue only</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={query.includeClosed ?? false} onChange={(e) => update({ closed: e.target.checked ? '1' : undefined })} />
            <span>Include closed cases</span>
          </label>
        </div>
      </form>
      <FormAlert message={listError} />
      <p className="list-count" role="status">
        {total === null
          ? 'Loading cases…'
          : total === 0
            ? filtered
              ? 'No cases match these filters.'
              : 'No open cases.'
            : `${total.toLocaleString('en-GB')} ${total === 1 ? 'case' : 'cases'}${filtered ? (total === 1 ? ' matches' : ' match') : ''}`}
        {filtered && (
          <>
            {' '}
            <Link to="/cases" onClick={() => setSearch('')}>
              Clear filters
            </Link>
          </>
        )}
      </p>
      <CaseTable query={tableQuery} onSort={onSort} empty={empty} />
    </Screen>
  );
}
