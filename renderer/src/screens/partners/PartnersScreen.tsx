import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BOROUGHS_ALPHABETICAL, boroughName, isBoroughCode } from '../../../../contract/boroughs';
import { formatUkDate } from '../../../../contract/dates';
import { PARTNER_SORTS, PARTNER_STATUSES, PARTNER_STATUS_LABELS, PARTNER_TYPES, PARTNER_TYPE_LABELS } from '../../../../contract/partners';
import type { PartnerListQueryInput, PartnerSort, PartnerStatus, PartnerType } from '../../../../contract/partners';
import { EmptyState, Screen } from '../../components/Screen';
import { usePartners } from '../../stores/partners-store';
import { ExportButton } from './ExportButton';
import { RegisteredCheck } from './RegisteredCheck';
import { StatusBadge } from './StatusBadge';
import './partners.css';

const SORT_LABELS: Record<PartnerSort, string> = { name: 'Name', type: 'Type', status: 'Status', joinedOn: 'Joined' };

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The filters live in the address, so Back returns to the same list and the coverage map can link to one. */
function useListQuery(): [PartnerListQueryInput, (patch: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const borough = params.get('borough');
  const query: PartnerListQueryInput = {
    search: params.get('search') ?? '',
    type: oneOf<PartnerType>(PARTNER_TYPES, params.get('type')),
    status: oneOf<PartnerStatus>(PARTNER_STATUSES, params.get('status')),
    borough: borough !== null && isBoroughCode(borough) ? borough : undefined,
    sort: oneOf<PartnerSort>(PARTNER_SORTS, params.get('sort')) ?? 'name',
    direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
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

function boroughSummary(codes: readonly string[]): string {
  const names = codes.filter(isBoroughCode).map(boroughName);
  if (names.length === 0) return 'None recorded';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export function PartnersScreen() {
  const [query, update] = useListQuery();
  const { items, listError, load } = usePartners();
  const [search, setSearch] = useState(query.search ?? '');
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const key = JSON.stringify(query);

  useEffect(() => {
    let current = true;
    void load(JSON.parse(key) as PartnerListQueryInput).then(() => {
      if (current) setLoadedKey(key);
    });
    return () => {
      current = false;
    };
  }, [key, load]);

  // Search as the coordinator types, but not on every keystroke.
  useEffect(() => {
    if (search === (query.search ?? '')) return;
    const timer = setTimeout(() => update({ search }), 200);
    return () => clearTimeout(timer);
  }, [search, query.search, update]);

  const filtered = Boolean(query.search || query.type || query.status || query.borough);
  const sortButton = (sort: PartnerSort) => {
    const active = query.sort === sort;
    const nextDirection = active && query.direction === 'asc' ? 'desc' : 'asc';
    return (
      <button
        type="button"
        className="partners-sort"
        onClick={() => update({ sort: sort === 'name' ? undefined : sort, direction: nextDirection === 'asc' ? undefined : 'desc' })}
      >
        {SORT_LABELS[sort]}
        <span aria-hidden="true">{active ? (query.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        <span className="visually-hidden">{active ? `, sorted ${query.direction === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
      </button>
    );
  };
  const ariaSort = (sort: PartnerSort) => (query.sort === sort ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined);
  const countText = useMemo(() => {
    if (items === null) return '';
    const n = items.length;
    return `${n} partner${n === 1 ? '' : 's'}${filtered ? ' match' + (n === 1 ? 'es' : '') + ' these filters' : ''}`;
  }, [items, filtered]);

  return (
    <Screen
      name="partners"
      title="Partners"
      ready={loadedKey === key}
      actions={
        <>
          <Link className="button button--primary" to="/partners/new">
            Add a partner
          </Link>
          <Link className="button" to="/partners/import">
            Import CSV
          </Link>
          <ExportButton />
        </>
      }
    >
      <RegisteredCheck />

      <section className="panel" aria-labelledby="directory-heading">
        <h2 id="directory-heading">Directory</h2>
        <form className="partners-filters" role="search" aria-label="Filter partners" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="partner-search">Search</label>
            <input id="partner-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Partner, contact name or email" />
          </div>
          <div className="field">
            <label htmlFor="filter-type">Type</label>
            <select id="filter-type" value={query.type ?? ''} onChange={(e) => update({ type: e.target.value })}>
              <option value="">Any type</option>
              {PARTNER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {PARTNER_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" value={query.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
              <option value="">Any status</option>
              {PARTNER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PARTNER_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-borough">Holds stock in</label>
            <select id="filter-borough" value={query.borough ?? ''} onChange={(e) => update({ borough: e.target.value })}>
              <option value="">Any borough</option>
              {BOROUGHS_ALPHABETICAL.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          {filtered && (
            <button
              type="button"
              className="button partners-filters__clear"
              onClick={() => {
                setSearch('');
                update({ search: undefined, type: undefined, status: undefined, borough: undefined });
              }}
            >
              Clear filters
            </button>
          )}
        </form>

        {listError && (
          <p className="alert alert--error" role="alert">
            {listError}
          </p>
        )}
        <p className="partners-count" role="status">
          {countText}
        </p>
        {items !== null && items.length === 0 && !filtered && (
          <EmptyState title="No partners yet">
            <p>Add the scheme's partners one at a time, or import the contact list you keep today as a CSV file.</p>
          </EmptyState>
        )}
        {items !== null && items.length > 0 && (
          <table className="table partners-table">
            <caption className="visually-hidden">Partners, {countText}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort('name')}>
                  {sortButton('name')}
                </th>
                <th scope="col" aria-sort={ariaSort('type')}>
                  {sortButton('type')}
                </th>
                <th scope="col" aria-sort={ariaSort('status')}>
                  {sortButton('status')}
                </th>
                <th scope="col">Named Leads</th>
                <th scope="col">Holds stock in</th>
                <th scope="col" aria-sort={ariaSort('joinedOn')}>
                  {sortButton('joinedOn')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/partners/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{PARTNER_TYPE_LABELS[p.type]}</td>
                  <td>
                    <StatusBadge status={p.status} />
                    {p.status !== 'active' && <span className="muted"> since {formatUkDate(p.statusChangedOn)}</span>}
                  </td>
                  <td>{p.namedLeads.length > 0 ? p.namedLeads.join(', ') : <span className="muted">None</span>}</td>
                  <td>{boroughSummary(p.stockBoroughs)}</td>
                  <td>{formatUkDate(p.joinedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Screen>
  );
}
