import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatUkDate, formatUkDateTime, parseUkDate } from '../../../../contract/dates';
import { LEDGER_KIND_LABELS, type Statement, type StatementLine } from '../../../../contract/ledger';
import { DateField, Field } from '../../components/Field';
import { JobProgress, useJobProgress } from '../../components/job-progress';
import { useTask } from '../../components/form';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { ManualEntryDialog, ReverseDialog } from './EntryDialogs';
import { LedgerStatusBadge } from './StatusBadge';
import { signed } from './ledger-words';
import './ledger.css';

const kindLabel = (l: StatementLine) => (l.kind === 'not_booked' ? 'Not booked' : LEDGER_KIND_LABELS[l.kind]);

/** One partner's statement: its lines in date order with a running balance, as of any date, and its exports. */
export function StatementScreen() {
  const partnerId = Number(useParams()['partnerId']);
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const [data, setData] = useState<Statement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asOfText, setAsOfText] = useState(asOf ? formatUkDate(asOf) : '');
  const [asOfError, setAsOfError] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [reversing, setReversing] = useState<StatementLine | null>(null);
  const [password, setPassword] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const exporting = useTask();
  const exportProgress = useJobProgress('ledger.statementExport');
  const [more, setMore] = useState<{ lines: StatementLine[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  // Bumped after an entry is added or reversed, to read the statement again.
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    let live = true;
    unwrap(api().ledger.statement({ partnerId, ...(asOf ? { asOf } : {}) })).then(
      (s) => live && (setData(s), setMore(null), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [partnerId, asOf, version]);

  // Long statements come a page at a time (keyset-paged in main); the running balance is computed there.
  const lines = data ? [...data.lines, ...(more?.lines ?? [])] : [];
  const next = more ? more.next : (data?.next ?? null);
  const showMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const page = await unwrap(api().ledger.statement({ partnerId, after: next, ...(asOf ? { asOf } : {}) }));
      setMore((m) => ({ lines: [...(m?.lines ?? []), ...page.lines], next: page.next }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  const applyAsOf = () => {
    if (asOfText.trim() === '') return (setAsOfError(undefined), setParams({}));
    const iso = parseUkDate(asOfText);
    if (!iso) return setAsOfError('Enter a real date, like 31/03/2026');
    setAsOfError(undefined);
    setParams({ asOf: iso });
  };

  const exportAs = async (format: 'csv' | 'pdf') => {
    setExported(null);
    const res = await exporting.run(() =>
      unwrap(api().ledger.exportStatement({ partnerId, format, password: format === 'pdf' ? password : '', ...(asOf ? { asOf } : {}) })),
    );
    if (res && !res.cancelled) {
      setExported(`Saved ${res.file}: ${res.lines} ${res.lines === 1 ? 'line' : 'lines'}. SHA-256 of the lines: ${res.sha256}`);
    }
  };

  const title = data ? `Statement: ${data.name}` : 'Statement';
  return (
    <Screen
      name="ledger-statement"
      title={title}
      ready={data !== null || error !== null}
      actions={
        !asOf && data ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add an entry…
          </button>
        ) : undefined
      }
    >
      <p>
        <Link to="/ledger">← Ledger</Link> · <Link to={`/partners/${partnerId}`}>Partner page</Link>
      </p>
      {error && (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      )}
      {data && (
        <>
          <section className="panel" aria-labelledby="statement-summary-heading">
            <h2 id="statement-summary-heading">
              {asOf ? `As it stood on ${formatUkDate(data.asOf)}` : 'Today'} <LedgerStatusBadge status={data.status} />
            </h2>
            <dl className="details">
              <dt>Properties given</dt>
              <dd>{data.totals.given}</dd>
              <dt>Properties received</dt>
              <dd>{data.totals.received}</dd>
              <dt>Opening balance and corrections</dt>
              <dd>{signed(data.totals.adjustments)}</dd>
              <dt>Balance</dt>
              <dd>
                <strong data-testid="statement-balance">{signed(data.totals.balance)}</strong>
              </dd>
              <dt>Not yet reciprocated</dt>
              <dd>
                {data.totals.unreciprocated} of the cap of {data.cap}
                {data.capMoves.length > 0 && `: ${data.capMoves.join(', ')}`}
              </dd>
            </dl>
            {data.status === 'at_cap' && (
              <p className="alert alert--error ledger-cap-why">
                At the cap: these moves out are not yet reciprocated, as the lines below show: {data.capMoves.join(', ') || 'from its opening balance'}.
              </p>
            )}
            {data.status === 'near_cap' && <p className="alert alert--warn">Near the cap: one more move out of its stock reaches {data.cap}.</p>}
          </section>

          <form
            className="filters"
            aria-label="Statement date"
            onSubmit={(e) => {
              e.preventDefault();
              applyAsOf();
            }}
          >
            <DateField label="As of" hint="Leave empty for today" value={asOfText} onChange={(e) => setAsOfText(e.target.value)} error={asOfError} />
            <button type="submit" className="button">
              Show
            </button>
          </form>

          <section className="panel" aria-labelledby="statement-lines-heading">
            <h2 id="statement-lines-heading">Lines ({data.lineCount})</h2>
            {data.lineCount === 0 ? (
              <div className="ledger-empty" role="status">
                <p>
                  <strong>{asOf ? `No entries for ${data.name} by ${formatUkDate(data.asOf)}.` : `No entries for ${data.name} yet.`}</strong>
                </p>
                <p className="muted">
                  A line appears here when a reciprocal move completes: −1 when one of {data.name}'s tenants moves to another partner's home (it owes the scheme
                  a property), +1 when it lets a home to another partner's applicant (it is owed one). A move within its own stock or through Housing Moves is
                  listed too, with why it books nothing. Opening balances, contributions and corrections are added with “Add an entry”.
                </p>
              </div>
            ) : (
              <table className="table" data-testid="statement-table">
                <caption className="visually-hidden">Statement lines in date order with a running balance</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Entry</th>
                    <th scope="col">What</th>
                    <th scope="col">Case</th>
                    <th scope="col" className="num">
                      Beds
                    </th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col" className="num">
                      Balance
                    </th>
                    {!asOf && <th scope="col">Action</th>}
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr key={l.key} className={l.reversedBy === null ? undefined : 'ledger-line--reversed'}>
                      <td className="nowrap">{formatUkDate(l.onDate)}</td>
                      <td className="num">{l.entryId ?? '–'}</td>
                      <td>
                        <span className="badge badge--muted">{kindLabel(l)}</span> {l.description}
                        {l.reason && <div className="muted">Reason: {l.reason}</div>}
                        {l.reversedBy !== null && <div className="muted">Reversed by entry {l.reversedBy}</div>}
                      </td>
                      <td className="nowrap">{l.caseId !== null && l.caseReference ? <Link to={`/cases/${l.caseId}`}>{l.caseReference}</Link> : '–'}</td>
                      <td className="num">{l.bedrooms ?? '–'}</td>
                      <td className="num">{signed(l.amount)}</td>
                      <td className="num">
                        <strong>{signed(l.runningBalance)}</strong>
                      </td>
                      {!asOf && (
                        <td>
                          {l.entryId !== null && l.kind !== 'reversal' && l.reversedBy === null && (
                            <button type="button" className="button button--small" onClick={() => setReversing(l)}>
                              Reverse<span className="visually-hidden"> entry {l.entryId}</span>…
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {next !== null && (
              <p className="button-row">
                <span className="muted" role="status">
                  Showing {lines.length} of {data.lineCount} lines.
                </span>
                <button type="button" className="button" disabled={loadingMore} onClick={() => void showMore()}>
                  Show the next lines
                </button>
              </p>
            )}
          </section>

          {data.overrides.length > 0 && (
            <section className="panel" aria-labelledby="statement-overrides-heading">
              <h2 id="statement-overrides-heading">Cap overrides</h2>
              <ul className="divided-list">
                {data.overrides.map((o) => (
                  <li key={`${o.caseId}-${o.at}`}>
                    <Link to={`/cases/${o.caseId}`}>{o.caseReference}</Link>: {o.reason}{' '}
                    <span className="muted">
                      ({o.actor}, {formatUkDateTime(o.at)})
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="panel" aria-labelledby="statement-export-heading">
            <h2 id="statement-export-heading">Send to the partner</h2>
            <p className="muted">The files carry case references and counts only, never a name. Each ends with its totals and the SHA-256 of its lines.</p>
            <Field
              label="Password for the PDF (optional)"
              hint="Encrypts the PDF with AES-256. Send the password separately."
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <div className="button-row">
              <button type="button" className="button button--primary" disabled={exporting.busy} onClick={() => void exportAs('pdf')}>
                Export PDF
              </button>
              <button type="button" className="button" disabled={exporting.busy} onClick={() => void exportAs('csv')}>
                Export CSV
              </button>
            </div>
            {exportProgress && <JobProgress progress={exportProgress} />}
            {exporting.error && (
              <p className="alert alert--error" role="alert">
                {exporting.error}
              </p>
            )}
            {exported && (
              <p className="alert alert--ok ledger-export-done" role="status">
                {exported}
              </p>
            )}
          </section>
        </>
      )}
      {adding && data && (
        <ManualEntryDialog
          partnerId={partnerId}
          partnerName={data.name}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            load();
          }}
        />
      )}
      {reversing && (
        <ReverseDialog
          line={reversing}
          onClose={() => setReversing(null)}
          onDone={() => {
            setReversing(null);
            load();
          }}
        />
      )}
    </Screen>
  );
}
