import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import { LEDGER_STATUSES, LEDGER_STATUS_LABELS, type LedgerRow, type LedgerTable } from '../../../../contract/ledger';
import { choicesOf, DateField, Field, SelectField } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { SortHeader, type SortDirection } from '../../components/SortHeader';
import { api, errorMessage, unwrap } from '../../services/api';
import { LedgerChart } from './LedgerChart';
import { LedgerStatusBadge } from './StatusBadge';
import { signed } from './ledger-words';
import './ledger.css';

type SortKey = 'name' | 'given' | 'received' | 'balance' | 'status';
const STATUS_ORDER = Object.fromEntries(LEDGER_STATUSES.map((s, i) => [s, i]));

function compare(key: SortKey): (a: LedgerRow, b: LedgerRow) => number {
  switch (key) {
    case 'name':
      return (a, b) => a.name.localeCompare(b.name);
    case 'status':
      return (a, b) => (STATUS_ORDER[a.status] ?? 0) - (STATUS_ORDER[b.status] ?? 0) || a.balance - b.balance;
    default:
      return (a, b) => a[key] - b[key] || a.name.localeCompare(b.name);
  }
}

/** The central pot: every partner's given, received and balance, its status against the cap, and the chart. */
export function LedgerScreen() {
  const [data, setData] = useState<LedgerTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asOfText, setAsOfText] = useState('');
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [asOfError, setAsOfError] = useState<string | undefined>(undefined);
  const [bedrooms, setBedrooms] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [hideLevel, setHideLevel] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDirection }>({ key: 'balance', dir: 'asc' });

  useEffect(() => {
    let live = true;
    const req = { ...(asOf ? { asOf } : {}), ...(bedrooms === '' ? {} : { bedrooms: Number(bedrooms) }) };
    unwrap(api().ledger.table(req)).then(
      (t) => live && (setData(t), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [asOf, bedrooms]);

  const rows = useMemo(() => {
    if (!data) return [];
    const q = search.trim().toLowerCase();
    const kept = data.rows.filter(
      (r) =>
        (status === '' || r.status === status) && (q === '' || r.name.toLowerCase().includes(q)) && (!hideLevel || r.balance !== 0 || r.given + r.received > 0),
    );
    const sorted = [...kept].sort(compare(sort.key));
    return sort.dir === 'desc' ? sorted.reverse() : sorted;
  }, [data, search, status, hideLevel, sort]);

  const applyAsOf = () => {
    if (asOfText.trim() === '') return (setAsOf(undefined), setAsOfError(undefined));
    const iso = parseUkDate(asOfText);
    if (!iso) return setAsOfError('Enter a real date, like 31/03/2026');
    setAsOfError(undefined);
    setAsOf(iso);
  };

  const header = (key: SortKey, label: string) => (
    <SortHeader label={label} active={sort.key === key} direction={sort.dir} onSort={(dir) => setSort({ key, dir })} />
  );

  return (
    <Screen name="ledger" title="Ledger" ready={data !== null || error !== null}>
      {error && (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      )}
      {data && (
        <>
          <p className="ledger-lead">
            The central pot {asOf ? `as it stood on ${formatUkDate(data.asOf)}` : 'today'}
            {data.bedrooms === null ? '' : `, ${data.bedrooms}-bedroom homes only`}. A partner whose moves out, less the homes it has given, reach{' '}
            <strong>{data.cap}</strong> is at the cap. The cap always counts in total, whatever the bedroom view.
          </p>
          {data.entries === 0 && (
            <div className="panel ledger-empty" role="status">
              <h2>{asOf ? `Nothing had been booked by ${formatUkDate(data.asOf)}` : 'No moves have been booked yet'}</h2>
              <p>
                A completed reciprocal move books two entries: the home landlord −1 (it owes the scheme a property) and the receiving landlord +1 (it is owed
                one). Each partner's balance, status and bar appear here as moves complete. A partner with a history from before this app starts with an opening
                balance, added from its statement.
              </p>
            </div>
          )}
          {data.housingMoves.moves > 0 && (
            <p className="panel ledger-note" data-testid="ledger-housing-moves">
              {data.housingMoves.moves} {data.housingMoves.moves === 1 ? 'move' : 'moves'} through the Housing Moves pathway
              {asOf ? ` by ${formatUkDate(data.asOf)}` : ''}:{' '}
              {data.housingMoves.notBooked === data.housingMoves.moves
                ? `none booked`
                : `${data.housingMoves.moves - data.housingMoves.notBooked} booked against the central pot, ${data.housingMoves.notBooked} not booked`}
              .{' '}
              {data.housingMoves.notBooked > 0 &&
                'A Housing Moves move is not a reciprocal let, so by the ledger policy (Settings) it books nothing and is reported separately. '}
              Each shows on its home landlord's statement.
            </p>
          )}
          <form
            className="filters"
            aria-label="Ledger filters"
            onSubmit={(e) => {
              e.preventDefault();
              applyAsOf();
            }}
          >
            <Field label="Partner" className="filters__search" value={search} onChange={(e) => setSearch(e.target.value)} />
            <SelectField
              label="Status"
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              placeholder="Any status"
              options={choicesOf(LEDGER_STATUSES, LEDGER_STATUS_LABELS)}
            />
            <SelectField
              label="Bedrooms"
              value={bedrooms}
              onChange={(e) => setBedrooms(e.target.value)}
              placeholder="All sizes (total)"
              options={data.bedroomSizes.map((b) => ({ value: String(b), label: b === 0 ? 'Studio' : `${b} bedrooms` }))}
            />
            <DateField label="As of" hint="Leave empty for today" value={asOfText} onChange={(e) => setAsOfText(e.target.value)} error={asOfError} />
            <div className="filters__checks">
              <label className="checkbox">
                <input type="checkbox" checked={hideLevel} onChange={(e) => setHideLevel(e.target.checked)} /> Hide partners with no entries
              </label>
            </div>
            <button type="submit" className="button">
              Show
            </button>
          </form>

          <section className="panel" aria-labelledby="ledger-chart-heading">
            <h2 id="ledger-chart-heading">Balances</h2>
            <LedgerChart rows={rows} tableId="ledger-table" />
          </section>

          <section className="panel" aria-labelledby="ledger-table-heading">
            <h2 id="ledger-table-heading">Partners ({rows.length})</h2>
            <table className="table" id="ledger-table" data-testid="ledger-table">
              <caption className="visually-hidden">Ledger: properties given, received, balance and status per partner</caption>
              <thead>
                <tr>
                  {header('name', 'Partner')}
                  {header('given', 'Given')}
                  {header('received', 'Received')}
                  <th scope="col" className="num">
                    Adjustments
                  </th>
                  {header('balance', 'Balance')}
                  {header('status', 'Status')}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.partnerId}>
                    <th scope="row">
                      <Link to={`/ledger/${r.partnerId}${asOf ? `?asOf=${asOf}` : ''}`}>{r.name}</Link>
                      {r.partnerStatus !== 'active' && (
                        <span className="badge badge--muted badge--gap">{r.partnerStatus === 'left' ? 'Left' : 'Suspended'}</span>
                      )}
                    </th>
                    <td className="num">{r.given}</td>
                    <td className="num">{r.received}</td>
                    <td className="num">{signed(r.adjustments)}</td>
                    <td className="num">
                      <strong>{signed(r.balance)}</strong>
                    </td>
                    <td>
                      <LedgerStatusBadge status={r.status} />
                      {(r.status === 'near_cap' || r.status === 'at_cap') && (
                        <span className="muted">
                          {' '}
                          {r.unreciprocated} of {data.cap}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">The central pot</th>
                  <td className="num" colSpan={3}>
                    Opening balances, contributions and booked Housing Moves moves
                  </td>
                  <td className="num">{signed(data.pot)}</td>
                  <td>
                    All balances sum to <strong data-testid="ledger-total">{data.total}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </section>
          <p className="muted">
            The cap and whether Housing Moves moves are booked are policy settings: <Link to="/settings">Settings</Link>.
          </p>
        </>
      )}
    </Screen>
  );
}
