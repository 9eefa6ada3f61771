import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatUkDate } from '../../../../contract/dates';
import { ENDED_AFTER_ACCEPTANCE_DAYS, OFFER_OUTCOME_LABELS, type OffersBoard } from '../../../../contract/offers';
import { FormAlert } from '../../components/Field';
import { EmptyState, Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { days } from './offer-words';
import './offers.css';

/** Every open offer by stage, with its age in days; the ones left too long say so in words. */
export function OffersBoardScreen() {
  const [board, setBoard] = useState<OffersBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(api().offers.board({})).then(setBoard, (e: unknown) => setError(errorMessage(e)));
  }, []);
  const total = board?.stages.reduce((n, s) => n + s.offers.length, 0) ?? 0;
  return (
    <Screen
      name="offers"
      title="Offers"
      ready={board !== null || error !== null}
      actions={
        <Link className="button" to="/properties">
          Properties
        </Link>
      }
    >
      <FormAlert message={error} />
      {board && total === 0 && (
        <EmptyState title="No open offers">
          Offers are made from a property&apos;s matches. <Link to="/properties">See the properties</Link>.
        </EmptyState>
      )}
      {board && total > 0 && (
        <div className="offers-board">
          {board.stages.map((s) => (
            <section key={s.stage} className="panel offers-board__stage" aria-labelledby={`stage-${s.stage}`} data-stage={s.stage}>
              <h2 id={`stage-${s.stage}`}>
                {s.label} <span className="home-count">{s.offers.length}</span>
              </h2>
              {s.offers.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="offers-board__list">
                  {s.offers.map((o) => {
                    const stale = o.ageInStageDays > board.staleAfterDays;
                    return (
                      <li key={o.id} className={stale ? 'offers-board__card offers-board__card--stale' : 'offers-board__card'}>
                        <Link to={`/cases/${o.caseId}`} className="mono-link">
                          {o.reference}
                        </Link>
                        <div>{o.property?.summary ?? 'Property not recorded (before properties were tracked)'}</div>
                        <div className="muted small">{o.partnerName ?? 'Landlord not recorded'}</div>
                        <div className="small">
                          {days(o.ageInStageDays)} in this stage
                          {stale && <strong> · needs chasing (over {days(board.staleAfterDays)})</strong>}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
      {board && board.endedAfterAcceptance.length > 0 && (
        <section className="panel" aria-labelledby="ended-heading" data-testid="ended-after-acceptance">
          <h2 id="ended-heading">Accepted, then ended before the move (last {ENDED_AFTER_ACCEPTANCE_DAYS} days)</h2>
          <ul className="divided-list">
            {board.endedAfterAcceptance.map((o) => (
              <li key={o.id}>
                <Link to={`/cases/${o.caseId}`} className="mono-link">
                  {o.reference}
                </Link>{' '}
                {o.property?.summary ?? 'Property not recorded'}
                {o.partnerName && <> from {o.partnerName}</>}
                <div className="small">
                  {o.outcome === 'declined' ? 'The applicant pulled out' : o.outcome ? OFFER_OUTCOME_LABELS[o.outcome] : ''} on{' '}
                  {formatUkDate(o.decidedOn ?? o.offeredOn)} after the applicant accepted on {formatUkDate(o.acceptedOn ?? o.offeredOn)}
                  {o.outcomeText && <>: {o.outcomeText}</>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Screen>
  );
}
