import type { IsoDate } from '../../contract/calendar-date';
import type { PropertyFields, PropertyView } from '../../contract/properties';
import type { FieldChange } from '../audit/audit';
import type { CaseTx } from '../cases/case-actions';
import { AppFailure } from '../errors';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { z } from 'zod';
import { getPropertyRow, insertProperty, propertySummary, toPropertyView, updatePropertyRow } from './property-store';
import { moveProperty } from './property-states';

/** Recording and editing a property. The form remembers the last partner, kept in settings (no identity in it). */

const LAST_PARTNER = 'properties.lastPartnerId';

export function lastPartnerId(db: CaseTx['db']): number | null {
  return readSetting(db, LAST_PARTNER, z.number().int().positive().nullable(), null);
}

function requirePartner(tx: CaseTx, partnerId: number): string {
  const p = tx.db.prepare('SELECT name, status FROM partners WHERE id = ?').get<{ name: string; status: string }>([partnerId]);
  if (!p)
    throw new AppFailure('VALIDATION', 'Choose the partner offering the property. Nothing was saved.', {
      fields: { partnerId: 'Choose a partner from the list' },
    });
  if (p.status === 'left') {
    throw new AppFailure('RULE', `${p.name} has left the scheme, so it cannot offer a property. Nothing was saved.`, {
      fields: { partnerId: 'This partner has left the scheme' },
    });
  }
  return p.name;
}

const FIELDS: (keyof PropertyFields)[] = [
  'partnerId',
  'borough',
  'bedrooms',
  'propertyType',
  'floor',
  'hasLift',
  'access',
  'petsAllowed',
  'weeklyRentPence',
  'tenancyType',
  'availableFrom',
  'notes',
];

export function diff(before: PropertyFields | null, after: PropertyFields): FieldChange[] {
  return FIELDS.filter((f) => before === null || before[f] !== after[f]).map((f) => ({ field: f, before: before?.[f] ?? null, after: after[f] }));
}

export function createProperty(tx: CaseTx, p: PropertyFields, today: IsoDate): PropertyView {
  const partner = requirePartner(tx, p.partnerId);
  const id = insertProperty(tx.db, p, today, tx.now.toISOString());
  writeSetting(tx.db, LAST_PARTNER, p.partnerId);
  const view = toPropertyView(getPropertyRow(tx.db, id));
  tx.audit({
    action: 'property.created',
    entityType: 'property',
    entityId: id,
    summary: `Property ${id} recorded: ${view.summary}, from ${partner}`,
    changes: diff(null, p),
  });
  return view;
}

export function updateProperty(tx: CaseTx, id: number, p: PropertyFields): PropertyView {
  const row = getPropertyRow(tx.db, id);
  if (row.status !== 'available') {
    throw new AppFailure('RULE', `Property ${id} is '${row.status}'; only an available property can be edited (its offer relies on it). Nothing was changed.`);
  }
  requirePartner(tx, p.partnerId);
  const before = toPropertyView(row);
  const changes = diff(before, p);
  if (changes.length === 0) return before;
  updatePropertyRow(tx.db, id, p, tx.now.toISOString());
  const after = getPropertyRow(tx.db, id);
  tx.audit({ action: 'property.updated', entityType: 'property', entityId: id, summary: `Property ${id} updated: ${propertySummary(after)}`, changes });
  return toPropertyView(after);
}

export function setPropertyState(tx: CaseTx, id: number, to: 'available' | 'withdrawn', reason: string, today: IsoDate): PropertyView {
  moveProperty(tx, id, to, today, 'coordinator', reason);
  return toPropertyView(getPropertyRow(tx.db, id));
}
