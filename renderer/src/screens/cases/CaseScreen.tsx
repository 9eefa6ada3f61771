import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import type { AvailableTransition, CaseDetail, ChaseTarget } from '../../../../contract/case-views';
import { CASE_STATE_LABELS, CLOSURE_REASON_LABELS } from '../../../../contract/cases';
import { formatUkDate } from '../../../../contract/dates';
import { FormAlert } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';
import { CaseFacts } from './CaseFacts';
import { AddBoroughsDialog, ChaseDialog, NoteForm } from './CaseDialogs';
import { CoverageWarning } from './referral-warnings';
import { NamedLeads } from './NamedLeads';
import { Timeline } from './Timeline';
import { TransitionDialog } from './TransitionDialog';
import { DueBadge, StateBadge } from './labels';
import { CirculationHistory } from '../circulation/CirculationHistory';
import { CirculationPanel } from '../circulation/CirculationPanel';
import { SentNotice } from '../circulation/SentNotice';
import type { SentCirculation } from '../../../../contract/circulation';
import type { AnonymisedStatus } from '../../../../contract/rights';
import { CaseOffersSection } from '../offers/CaseOffersSection';
import { CaseRightsActions } from '../rights/CaseRightsActions';
import './cases.css';

/** What an anonymised or erased case is, in place of its actions: when, why, and that nothing can change it. */
function AnonymisedBanner({ status }: { status: AnonymisedStatus }) {
  return (
    <div className="alert alert--warn" data-anonymised-banner>
      <strong>
        {status.how === 'retention'
          ? `Anonymised on ${formatUkDate(status.at)} under the retention policy.`
          : `Erased on ${formatUkDate(status.at)} on request: ${(status.reason ?? 'no reason recorded').replace(/[.\s]+$/, '')}.`}
      </strong>{' '}
      The applicant’s personal details are gone; the reference, states, dates, offers and ledger entries remain. It can no longer be changed.
    </div>
  );
}

/** Hold, withdraw and close are always shown apart from the next steps of the process. */
const ASIDE = new Set(['on_hold', 'withdrawn', 'closed']);

