import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BOROUGHS_ALPHABETICAL, isBoroughCode } from '../../../../contract/boroughs';
import { CASE_SORT_KEYS, type CaseSortKey } from '../../../../contract/case-views';
import type { CaseListQuery } from '../../../../contract/case-channels';
import { CASE_STATES, CASE_STATE_LABELS, RISK_CATEGORIES, RISK_CATEGORY_LABELS, type CaseState, type RiskCategory } from '../../../../contract/cases';
import { Screen } from '../../components/Screen';
import { useCases } from '../../stores/cases-store';
import { SelectField } from '../partners/fields';
import { CaseTable } from './CaseTable';
import './cases.css';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** Filters live in the address, so Back returns to the same list and Home can link to a filtered one. */
function useListQuery(): [CaseListQuery, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
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
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  return [query, update];
}

export function CaseListScreen() {
  const [query, update] = useListQuery();
  const { total, listError, options, loadOptions } = useCases();
  const [search, setSearch] = useState(query.search ?? '');
  const key = JSON.stringify(query);
  const stableQuery = useMemo(() => JSON.parse(key) as CaseListQuery, [key]);

  useEffect(() => {
    if (!options) void loadOptions().catch(() => undefined);
  }, [options, loadOptions]);

  // Search as the coordinator types, but not on every keystroke.
  useEffect(() => {
    if (search === (query.search ?? '')) return;
    const timer = setTimeout(() => update({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, query.search, update]);

  const filtered = Boolean(
    query.search || (query.states?.length ?? 0) > 0 || query.risk || query.homeLandlordId || query.borough || query.requestedBorough || query.overdueOnly,
  );

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
      <form className="filters panel" role="search" aria-label="Find cases" onSubmit={(e) => e.preventDefault()}>
        <div className="field filters__search">
          <label htmlFor="case-search">Search by reference or applicant name</label>
          <input
            id="case-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="PLHR-2026-0042 or a name"
            autoComplete="off"
          />
        </div>
        <SelectField label="State" value={query.states?.[0] ?? ''} onChange={(e) => update({ state: e.target.value })}>
          <option value="">Any open state</option>
          {CASE_STATES.map((s) => (
            <option key={s} value={s}>
              {CASE_STATE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Risk" value={query.risk ?? ''} onChange={(e) => update({ risk: e.target.value })}>
          <option value="">Any risk</option>
          {RISK_CATEGORIES.map((r) => (
            <option key={r} value={r}>
              {RISK_CATEGORY_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Home landlord"
          value={query.homeLandlordId ? String(query.homeLandlordId) : ''}
          onChange={(e) => update({ landlord: e.target.value })}
        >
          <option value="">Any landlord</option>
          {options?.partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Current borough" value={query.borough ?? ''} onChange={(e) => update({ borough: e.target.value })}>
          <option value="">Any borough</option>
          {BOROUGHS_ALPHABETICAL.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Requested borough" value={query.requestedBorough ?? ''} onChange={(e) => update({ requested: e.target.value })}>
          <option value="">Any borough</option>
          {BOROUGHS_ALPHABETICAL.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </SelectField>
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
      {listError && (
        <div className="alert alert--error" role="alert">
          {listError}
        </div>
      )}
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
      <CaseTable query={stableQuery} onSort={(sort, direction) => update({ sort, dir: direction === 'desc' ? 'desc' : undefined })} />
    </Screen>
  );
}
