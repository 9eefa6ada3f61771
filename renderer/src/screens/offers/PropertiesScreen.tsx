import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { BOROUGHS_ALPHABETICAL, boroughName, type BoroughCode } from '../../../../contract/boroughs';
import { formatUkDate } from '../../../../contract/dates';
import {
  formatRent,
  PROPERTY_STATE_LABELS,
  PROPERTY_STATES,
  type PropertyFormOptions,
  type PropertyPage,
  type PropertyState,
} from '../../../../contract/properties';
import { choicesOf, FormAlert, SelectField } from '../../components/Field';
import { EmptyState, Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { api, errorMessage, unwrap } from '../../services/api';
import { PropertyStateBadge } from './OfferBadges';
import './offers.css';

/** Properties partners have made available: filter by partner, borough, bedrooms and state. */
export function PropertiesScreen() {
  const [options, setOptions] = useState<PropertyFormOptions | null>(null);
  const [page, setPage] = useState<PropertyPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState('');
  const [borough, setBorough] = useState('');
  const [bedrooms, setBedrooms] = useState('');
  const [state, setState] = useState('');

  useEffect(() => {
    void unwrap(api().properties.formOptions({})).then(setOptions, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(() => {
    let current = true;
    unwrap(
      api().properties.list({
        ...(partnerId ? { partnerId: Number(partnerId) } : {}),
        ...(borough ? { borough: borough as BoroughCode } : {}),
        ...(bedrooms ? { bedrooms: Number(bedrooms) } : {}),
        ...(state ? { state: state as PropertyState } : {}),
      }),
    ).then(
      (p) => current && setPage(p),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [partnerId, borough, bedrooms, state]);

  return (
    <Screen
      name="properties"
      title="Properties"
      ready={(page !== null && options !== null) || error !== null}
      actions={
        <Link className="button button--primary" to="/properties/new">
          Record a property
        </Link>
      }
    >
      <FormAlert message={error} />
      <div className="filters" role="search" aria-label="Filter properties">
        <SelectField
          label="Partner"
          value={partnerId}
          onChange={(e) => setPartnerId(e.target.value)}
          placeholder="Any partner"
          options={(options?.partners ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <SelectField
          label="Borough"
          value={borough}
          onChange={(e) => setBorough(e.target.value)}
          placeholder="Any borough"
          options={BOROUGHS_ALPHABETICAL.map((b) => ({ value: b.code, label: b.name }))}
        />
        <SelectField
          label="Bedrooms"
          value={bedrooms}
          onChange={(e) => setBedrooms(e.target.value)}
          placeholder="Any"
          options={[0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: n === 0 ? 'Studio' : String(n) }))}
        />
        <SelectField
          label="State"
          value={state}
          onChange={(e) => setState(e.target.value)}
          placeholder="Any state"
          options={choicesOf(PROPERTY_STATES, PROPERTY_STATE_LABELS)}
        />
      </div>
      {page && page.rows.length === 0 ? (
        <EmptyState title="No properties to show">
          {page.total === 0 && !partnerId && !borough && !bedrooms && !state ? (
            <>
              When a partner has a home free, <Link to="/properties/new">record it</Link> to see which circulated cases it could house.
            </>
          ) : (
            'No property fits these filters.'
          )}
        </EmptyState>
      ) : (
        page && (
          <Table
            caption="Properties"
            rows={page.rows}
            rowKey={(p) => p.id}
            columns={[
              { header: 'Property', cell: (p) => <Link to={`/properties/${p.id}`}>{p.summary}</Link> },
              { header: 'Partner', cell: (p) => p.partnerName },
              { header: 'Borough', cell: (p) => boroughName(p.borough) },
              { header: 'Bedrooms', className: 'num', cell: (p) => p.bedrooms },
              { header: 'Rent a week', className: 'num', cell: (p) => formatRent(p.weeklyRentPence) },
              { header: 'Available from', className: 'nowrap', cell: (p) => formatUkDate(p.availableFrom) },
              { header: 'State', cell: (p) => <PropertyStateBadge state={p.state} /> },
            ]}
          />
        )
      )}
      {page && page.total > page.rows.length && (
        <p className="table-foot">
          Showing {page.rows.length} of {page.total.toLocaleString('en-GB')}. Narrow the filters to see the rest.
        </p>
      )}
    </Screen>
  );
}