export function CaseScreen() {
  const id = Number(useParams()['id']);
  const location = useLocation();
  const invalidate = useCases((s) => s.invalidate);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<AvailableTransition | 'boroughs' | { chase: ChaseTarget } | null>(null);
  const [message, setMessage] = useState<string | null>(() => {
    const saved = (location.state as { saved?: string } | null)?.saved;
    return saved === 'created' ? 'Referral recorded.' : saved === 'updated' ? 'Changes saved.' : null;
  });

  useEffect(() => {
    let current = true;
    unwrap(api().cases.get({ id })).then(
      (d) => current && setDetail(d),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [id]);

  // After a dialog's change, the button that opened it may be gone: focus goes to what changed.
  const messageRef = useRef<HTMLDivElement>(null);
  const [focusMessage, setFocusMessage] = useState(0);
  useEffect(() => {
    if (focusMessage > 0) messageRef.current?.focus();
  }, [focusMessage]);

  const changed = (next: CaseDetail, text: string | null) => {
    setDetail(next);
    setDialog(null);
    setMessage(text);
    invalidate();
    if (text !== null) setFocusMessage((n) => n + 1);
  };

  // Sending the request (first or re-circulation) goes through the circulation panel, which makes the pack and
  // records who it went to; the plain state change is not offered for it.
  const sends = (t: AvailableTransition) => t.to === 'circulated' && (detail?.state === 'approved' || detail?.state === 'circulated');
  const [sent, setSent] = useState<SentCirculation | null>(null);
  const [circulations, setCirculations] = useState(0);
  const onSent = (out: SentCirculation) => {
    setSent(out);
    setCirculations((n) => n + 1);
    unwrap(api().cases.get({ id })).then(
      (next) => changed(next, `Case is now '${CASE_STATE_LABELS[next.state]}'.`),
      (err: unknown) => setError(errorMessage(err)),
    );
  };
  const showCirculation = detail !== null && (detail.state === 'approved' || (detail.state === 'circulated' && detail.needsRecirculation));
  const forward = detail?.transitions.filter((t) => !ASIDE.has(t.to) && !sends(t)) ?? [];
  // Least final first: hold, then withdraw, then close.
  const aside = ['on_hold', 'withdrawn', 'closed'].flatMap((to) => detail?.transitions.filter((t) => t.to === to) ?? []);
  const button = (t: AvailableTransition, primary: boolean) => (
    <button
      key={t.to}
      type="button"
      className={`button ${primary && t.blockedBecause === null ? 'button--primary' : ''}`}
      disabled={t.blockedBecause !== null}
      aria-describedby={t.blockedBecause !== null ? `blocked-${t.to}` : undefined}
      onClick={() => setDialog(t)}
    >
      {t.action}
    </button>
  );

  return (
    <Screen
      name="case"
      title={detail ? `Case ${detail.reference}` : 'Case'}
      ready={detail !== null || error !== null}
      actions={
        detail && (
          <>
            {detail.state !== 'closed' && detail.anonymised === null && (
              <Link className="button" to={`/cases/${detail.id}/edit`}>
                Edit details
              </Link>
            )}
            <Link className="button" to={`/audit?reference=${detail.reference}`}>
              Audit log for this case
            </Link>
            {detail.anonymised === null && (
              <CaseRightsActions
                detail={detail}
                onErased={(text) =>
                  unwrap(api().cases.get({ id })).then(
                    (next) => changed(next, text),
                    (err: unknown) => setError(errorMessage(err)),
                  )
                }
              />
            )}
          </>
        )
      }
    >
      <FormAlert message={error} />
      <div role="status">
        {message && (
          <div ref={messageRef} tabIndex={-1} className="alert alert--ok">
            {message}
          </div>
        )}
      </div>
      {detail && (
        <>
          <div className="case-head">
            <StateBadge state={detail.state} />
            <span>
              since {formatUkDate(detail.stateEnteredOn)}
              {detail.state === 'on_hold' && detail.stateBeforeHold && <> (was {CASE_STATE_LABELS[detail.stateBeforeHold]})</>}
              {detail.closureReason && <> · {CLOSURE_REASON_LABELS[detail.closureReason]}</>}
            </span>
            <span className="muted">Received {formatUkDate(detail.dates.receivedOn)}</span>
            <span className="muted">Home landlord: {detail.homeLandlord.name}</span>
            <span className="muted">Current borough: {boroughName(detail.referral.currentHome.borough)}</span>
            <span className="muted">Offers so far: {detail.offersMade}</span>
          </div>
          {detail.anonymised && <AnonymisedBanner status={detail.anonymised} />}
          <CoverageWarning report={detail.coverage} />
          {detail.needsRecirculation && (
            <div className="alert alert--warn">
              The request has changed since it was circulated. Re-circulate it to the partners with stock in the requested boroughs.
            </div>
          )}
          <section className="panel" aria-labelledby="next-heading">
            <h2 id="next-heading">Next steps</h2>
            {detail.deadlines.length > 0 && (
              <ul className="case-deadlines">
                {detail.deadlines.map((d) => (
                  <li key={d.kind}>
                    <DueBadge deadline={d} /> {d.label}, due {formatUkDate(d.dueOn)}
                    {d.rule && <span className="case-deadlines__rule">{d.rule}</span>}
                  </li>
                ))}
              </ul>
            )}
            {detail.anonymised ? (
              <p className="muted">Nothing more can be done on this case: it is kept as a record for the scheme’s counts and the ledger.</p>
            ) : detail.transitions.length === 0 ? (
              <p className="muted">This case is closed. Notes can still be added to its timeline.</p>
            ) : (
              <>
                <div className="button-row">{forward.map((t, i) => button(t, i === 0))}</div>
                {forward
                  .filter((t) => t.blockedBecause !== null)
                  .map((t) => (
                    <p key={t.to} id={`blocked-${t.to}`} className="field__hint">
                      {t.action}: {t.blockedBecause}
                    </p>
                  ))}
                {(detail.chase.landlord || detail.chase.nominatingOfficer) && (
                  <div className="button-row case-chase-actions">
                    {detail.chase.landlord && (
                      <button type="button" className="button" onClick={() => setDialog({ chase: 'landlord' })}>
                        Record a chase of the landlord
                      </button>
                    )}
                    {detail.chase.nominatingOfficer && (
                      <button type="button" className="button" onClick={() => setDialog({ chase: 'nominating_officer' })}>
                        Record a chase of the Nominating Officer
                      </button>
                    )}
                  </div>
                )}
                {aside.length > 0 && <div className="button-row case-aside-actions">{aside.map((t) => button(t, false))}</div>}
              </>
            )}
          </section>
          {sent && <SentNotice sent={sent} />}
          {showCirculation && <CirculationPanel key={`${detail.updatedAt}-${circulations}`} caseId={detail.id} onSent={onSent} />}
          <CirculationHistory caseId={detail.id} version={circulations} />
          <CaseOffersSection
            detail={detail}
            onChanged={(text) => {
              // An offer action moves the case too: reload it, then say what changed.
              void unwrap(api().cases.get({ id })).then((next) => changed(next, text));
            }}
          />
          <div className="case-layout">
            <div>
              <NamedLeads detail={detail} />
              <CaseFacts
                detail={detail}
                onAddBoroughs={
                  detail.anonymised !== null || detail.state === 'closed' || detail.state === 'moved' || detail.state === 'withdrawn'
                    ? null
                    : () => setDialog('boroughs')
                }
              />
            </div>
            <section className="panel" aria-labelledby="timeline-heading">
              <h2 id="timeline-heading">Timeline</h2>
              {/* The form says "Added." beside its button, where focus stays for the next note. */}
              {detail.anonymised === null && <NoteForm detail={detail} onDone={(next) => changed(next, null)} />}
              <Timeline entries={detail.timeline} />
            </section>
          </div>
          {dialog === 'boroughs' && <AddBoroughsDialog detail={detail} onClose={() => setDialog(null)} onDone={(next) => changed(next, 'Boroughs added.')} />}
          {dialog !== null && typeof dialog === 'object' && 'chase' in dialog && (
            <ChaseDialog detail={detail} who={dialog.chase} onClose={() => setDialog(null)} onDone={(next) => changed(next, 'Chase recorded.')} />
          )}
          {dialog !== null && dialog !== 'boroughs' && !('chase' in dialog) && (
            <TransitionDialog
              detail={detail}
              transition={dialog}
              onClose={() => setDialog(null)}
              onDone={(next) => changed(next, `Case is now '${CASE_STATE_LABELS[next.state]}'.`)}
            />
          )}
        </>
      )}
    </Screen>
  );
}
