import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { AuditEntryView, AuditPage } from '../../../../contract/case-views';
import type { AuditQueryRequest } from '../../../../contract/case-channels';
import { formatUkDate, formatUkDateTime, parseUkDate } from '../../../../contract/dates';
import { DateField, Field, Form, FormAlert } from '../../components/Field';
import { FilterSelect } from '../../components/FilterSelect';
import { useListParams } from '../../components/list-params';
import { EmptyState, Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';
import { actionLabel, entityLabel, fieldLabel, inFormOrder, valueText } from './audit-words';
import './cases.css';

/**
 * What one entry changed, field by field, in words. The table is made when the coordinator opens it: a page holds 50
 * entries, a new referral's has twenty-odd fields, and most are never opened.
 */
function Changes({ entry, partnerName }: { entry: AuditEntryView; partnerName(id: number): string | undefined }) {
  const [open, setOpen] = useState(false);
  if (entry.changes.length === 0) return null;
  return (
    <details className="audit-changes" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {entry.changes.length} {entry.changes.length === 1 ? 'field' : 'fields'}
      </summary>
      {open && (
        <Table
          caption="Fields changed by this entry"
          className="table--compact audit-changes__table"
          rows={inFormOrder(entry.changes)}
          rowKey={(c) => c.field}
          columns={
            // Something new has no "before": one column of what was recorded.
            entry.changes.every((c) => c.before === null)
              ? [
                  { header: 'Field', cell: (c) => fieldLabel(c.field) },
                  { header: 'Recorded as', cell: (c) => valueText(c.field, c.after, partnerName) },
                ]
              : [
                  { header: 'Field', cell: (c) => fieldLabel(c.field) },
                  { header: 'Before', cell: (c) => valueText(c.field, c.before, partnerName) },
                  { header: 'After', cell: (c) => valueText(c.field, c.after, partnerName) },
                ]
          }
        />
      )}
    </details>
  );
}

/** What an entry is about: its case, its partner, or the part of the app. */
function About({ entry }: { entry: AuditEntryView }) {
  if (entry.caseReference && entry.caseId !== null) {
    return (
      <Link to={`/cases/${entry.caseId}`} className="mono-link">
        {entry.caseReference}
      </Link>
    );
  }
  if (entry.entityType === 'partner' && entry.entityId !== null) return <Link to={`/partners/${entry.entityId}`}>{entityLabel(entry.entityType)}</Link>;
  return <span className="muted">{entityLabel(entry.entityType)}</span>;
}

/** Entries per page: a screenful and more; "Show older entries" reads the next page by keyset. */
const PAGE = 50;

const isoOrEmpty = (iso: string | null) => (iso ? formatUkDate(iso) : '');

/** The whole audit log, newest first, or one case's (from the case page, `?reference=`). */
export function AuditScreen() {
  const [params, update] = useListParams();
  const [reference, setReference] = useState(params.get('reference') ?? '');
  const [from, setFrom] = useState(isoOrEmpty(params.get('from')));
  const [to, setTo] = useState(isoOrEmpty(params.get('to')));
  const [page, setPage] = useState<AuditPage | null>(null);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const { options, loadOptions } = useCases();
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const applied = { reference: params.get('reference') ?? '', action, actor, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const key = JSON.stringify(applied);
  const filtered = Object.values(applied).some((v) => v !== undefined && v !== '');

  useEffect(() => {
    // Partner names, so a change of home landlord reads as names rather than numbers.
    if (!options) void loadOptions().catch(() => undefined);
  }, [options, loadOptions]);
  const partnerName = useCallback((id: number) => options?.partners.find((p) => p.id === id)?.name, [options]);

  useEffect(() => {
    let current = true;
    const req = JSON.parse(key) as AuditQueryRequest;
    unwrap(api().audit.list({ ...req, limit: PAGE })).then(
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
    if (fromIso === null) errs['from'] = 'Enter a real date, like 27/03/2026';
    if (toIso === null) errs['to'] = 'Enter a real date, like 27/03/2026';
    setDateErrors(errs);
    if (Object.keys(errs).length > 0) return;
    update({ reference: reference.trim(), from: fromIso ?? '', to: toIso ?? '' });
  };

  const clear = () => {
    setReference('');
    setFrom('');
    setTo('');
    setDateErrors({});
    update({ reference: undefined, action: undefined, actor: undefined, from: undefined, to: undefined });
  };

  const older = async () => {
    if (!page?.nextBeforeId) return;
    try {
      const p = await unwrap(api().audit.list({ ...applied, beforeId: page.nextBeforeId, limit: PAGE }));
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
      <Form className="filters panel" aria-label="Filter the audit log" onSubmit={apply}>
        <Field label="Case reference" placeholder="PLHR-2026-0042" value={reference} onChange={(e) => setReference(e.target.value)} />
        <FilterSelect
          label="Action"
          param="action"
          value={action}
          update={update}
          placeholder="Any action"
          options={page?.actions.map((a) => ({ value: a, label: actionLabel(a) }))}
        />
        <FilterSelect
          label="Person"
          param="actor"
          value={actor}
          update={update}
          placeholder="Anyone"
          options={page?.actors.map((a) => ({ value: a, label: a }))}
        />
        <DateField label="From (dd/mm/yyyy)" hint={null} value={from} onChange={(e) => setFrom(e.target.value)} error={dateErrors['from']} />
        <DateField label="To (dd/mm/yyyy)" hint={null} value={to} onChange={(e) => setTo(e.target.value)} error={dateErrors['to']} />
        <div className="filters__checks">
          <button type="submit" className="button">
            Apply filters
          </button>
          {filtered && (
            <button type="button" className="link-button" onClick={clear}>
              Clear filters
            </button>
          )}
        </div>
      </Form>
      <FormAlert message={error} />
      {page && entries.length === 0 && (
        <EmptyState title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}>
          <p>{filtered ? 'Try a wider date range, or clear the filters.' : 'Every change anyone makes will be listed here, newest first.'}</p>
        </EmptyState>
      )}
      {entries.length > 0 && (
        <Table
          caption="Audit log entries, newest first"
          className="audit-table"
          rows={entries}
          rowKey={(e) => e.id}
          columns={[
            { header: 'When', className: 'nowrap', cell: (e) => formatUkDateTime(e.at) },
            { header: 'Who', cell: (e) => e.actor },
            { header: 'About', cell: (e) => <About entry={e} /> },
            {
              header: 'What',
              cell: (e) => (
                <>
                  <div>{e.summary}</div>
                  {e.reason && <div className="muted">Why: {e.reason}</div>}
                  <Changes entry={e} partnerName={partnerName} />
                </>
              ),
            },
            { header: 'Action', className: 'small', cell: (e) => actionLabel(e.action) },
          ]}
        />
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
