import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { BOROUGHS_ALPHABETICAL, boroughName } from '../../../../contract/boroughs';
import type { CaseDetail } from '../../../../contract/case-views';
import { formatUkDate } from '../../../../contract/dates';
import {
  completeLegacyMoveSchema,
  completeLegacyOfferSchema,
  DECLINE_REASON_LABELS,
  MATCH_RULE_LABELS,
  MOVE_ROUTE_LABELS,
  OFFER_STAGE_LABELS,
  type CaseMatches,
  type CaseOffers,
  type MatchRule,
  type MoveView,
  type OfferView,
} from '../../../../contract/offers';
import { DateField, Field, Form, FormAlert, SelectField } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';
import { OfferActionDialog, type OfferAction } from './OfferActionDialog';
import { OutcomeBadge } from './OfferBadges';
import { days, isoOf, todayUk } from './offer-words';
import './offers.css';

/** Left-out properties per page: the store can hold thousands of available ones; main sends them a page at a time. */
const LEFT_OUT_PAGE = 20;

const OPEN_CASE = new Set(['referral_received', 'awaiting_landlord_approval', 'approved', 'landlord_declined', 'circulated', 'offer_declined', 'on_hold']);

/** The case page's offers: matching properties, the offer timeline with its next steps, the move, and missing facts. */
export function CaseOffersSection({ detail, onChanged }: { detail: CaseDetail; onChanged(message: string): void }) {
  const [offers, setOffers] = useState<CaseOffers | null>(null);
  const [matches, setMatches] = useState<CaseMatches | null>(null);
  const [partners, setPartners] = useState<{ id: number; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ action: OfferAction; offer: OfferView | null } | null>(null);
  const offerTask = useTask();

  const load = useCallback(() => {
    Promise.all([
      unwrap(api().offers.forCase({ caseId: detail.id })),
      unwrap(api().offers.matchesForCase({ caseId: detail.id, leftOutLimit: LEFT_OUT_PAGE })),
    ]).then(
      ([o, m]) => {
        setOffers(o);
        setMatches(m);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [detail.id]);
  // The case's own state moves with every offer action, so the section reloads whenever the case does.
  useEffect(load, [load, detail.updatedAt]);
  useEffect(() => {
    unwrap(api().properties.formOptions({})).then(
      (o) => setPartners(o.partners),
      () => setPartners([]),
    );
  }, []);

  const household = {
    adults: 1 + detail.referral.household.filter((m) => m.kind === 'adult').length,
    children: detail.referral.household.filter((m) => m.kind === 'child').length,
  };
  const live = offers?.offers.find((o) => o.stage !== null) ?? null;

  const more = useTask();
  const moreLeftOut = async () => {
    const next = matches?.leftOutNext;
    if (!matches || !next) return;
    const page = await more.run(() => unwrap(api().offers.matchesForCase({ caseId: detail.id, leftOutLimit: LEFT_OUT_PAGE, leftOutAfter: next })));
    // Added only to the list it continues: after an offer or a reload that list has been replaced.
    if (page) setMatches((now) => (now === matches ? { ...now, leftOut: [...now.leftOut, ...page.leftOut], leftOutNext: page.leftOutNext } : now));
  };

  const offer = async (propertyId: number) => {
    const made = await offerTask.run(() => unwrap(api().offers.make({ propertyId, caseId: detail.id, offeredOn: isoOf(todayUk()) })));
    if (made) onChanged('Offer recorded.');
  };

  return (
    <section className="panel" aria-labelledby="offers-heading" data-testid="case-offers">
      <h2 id="offers-heading">Offers and move</h2>
      <FormAlert message={error ?? offerTask.error ?? more.error} />
      {offers && (
        <p className="muted">
          Offers counted against the cap: {offers.countedOffers} of {offers.offerCap}. Declines and accepted offers count; a landlord&apos;s withdrawal, or an
          offer that fell through for another reason, does not.
        </p>
      )}
      {offers?.move && <MovePanel move={offers.move} partners={partners} onDone={onChanged} />}
      {offers && offers.offers.length > 0 && (
        <>
          <h3>Offer timeline</h3>
          <ol className="offers-timeline">
            {offers.offers.map((o) => (
              <OfferItem key={o.id} offer={o} partners={partners} onAction={(action) => setDialog({ action, offer: o })} onDone={onChanged} />
            ))}
          </ol>
        </>
      )}
      {offers && !offers.move && live === null && OPEN_CASE.has(detail.state) && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setDialog({ action: 'housing', offer: null })}>
            Record a Housing Moves move
          </button>
        </div>
      )}
      {matches && detail.state !== 'closed' && !offers?.move && (
        <>
          <h3>Matching properties</h3>
          {matches.caseBreaches.length > 0 && <p className="muted">No offer can be made now: {matches.caseBreaches.map((b) => b.message).join('; ')}.</p>}
          {matches.candidates.length === 0 ? (
            <p className="muted">
              No available property fits this case. <Link to="/properties/new">Record a property</Link>
            </p>
          ) : (
            <ul className="divided-list" data-testid="case-matches">
              {matches.candidates.map((c) => (
                <li key={c.property.id}>
                  <Link to={`/properties/${c.property.id}`}>{c.property.summary}</Link> from {c.property.partnerName}
                  <div className="muted small">{c.reasons.join(' · ')}</div>
                  {matches.caseBreaches.length === 0 && (
                    <button type="button" className="button button--small" disabled={offerTask.busy} onClick={() => void offer(c.property.id)}>
                      Offer this property
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {matches.leftOutTotal > 0 && (
            <>
              <h4 id="case-left-out-heading">Available properties left out ({matches.leftOutTotal.toLocaleString('en-GB')})</h4>
              <p className="muted small">
                Each with every rule it breaks for this case: those in a requested borough first, then the rest
                {matches.leftOutNext ? `; the first ${matches.leftOut.length.toLocaleString('en-GB')} are shown` : ''}.
              </p>
              <ul className="divided-list" data-testid="case-left-out" aria-labelledby="case-left-out-heading">
                {matches.leftOut.map((l) => (
                  <li key={l.property.id}>
                    <Link to={`/properties/${l.property.id}`}>{l.property.summary}</Link> from {l.property.partnerName}
                    <ul className="offers-reasons small">
                      {l.breaches.map((b) => (
                        <li key={b.rule}>{b.message}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              {matches.leftOutNext && (
                <div className="button-row">
                  <button type="button" className="button button--small" disabled={more.busy} onClick={() => void moreLeftOut()}>
                    Show {LEFT_OUT_PAGE} more left-out properties
                  </button>
                </div>
              )}
            </>
          )}
        </>
      )}
      {dialog && (
        <OfferActionDialog
          action={dialog.action}
          caseId={detail.id}
          offer={dialog.offer}
          household={household}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            onChanged(message);
          }}
        />
      )}
    </section>
  );
}

function OfferItem({
  offer: o,
  partners,
  onAction,
  onDone,
}: {
  offer: OfferView;
  partners: { id: number; name: string }[];
  onAction(a: OfferAction): void;
  onDone(message: string): void;
}) {
  const open = o.outcome === null;
  const acceptedNotMoved = o.stage === 'accepted' || o.stage === 'awaiting_move';
  return (
    <li className="offers-timeline__item" data-offer={o.id}>
      <div>
        <OutcomeBadge outcome={o.outcome} /> {o.property?.summary ?? 'Property not recorded'}
        {o.partnerName && <> from {o.partnerName}</>}
      </div>
      <div className="small">
        Offered {formatUkDate(o.offeredOn)}
        {o.viewingOn && <> · viewing {formatUkDate(o.viewingOn)}</>}
        {o.acceptedOn && o.outcome !== 'accepted' ? (
          <>
            {' '}
            · accepted {formatUkDate(o.acceptedOn)}, then ended before the move on {formatUkDate(o.decidedOn ?? o.acceptedOn)}
          </>
        ) : (
          o.decidedOn && <> · decided {formatUkDate(o.decidedOn)}</>
        )}
        {o.stage && (
          <>
            {' '}
            · {OFFER_STAGE_LABELS[o.stage]} for {days(o.ageInStageDays)}
          </>
        )}
        {o.plannedStartOn && <> · planned start {formatUkDate(o.plannedStartOn)}</>}
      </div>
      {o.declineReason && (
        <div className="small">
          Reason: {DECLINE_REASON_LABELS[o.declineReason]}
          {o.outcomeText && <>: {o.outcomeText}</>}
        </div>
      )}
      {!o.declineReason && o.outcomeText && <div className="small">{o.outcomeText}</div>}
      {o.override && (
        <div className="alert alert--warn small">
          Matching rules overridden ({o.override.rules.map((r) => MATCH_RULE_LABELS[r as MatchRule] ?? r).join(', ')}): {o.override.reason}
        </div>
      )}
      {o.legacy && <div className="small muted">Recorded before properties were tracked.</div>}
      {o.missing.includes('which landlord made the offer') && <LegacyOfferForm offerId={o.id} partners={partners} onDone={onDone} />}
      {(open || acceptedNotMoved) && (
        <div className="button-row">
          {open && (
            <>
              <button type="button" className="button button--small" onClick={() => onAction('viewing')}>
                {o.viewingOn ? 'Change the viewing' : 'Book a viewing'}
              </button>
              <button type="button" className="button button--small" onClick={() => onAction('accept')}>
                Accepted
              </button>
              <button type="button" className="button button--small" onClick={() => onAction('decline')}>
                Declined by the applicant
              </button>
            </>
          )}
          {acceptedNotMoved && o.propertyId !== null && (
            <button type="button" className="button button--primary button--small" onClick={() => onAction('move')}>
              Move completed
            </button>
          )}
          {acceptedNotMoved && (
            <button type="button" className="button button--small" onClick={() => onAction('decline')}>
              Applicant pulled out
            </button>
          )}
          <button type="button" className="button button--small" onClick={() => onAction('withdraw')}>
            Withdrawn by the landlord
          </button>
          <button type="button" className="button button--small" onClick={() => onAction('fell')}>
            Fell through
          </button>
        </div>
      )}
    </li>
  );
}

function LegacyOfferForm({ offerId, partners, onDone }: { offerId: number; partners: { id: number; name: string }[]; onDone(m: string): void }) {
  const form = useSubmission();
  const [partnerId, setPartnerId] = useState('');
  const submit = async () => {
    const done = await form.run(completeLegacyOfferSchema, { offerId, partnerId: partnerId ? Number(partnerId) : Number.NaN }, (p) =>
      unwrap(api().offers.completeLegacyOffer(p)),
    );
    if (done) onDone('Landlord of the earlier offer recorded.');
  };
  return (
    <Form onSubmit={submit} error={form.error} className="offers-legacy">
      <SelectField
        label="Which landlord made this offer?"
        value={partnerId}
        onChange={(e) => setPartnerId(e.target.value)}
        error={form.fields['partnerId']}
        placeholder="Choose a partner"
        options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
        hint="Needed so that a decline stops further offers from the same landlord."
      />
      <button type="submit" className="button button--small" disabled={form.busy}>
        Save the landlord
      </button>
    </Form>
  );
}

function MovePanel({ move, partners, onDone }: { move: MoveView; partners: { id: number; name: string }[]; onDone(m: string): void }) {
  const form = useSubmission();
  const [partnerId, setPartnerId] = useState('');
  const [borough, setBorough] = useState('');
  const [start, setStart] = useState('');
  const [adults, setAdults] = useState('');
  const [children, setChildren] = useState('');
  const submit = async () => {
    const values = {
      moveId: move.id,
      receivingPartnerId: partnerId ? Number(partnerId) : Number.NaN,
      receivingBorough: borough,
      tenancyStartOn: isoOf(start),
      adults: adults.trim() ? Number(adults) : Number.NaN,
      children: children.trim() ? Number(children) : Number.NaN,
    };
    if (await form.run(completeLegacyMoveSchema, values, (p) => unwrap(api().offers.completeLegacyMove(p)))) onDone('Move details recorded.');
  };
  return (
    <div className="offers-move" data-testid="case-move">
      <h3>Move</h3>
      <dl className="details">
        <dt>Route</dt>
        <dd>{MOVE_ROUTE_LABELS[move.route]}</dd>
        {move.receivingPartnerName && (
          <>
            <dt>Receiving landlord</dt>
            <dd>{move.receivingPartnerName}</dd>
          </>
        )}
        <dt>Borough moved to</dt>
        <dd>{move.receivingBorough ? boroughName(move.receivingBorough) : 'Not recorded'}</dd>
        <dt>Tenancy start</dt>
        <dd>{move.tenancyStartOn ? formatUkDate(move.tenancyStartOn) : 'Not recorded'}</dd>
        <dt>People moved</dt>
        <dd>
          {move.adults === null
            ? 'Not recorded'
            : `${move.adults} ${move.adults === 1 ? 'adult' : 'adults'}, ${move.children ?? 0} ${move.children === 1 ? 'child' : 'children'}`}
        </dd>
      </dl>
      {move.missing.length > 0 && (
        <Form onSubmit={submit} error={form.error} className="offers-legacy">
          <p className="alert alert--warn">This move was recorded before properties were tracked. It is missing {move.missing.join(', ')}.</p>
          <div className="form-grid">
            <SelectField
              label="Receiving landlord"
              value={partnerId}
              onChange={(e) => setPartnerId(e.target.value)}
              error={form.fields['receivingPartnerId']}
              placeholder="Choose a partner"
              options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
            />
            <SelectField
              label="Borough moved to"
              value={borough}
              onChange={(e) => setBorough(e.target.value)}
              error={form.fields['receivingBorough']}
              placeholder="Choose a borough"
              options={BOROUGHS_ALPHABETICAL.map((b) => ({ value: b.code, label: b.name }))}
            />
            <DateField label="Tenancy start date" value={start} onChange={(e) => setStart(e.target.value)} error={form.fields['tenancyStartOn']} />
            <Field label="Adults who moved" inputMode="numeric" value={adults} onChange={(e) => setAdults(e.target.value)} error={form.fields['adults']} />
            <Field
              label="Children who moved"
              inputMode="numeric"
              value={children}
              onChange={(e) => setChildren(e.target.value)}
              error={form.fields['children']}
            />
          </div>
          <button type="submit" className="button" disabled={form.busy}>
            Save the move details
          </button>
        </Form>
      )}
    </div>
  );
}
