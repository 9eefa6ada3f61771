import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { boroughName, isBoroughCode } from '../../../../contract/boroughs';
import { formatUkDate } from '../../../../contract/dates';
import { PARTNER_SORTS, PARTNER_STATUSES, PARTNER_STATUS_LABELS, PARTNER_TYPES, PARTNER_TYPE_LABELS } from '../../../../contract/partners';
import type { PartnerListQueryInput, PartnerSort, PartnerStatus, PartnerType } from '../../../../contract/partners';
import { BOROUGH_CHOICES } from '../../components/boroughs/borough-choices';
import { choicesOf, Field, FormAlert } from '../../components/Field';
import { FilterSelect } from '../../components/FilterSelect';
import { oneOf, useDebouncedSearch, useListParams, type ParamPatch } from '../../components/list-params';
import { EmptyState, Screen } from '../../components/Screen';
import { SortHeader } from '../../components/SortHeader';
import { usePartners } from '../../stores/partners-store';
import { ExportButton } from './ExportButton';
import { RegisteredCheck } from './RegisteredCheck';
import { StatusBadge } from './StatusBadge';
import './partners.css';

const SORT_LABELS: Record<PartnerSort, string> = { name: 'Name', type: 'Type', status: 'Status', joinedOn: 'Joined' };

/** The list's query, read from the address (the coverage map links to a borough's active partners). */
function usePartnerQuery(): [PartnerListQueryInput, (patch: ParamPatch) => void] {
  const [params, update] = useListParams();
  const borough = params.get('borough');
  const query: PartnerListQueryInput = {
    search: params.get('search') ?? '',
    type: oneOf<PartnerType>(PARTNER_TYPES, params.get('type')),
    status: oneOf<PartnerStatus>(PARTNER_STATUSES, params.get('status')),
    borough: borough !== null && isBoroughCode(borough) ? borough : undefined,
    sort: oneOf<PartnerSort>(PARTNER_SORTS, params.get('sort')) ?? 'name',
    direction: params.get('direction') === 'desc' ? 'desc' : 'asc',
  };
  return [query, update];
}

function boroughSummary(codes: readonly string[]): string {
  const names = codes.filter(isBoroughCode).map(boroughName);
  if (names.length === 0) return 'None recorded';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export function PartnersScreen() {
  const [query, update] = usePartnerQuery();
  const { items, listError, load } = usePartners();
  const [search, setSearch] = useDebouncedSearch(
    query.search ?? '',
    useCallback((text: string) => update({ search: text }), [update]),
  );
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

  const filtered = Boolean(query.search || query.type || query.status || query.borough);
  const sortHeader = (sort: PartnerSort) => (
    <SortHeader
      label={SORT_LABELS[sort]}
      active={query.sort === sort}
      direction={query.direction ?? 'asc'}
      onSort={(direction) => update({ sort: sort === 'name' ? undefined : sort, direction: direction === 'asc' ? undefined : 'desc' })}
    />
  );
  const countText = useMemo(() => {
    if (items === null) return '';
    const n = items.length;
    if (n === 0 && filtered) return 'No partners match these filters.';
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
        <form className="filters partners-filters" role="search" aria-label="Filter partners" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Partner, contact name or email" />
          <FilterSelect
            label="Type"
            param="type"
            value={query.type}
            update={update}
            placeholder="Any type"
            options={choicesOf(PARTNER_TYPES, PARTNER_TYPE_LABELS)}
          />
          <FilterSelect
            label="Status"
            param="status"
            value={query.status}
            update={update}
            placeholder="Any status"
            options={choicesOf(PARTNER_STATUSES, PARTNER_STATUS_LABELS)}
          />
          <FilterSelect label="Holds stock in" param="borough" value={query.borough} update={update} placeholder="Any borough" options={BOROUGH_CHOICES} />
          {filtered && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSearch('');
                update({ search: undefined, type: undefined, status: undefined, borough: undefined });
              }}
            >
              Clear filters
            </button>
          )}
        </form>

        <FormAlert message={listError} />
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
                {sortHeader('name')}
                {sortHeader('type')}
                {sortHeader('status')}
                <th scope="col">Named Leads</th>
                <th scope="col">Holds stock in</th>
                {sortHeader('joinedOn')}
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
