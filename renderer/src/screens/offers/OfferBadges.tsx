import { missingCase } from '../../../../contract/missing-case';
import { OFFER_OUTCOME_LABELS, type OfferOutcome } from '../../../../contract/offers';
import { PROPERTY_STATE_LABELS, type PropertyState } from '../../../../contract/properties';

/** Badges carry their words: colour only repeats them. */
export function PropertyStateBadge({ state }: { state: PropertyState }) {
  const tone = (() => {
    switch (state) {
      case 'available':
        return 'badge--ok';
      case 'offered':
        return 'badge--warn';
      case 'let':
      case 'withdrawn':
        return 'badge--muted';
      default:
        return missingCase(state);
    }
  })();
  return <span className={`badge ${tone}`}>{PROPERTY_STATE_LABELS[state]}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: OfferOutcome | null }) {
  const tone = outcome === null ? 'badge--warn' : outcome === 'accepted' ? 'badge--ok' : outcome === 'declined' ? 'badge--danger' : 'badge--muted';
  return <span className={`badge ${tone}`}>{outcome === null ? 'Open' : OFFER_OUTCOME_LABELS[outcome]}</span>;
}
