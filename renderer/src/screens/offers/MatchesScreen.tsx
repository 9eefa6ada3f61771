import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import { formatUkDate } from '../../../../contract/dates';
import { MATCH_ORDER_LABELS, MATCH_ORDERS, type LeftOutCase, type MatchOrder, type PropertyMatches } from '../../../../contract/offers';
import { floorLabel, formatRent, OFFERED_PROPERTY_TYPE_LABELS, PROPERTY_ACCESS_LABELS, PROPERTY_TENANCY_LABELS } from '../../../../contract/properties';
import { Dialog } from '../../components/Dialog';
import { choicesOf, DateField, Form, FormAlert, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { EmptyState, Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { api, errorMessage, unwrap } from '../../services/api';
import { makeOfferSchema } from '../../../../contract/offers';
import { PropertyStateBadge } from './OfferBadges';
import { isoOf, todayUk } from './offer-words';
import './offers.css';

/** Cases per page, of candidates and of left-out cases. */
const PAGE = 50;

/** Rules no reason can go past (main refuses them too); shown so the coordinator is not offered a dead end. */
const HARD = new Set(['circulated', 'live_offer', 'borough_unsafe', 'borough_current']);

/** A property, its candidate cases ranked with reasons, the cases left out with theirs, and a one-click offer. */
export function MatchesScreen() {
  const id = Number(useParams()['id']);
  const navigate = useNavigate();
  const location = useLocation();
  const [order, setOrder] = useState<MatchOrder>('waiting');
  const [data, setData] = useState<PropertyMatches | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [override, setOverride] = useState<LeftOutCase | null>(null);
  const offer = useTask();
  const saved = (location.state as { saved?: string } | null)?.saved;

  const load = useCallback(() => {
    // An answer for an order (or property) the coordinator has since left is dropped, so the last choice wins.
    let current = true;
    unwrap(api().offers.matchesForProperty({ propertyId: id, order, limit: PAGE, leftOutLimit: PAGE })).then(
      (next) => current && setData(next),
      (e: unknown) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [id, order]);
  useEffect(load, [load]);
  const more = useTask();
  // "Show more" asks main for the next page from where this one ended, and adds it below: main pages by a keyset.
  const moreCandidates = async () => {
    const next = data?.candidatesNext;
    if (!data || !next) return;
    const page = await more.run(() => unwrap(api().offers.matchesForProperty({ propertyId: id, order, limit: PAGE, candidatesAfter: next, leftOutLimit: 0 })));
    // Added only to the list it continues: a reload or another order meanwhile has replaced that list.
    if (page) setData((now) => (now === data ? { ...now, candidates: [...now.candidates, ...page.candidates], candidatesNext: page.candidatesNext } : now));
  };
  const moreLeftOut = async () => {
    const next = data?.leftOutNext;
    if (!data || next === null || next === undefined) return;
    const page = await more.run(() => unwrap(api().offers.matchesForProperty({ propertyId: id, order, limit: 1, leftOutLimit: PAGE, leftOutAfter: next })));
    if (page) setData((now) => (now === data ? { ...now, leftOut: [...now.leftOut, ...page.leftOut], leftOutNext: page.leftOutNext } : now));
  };

  const offerTo = async (caseId: number) => {
    const made = await offer.run(() => unwrap(api().offers.make({ propertyId: id, caseId, offeredOn: isoOf(todayUk()) })));
    if (made) navigate(`/cases/${caseId}`, { state: { offered: made.id } });
  };

  const p = data?.property;
  return (
    <Screen
      name="matches"
      title={p ? p.summary : 'Property'}
      ready={data !== null || error !== null}
      actions={
        p && (
          <>
            {p.state === 'available' && (
              <Link className="button" to={`/properties/${p.id}/edit`}>
                Edit property
              </Link>
            )}
            <Link className="button" to="/properties">
              All properties
            </Link>
          </>
        )
      }
    >
      <FormAlert message={error ?? offer.error ?? more.error} />
      <div role="status">{saved === 'created' && <div className="alert alert--ok">Property recorded.</div>}</div>
      {p && data && (
        <>
          <section className="panel" aria-labelledby="property-heading">
            <h2 id="property-heading">The property</h2>
            <dl className="details offers-details">
              <dt>State</dt>
              <dd>
                <PropertyStateBadge state={p.state} /> since {formatUkDate(p.stateChangedOn)}
              </dd>
              <dt>Partner</dt>
              <dd>{p.partnerName}</dd>
              <dt>Borough</dt>
              <dd>{boroughName(p.borough)}</dd>
              <dt>Home</dt>
              <dd>
                {p.bedrooms === 0 ? 'Studio' : `${p.bedrooms} bedrooms`}, {OFFERED_PROPERTY_TYPE_LABELS[p.propertyType].toLowerCase()},{' '}
                {floorLabel(p.floor).toLowerCase()}
                {p.hasLift ? ' with a lift' : ', no lift'}
              </dd>
              <dt>Access</dt>
              <dd>{PROPERTY_ACCESS_LABELS[p.access]}</dd>
              <dt>Pets</dt>
              <dd>{p.petsAllowed ? 'Allowed' : 'Not allowed'}</dd>
              <dt>Rent</dt>
              <dd>{formatRent(p.weeklyRentPence)} a week</dd>
              <dt>Tenancy</dt>
              <dd>{PROPERTY_TENANCY_LABELS[p.tenancyType]}</dd>
              <dt>Available from</dt>
              <dd>{formatUkDate(p.availableFrom)}</dd>
              {p.notes && (
                <>
                  <dt>Notes</dt>
                  <dd className="pre-wrap">{p.notes}</dd>
                </>
              )}
            </dl>
            <PropertyStateActions id={p.id} state={p.state} onDone={load} />
          </section>

          <section className="panel" aria-labelledby="candidates-heading">
            <h2 id="candidates-heading">
              Cases it could house ({data.candidates.length.toLocaleString('en-GB')}
              {data.candidatesNext ? ' shown, more to come' : ''})
            </h2>
            <SelectField
              label="Order"
              value={order}
              onChange={(e) => setOrder(e.target.value as MatchOrder)}
              options={choicesOf(MATCH_ORDERS, MATCH_ORDER_LABELS)}
              fieldClassName="offers-order"
            />
            {data.candidates.length === 0 ? (
              <EmptyState title="No circulated case matches this property">The cases left out below say why.</EmptyState>
            ) : (
              <Table
                caption="Matching cases, ranked"
                testId="candidates"
                rows={data.candidates}
                rowKey={(c) => c.caseId}
                columns={[
                  { header: 'Rank', className: 'num', cell: (c) => c.rank },
                  {
                    header: 'Case',
                    cell: (c) => (
                      <Link to={`/cases/${c.caseId}`} className="mono-link">
                        {c.reference}
                      </Link>
                    ),
                  },
                  {
                    header: 'Why',
                    cell: (c) => (
                      <ul className="offers-reasons">
                        {c.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    ),
                  },
                  {
                    header: <span className="visually-hidden">Offer</span>,
                    cell: (c) =>
                      p.state === 'available' ? (
                        <button type="button" className="button button--primary button--small" disabled={offer.busy} onClick={() => void offerTo(c.caseId)}>
                          Offer to {c.reference}
                        </button>
                      ) : null,
                  },
                ]}
              />
            )}
            {data.candidatesNext && (
              <div className="button-row">
                <button type="button" className="button" disabled={more.busy} onClick={() => void moreCandidates()}>
                  Show {PAGE} more matching cases
                </button>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="leftout-heading">
            <h2 id="leftout-heading">Circulated cases left out</h2>
            <p className="muted">
              {data.notRequestingBorough === 1 ? '1 circulated case did' : `${data.notRequestingBorough.toLocaleString('en-GB')} circulated cases did`} not
              request {boroughName(p.borough)}. Of the {data.requestingBorough.toLocaleString('en-GB')} that did, those that break a rule are listed here with
              their reasons, in the order the cases were recorded ({data.leftOut.length.toLocaleString('en-GB')}
              {data.leftOutNext !== null ? ' so far' : ''}).
            </p>
            {data.leftOut.length > 0 && (
              <Table
                caption="Cases that requested this borough but break a rule"
                testId="left-out"
                rows={data.leftOut}
                rowKey={(c) => c.caseId}
                columns={[
                  {
                    header: 'Case',
                    cell: (c) => (
                      <Link to={`/cases/${c.caseId}`} className="mono-link">
                        {c.reference}
                      </Link>
                    ),
                  },
                  {
                    header: 'Why it is left out',
                    cell: (c) => (
                      <ul className="offers-reasons">
                        {c.breaches.map((b) => (
                          <li key={b.rule}>{b.message}</li>
                        ))}
                      </ul>
                    ),
                  },
                  {
                    header: <span className="visually-hidden">Override</span>,
                    cell: (c) =>
                      p.state === 'available' && c.breaches.every((b) => !HARD.has(b.rule)) ? (
                        <button type="button" className="button button--small" onClick={() => setOverride(c)}>
                          Offer anyway…
                        </button>
                      ) : null,
                  },
                ]}
              />
            )}
            {data.leftOutNext !== null && (
              <div className="button-row">
                <button type="button" className="button" disabled={more.busy} onClick={() => void moreLeftOut()}>
                  Show {PAGE} more left-out cases
                </button>
              </div>
            )}
          </section>
          {override && (
            <OverrideDialog propertyId={p.id} leftOut={override} onClose={() => setOverride(null)} onDone={(caseId) => navigate(`/cases/${caseId}`)} />
          )}
        </>
      )}
    </Screen>
  );
}

function PropertyStateActions({ id, state, onDone }: { id: number; state: string; onDone(): void }) {
  const task = useTask();
  if (state !== 'available' && state !== 'withdrawn') return null;
  const to = state === 'available' ? 'withdrawn' : 'available';
  return (
    <div className="button-row">
      <button
        type="button"
        className="button"
        disabled={task.busy}
        onClick={() => void task.run(() => unwrap(api().properties.setState({ id, to }))).then((r) => r && onDone())}
      >
        {to === 'withdrawn' ? 'Withdraw: no longer available' : 'Make available again'}
      </button>
      <FormAlert message={task.error} />
    </div>
  );
}

function OverrideDialog({ propertyId, leftOut, onClose, onDone }: { propertyId: number; leftOut: LeftOutCase; onClose(): void; onDone(caseId: number): void }) {
  const form = useSubmission();
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(todayUk());
  const submit = async () => {
    const made = await form.run(makeOfferSchema, { propertyId, caseId: leftOut.caseId, offeredOn: isoOf(on), overrideReason: reason }, (parsed) =>
      unwrap(api().offers.make(parsed)),
    );
    if (made) onDone(leftOut.caseId);
  };
  return (
    <Dialog title={`Offer to ${leftOut.reference} anyway`} onClose={onClose} closeLabel="Cancel" name="override">
      <Form onSubmit={submit} error={form.error}>
        <p>This offer goes past:</p>
        <ul className="offers-reasons">
          {leftOut.breaches.map((b) => (
            <li key={b.rule}>{b.message}</li>
          ))}
        </ul>
        <TextAreaField
          label="Why this offer is right anyway"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={form.fields['overrideReason']}
          rows={3}
          hint="Kept with the offer, shown on the case and in the audit log."
        />
        <DateField label="Offered on" value={on} onChange={(e) => setOn(e.target.value)} error={form.fields['offeredOn']} />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            Record the offer
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
