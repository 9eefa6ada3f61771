import { CASE_STATE_LABELS, type CaseState } from '../../../../contract/cases';
import type { Deadline } from '../../../../contract/case-views';
import { missingCase } from '../../../../contract/missing-case';

/** Colour is never the only signal: the badge always carries the state's name. */
function stateTone(state: CaseState): string {
  switch (state) {
    case 'moved':
    case 'offer_accepted':
      return 'badge--ok';
    case 'landlord_declined':
    case 'withdrawn':
    case 'closed':
      return 'badge--muted';
    case 'on_hold':
    case 'offer_declined':
      return 'badge--warn';
    case 'referral_received':
    case 'awaiting_landlord_approval':
    case 'approved':
    case 'circulated':
    case 'offer_made':
    case 'viewing':
      return '';
    default:
      return missingCase(state);
  }
}

export function StateBadge({ state }: { state: CaseState }) {
  return <span className={`badge ${stateTone(state)}`}>{CASE_STATE_LABELS[state]}</span>;
}

export function DueBadge({ deadline }: { deadline: Deadline }) {
  const tone = deadline.status === 'overdue' ? 'badge--danger' : deadline.status === 'upcoming' ? '' : 'badge--warn';
  return <span className={`badge ${tone}`}>{deadline.text}</span>;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
