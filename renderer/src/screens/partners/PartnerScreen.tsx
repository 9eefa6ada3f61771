import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import { formatUkDate, formatUkDateTime, parseUkDate } from '../../../../contract/dates';
import {
  CONTACT_KINDS,
  CONTACT_KIND_LABELS,
  PARTNER_STATUSES,
  PARTNER_STATUS_LABELS,
  PARTNER_TYPE_LABELS,
  partnerStatusChangeSchema,
} from '../../../../contract/partners';
import type { PartnerDetail, PartnerStatus } from '../../../../contract/partners';
import { CASE_STATE_LABELS, type CaseState } from '../../../../contract/cases';
import { choicesOf, DateField, Form, FormAlert, SelectField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { EmptyState, Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { Table } from '../../components/Table';
import { StatusBadge } from './StatusBadge';
import { todayUk } from './today';
import './partners.css';
import { PartnerRequests } from '../circulation/PartnerRequests';
import { PartnerOffersSection } from '../offers/PartnerOffersSection';
import { PartnerCapNotice } from '../ledger/CapNotices';

export function PartnerScreen() {
  const id = Number(useParams()['id']);
  const [detail, setDetail] = useState<PartnerDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Kept here: the status panel starts afresh after a change, but its confirmation must stay on screen.
  const [statusMessage, setStatusMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    unwrap(api().partners.get({ id })).then(
      (d) => {
        setDetail(d);
        setLoadError(null);
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [id]);
  useEffect(load, [load]);

  if (loadError) {
    return (
      <Screen name="partner" title="Partner">
        <FormAlert message={loadError} />
        <Link to="/partners">Back to partners</Link>
      </Screen>
    );
  }
  if (!detail)
    return (
      <Screen name="partner" title="Partner" ready={false}>
        {null}
      </Screen>
    );
  const { partner, history } = detail;

  return (
    <Screen
      name="partner"
      title={partner.name}
      actions={
        <>
          <Link className="button button--primary" to={`/partners/${partner.id}/edit`}>
            Edit partner
          </Link>
          <Link className="button" to="/partners">
            All partners
          </Link>
        </>
      }
    >
      <div className="partner-grid">
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className="details">
            <dt>Type</dt>
            <dd>{PARTNER_TYPE_LABELS[partner.type]}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={partner.status} /> since {formatUkDate(partner.statusChangedOn)}
            </dd>
            <dt>Joined</dt>
            <dd>{formatUkDate(partner.joinedOn)}</dd>
            <dt>Approval route</dt>
            <dd className="pre-wrap">{partner.approvalRouteNotes || <span className="muted">No notes</span>}</dd>
            <dt>Other names</dt>
            <dd>{partner.aliases.length > 0 ? partner.aliases.join(', ') : <span className="muted">None</span>}</dd>
          </dl>
        </section>
        <StatusPanel
          key={`${partner.status}-${partner.statusChangedOn}`}
          id={partner.id}
          status={partner.status}
          message={statusMessage}
          onChanged={(message) => {
            setStatusMessage(message);
            load();
          }}
        />
      </div>

      <PartnerCapNotice partnerId={partner.id} context="partner" />
      <PartnerOffersSection partnerId={partner.id} />
      <PartnerCases partnerId={partner.id} />

      <section className="panel" aria-labelledby="stock-heading">
        <h2 id="stock-heading">Holds stock in {partner.stockBoroughs.length === 1 ? '1 borough' : `${partner.stockBoroughs.length} boroughs`}</h2>
        {partner.stockBoroughs.length === 0 ? (
          <p className="muted">No boroughs recorded. This partner will not receive any circulations.</p>
        ) : (
          <ul className="inline-list">
            {partner.stockBoroughs.map((code) => (
              <li key={code}>{boroughName(code)}</li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Contacts</h2>
        {partner.contacts.length === 0 ? (
          <p className="muted">No contacts recorded.</p>
        ) : (
          <Table
            caption="Contacts, Named Leads first"
            className="partner-contacts"
            rows={CONTACT_KINDS.flatMap((kind) => partner.contacts.filter((c) => c.kind === kind))}
            rowKey={(c) => c.id ?? c.name}
            columns={[
              { header: 'Contact', className: 'nowrap', cell: (c) => CONTACT_KIND_LABELS[c.kind] },
              { header: 'Name', cell: (c) => c.name },
              { header: 'Role', cell: (c) => c.role },
              { header: 'Phone', className: 'nowrap', cell: (c) => c.phone },
              { header: 'Email', cell: (c) => c.email },
              { header: 'Secure email', cell: (c) => c.secureEmail },
            ]}
          />
        )}
      </section>

      <PartnerRequests partnerId={partner.id ?? id} />

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <EmptyState title="No changes recorded">
            <p>Every change to this partner is recorded here.</p>
          </EmptyState>
        ) : (
          <ol className="divided-list partner-history">
            {history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{formatUkDateTime(h.at)}</time>
                {h.summary} <span className="muted">by {h.actor}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Screen>
  );
}

const NEXT_STATUS_WORDS: Record<PartnerStatus | '', string> = { '': 'Change status', active: 'Reactivate', suspended: 'Suspend', left: 'Record as left' };

function StatusPanel({ id, status, message, onChanged }: { id: number; status: PartnerStatus; message: string | null; onChanged(message: string): void }) {
  // Nothing chosen and no date: suspending a partner is a deliberate act, never a default waiting to be submitted.
  const [next, setNext] = useState<PartnerStatus | ''>('');
  const [date, setDate] = useState('');
  const form = useSubmission();
  // The panel starts afresh after a change (the button pressed is gone): focus goes to what it says happened.
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
    // Only when the panel appears: a message already shown is not news.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const submit = async () => {
    const statusChangedOn = date.trim() === '' ? '' : (parseUkDate(date) ?? `invalid:${date}`);
    const saved = await form.run(partnerStatusChangeSchema, { id, status: next === '' ? undefined : next, statusChangedOn }, (req) =>
      unwrap(api().partners.setStatus(req)),
    );
    if (saved) onChanged(`Status changed to ${PARTNER_STATUS_LABELS[saved.status]}.`);
  };
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Change status</h2>
      <Form onSubmit={submit} error={form.error}>
        <div className="partner-status-form">
          <SelectField
            label="New status"
            value={next}
            onChange={(e) => setNext(e.target.value as PartnerStatus | '')}
            error={form.fields['status']}
            placeholder="Choose…"
            options={choicesOf(
              PARTNER_STATUSES.filter((s) => s !== status),
              PARTNER_STATUS_LABELS,
            )}
          />
          <DateField
            label="From (dd/mm/yyyy)"
            hint={`The day it took effect, like ${todayUk()}`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={form.fields['statusChangedOn']}
          />
          <button type="submit" className="button" disabled={form.busy}>
            {NEXT_STATUS_WORDS[next]}
          </button>
        </div>
        <p ref={messageRef} tabIndex={-1} role="status" className="saved status-line">
          {message}
        </p>
      </Form>
    </section>
  );
}

/** "Cases from this landlord", by state: what depends on this partner before its status changes. */
function PartnerCases({ partnerId }: { partnerId: number }) {
  const [counts, setCounts] = useState<{ state: CaseState; count: number }[] | null>(null);
  useEffect(() => {
    let current = true;
    unwrap(api().cases.countByLandlord({ partnerId })).then(
      (c) => current && setCounts(c),
      () => current && setCounts([]),
    );
    return () => {
      current = false;
    };
  }, [partnerId]);
  const total = counts?.reduce((sum, c) => sum + c.count, 0) ?? 0;
  return (
    <section className="panel" aria-labelledby="partner-cases-heading">
      <h2 id="partner-cases-heading">Cases from this landlord</h2>
      {counts === null ? null : total === 0 ? (
        <p className="muted">No cases have this partner as the home landlord.</p>
      ) : (
        <>
          <Table
            caption="Cases from this landlord, by state"
            rowKey={(c) => c.state}
            rows={counts}
            columns={[
              {
                header: 'State',
                cell: (c) => (
                  <Link to={`/cases?landlord=${partnerId}&state=${c.state}${c.state === 'closed' ? '&closed=1' : ''}`}>{CASE_STATE_LABELS[c.state]}</Link>
                ),
              },
              { header: 'Cases', cell: (c) => c.count.toLocaleString('en-GB'), className: 'num' },
            ]}
          />
          <p>
            <Link to={`/cases?landlord=${partnerId}&closed=1`}>All {total.toLocaleString('en-GB')} cases from this landlord</Link>
          </p>
        </>
      )}
    </section>
  );
}
