import type { IsoDate } from '../../contract/calendar-date';
import { PROPERTY_STATE_LABELS, type PropertyState } from '../../contract/properties';
import { missingCase } from '../../contract/missing-case';
import type { CaseTx } from '../cases/case-actions';
import { AppFailure } from '../errors';
import { getPropertyRow, propertySummary, writePropertyState } from './property-store';

/*
 * The property's states. 'offered' and 'let' follow its offer (made, ended, moved into); the coordinator sets only
 * 'withdrawn' (the landlord let it elsewhere or took it back) and 'available' again. Every transition is written
 * with its own audit entry, inside the transaction of whatever caused it.
 */

export type PropertyCause = 'coordinator' | 'offer';

export function allowedPropertyTargets(from: PropertyState, cause: PropertyCause): PropertyState[] {
  switch (from) {
    case 'available':
      return cause === 'offer' ? ['offered'] : ['withdrawn'];
    case 'offered':
      return cause === 'offer' ? ['available', 'let', 'withdrawn'] : [];
    case 'withdrawn':
      return cause === 'coordinator' ? ['available'] : [];
    case 'let':
      return [];
    default:
      return missingCase(from);
  }
}

function refusal(from: PropertyState, to: PropertyState, cause: PropertyCause): string {
  if (from === 'let') return 'This property has been let; its state cannot change.';
  if (from === to) return `This property is already '${PROPERTY_STATE_LABELS[to]}'.`;
  if (from === 'offered' && cause === 'coordinator') return "This property is under offer; record the offer's outcome instead.";
  if (to === 'offered') return `Only an available property can be offered; this one is '${PROPERTY_STATE_LABELS[from]}'.`;
  return `A property that is '${PROPERTY_STATE_LABELS[from]}' cannot become '${PROPERTY_STATE_LABELS[to]}'.`;
}

export function moveProperty(tx: CaseTx, id: number, to: PropertyState, on: IsoDate, cause: PropertyCause, why: string): void {
  const row = getPropertyRow(tx.db, id);
  if (!allowedPropertyTargets(row.status, cause).includes(to)) {
    throw new AppFailure('RULE', `${refusal(row.status, to, cause)} Nothing was changed.`);
  }
  writePropertyState(tx.db, id, to, on, tx.now.toISOString());
  tx.audit({
    action: 'property.state_changed',
    entityType: 'property',
    entityId: id,
    summary: `Property ${id} (${propertySummary(row)}, ${row.partner_name}): ${PROPERTY_STATE_LABELS[row.status]} → ${PROPERTY_STATE_LABELS[to]}`,
    changes: [{ field: 'state', before: row.status, after: to }],
    reason: why.trim() === '' ? null : why.trim(),
  });
}
