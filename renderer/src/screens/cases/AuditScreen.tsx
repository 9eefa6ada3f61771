import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AuditEntryView, AuditPage } from '../../../../contract/case-views';
import type { AuditQueryRequest } from '../../../../contract/case-channels';
import { formatUkDateTime, parseUkDate } from '../../../../contract/dates';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { SelectField } from '../partners/fields';
import './cases.css';

/** Plain words for the actions of cases; other features' actions read well enough from their code. */
const ACTION_LABELS: Record<string, string> = {
  'case.created': 'Case created',
  'case.updated': 'Case details changed',
  'case.transition': 'State changed',
  'case.note_added': 'Note added',
  'case.officer_update_added': 'Nominating Officer update added',
  'case.review_added': 'Case review added',
  'case.boroughs_added': 'Boroughs added',
  'settings.case_policy_updated': 'Case policy changed',
};

function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function Entry({ entry }: { entry: AuditEntryView }) {
  return (
    <tr>
      <td className="nowrap">{formatUkDateTime(entry.at)}</td>
      <td>{entry.actor}</td>
      <td>
        {entry.caseReference && entry.caseId !== null ? (
          <Link to={`/cases/${entry.caseId}`} className="mono-link">
            {entry.caseReference}
          </Link>
        ) : (
          <span className="muted">{entry.entityType}</span>
        )}
      </td>
      <td>
        <div>{entry.summary}</div>
        {entry.reason && <div className="muted">Why: {entry.reason}</div>}
        {entry.changes.length > 0 && (
          <details className="changes">
            <summary>
              {entry.changes.length} {entry.changes.length === 1 ? 'field' : 'fields'}
            </summary>
            <table className="table table--compact">
              <caption className="visually-hidden">Fields changed by this entry</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {entry.changes.map((c) => (
                  <tr key={c.field}>
                    <td className="mono">{c.field}</td>
                    <td>{show(c.before)}</td>
                    <td>{show(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </td>
      <td className="small">{actionLabel(entry.action)}</td>
    </tr>
  );
}

/** The whole audit log, newest first, or one case's (from the case page, `?reference=`). */
export function AuditScreen() {
  const [params, setParams] = useSearchParams();
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState<AuditPage | null>(null);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const applied = { reference: params.get('reference') ?? '', action, actor, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const key = JSON.stringify(applied);

  useEffect(() => {
    let current = true;
    const req = JSON.parse(key) as AuditQueryRequest;
    unwrap(api().audit.list({ ...req, limit: 100 })).then(
      (p) => {
        if (!current) return;
        setPage(p);
        setEntries(p.entries);
        setError(null);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const apply = () => {
    const errs: Record<string, string> = {};
    const fromIso = from.trim() === '' ? '' : parseUkDate(from);
    const toIso = to.trim() === '' ? '' : parseUkDate(to);
    if (fromIso === null) errs.from = 'Enter a real date, like 27/03/2026';
    if (toIso === null) errs.to = 'Enter a real date, like 27/03/2026';
    setDateErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries({ reference: reference.trim(), from: fromIso ?? '', to: toIso ?? '' })) {
        if (v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  };

  const setFilter = (name: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === '') next.delete(name);
      else next.set(name, value);
      return next;
    });

  const older = async () => {
    if (!page?.nextBeforeId) return;
    try {
      const p = await unwrap(api().audit.list({ ...applied, beforeId: page.nextBeforeId, limit: 100 }));
      setPage(p);
      setEntries((e) => [...e, ...p.entries]);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Screen name="audit" title={applied.reference ? `Audit log: ${applied.reference.toUpperCase()}` : 'Audit log'} ready={page !== null || error !== null}>
      <p className="field__hint">
        Every change, who made it and when. Entries cannot be changed or removed; each carries the fingerprint of the one before, so any tampering shows when
        the log is verified in Settings.
      </p>
      <form
        className="filters panel"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Field label="Case reference" placeholder="PLHR-2026-0042" value={reference} onChange={(e) => setReference(e.target.value)} />
        <SelectField label="Action" value={action} onChange={(e) => setFilter('action', e.target.value)}>
          <option value="">Any action</option>
          {page?.actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Person" value={actor} onChange={(e) => setFilter('actor', e.target.value)}>
          <option value="">Anyone</option>
          {page?.actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </SelectField>
        <Field label="From (dd/mm/yyyy)" className="input--date" value={from} onChange={(e) => setFrom(e.target.value)} error={dateErrors['from']} />
        <Field label="To (dd/mm/yyyy)" className="input--date" value={to} onChange={(e) => setTo(e.target.value)} error={dateErrors['to']} />
        <div className="filters__checks">
          <button type="submit" className="button">
            Apply filters
          </button>
        </div>
      </form>
      {error && (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      )}
      {page && entries.length === 0 && <p className="muted">No entries match.</p>}
      {entries.length > 0 && (
        <table className="table audit-table">
          <caption className="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Case</th>
              <th scope="col">What</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <Entry key={e.id} entry={e} />
            ))}
          </tbody>
        </table>
      )}
      {page?.nextBeforeId && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void older()}>
            Show older entries
          </button>
        </div>
      )}
    </Screen>
  );
}
