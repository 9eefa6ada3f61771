import { boroughName, type BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { AccessNeed } from '../../contract/cases';
import {
  floorLabel,
  OFFERED_PROPERTY_TYPE_LABELS,
  type OfferedPropertyType,
  type PropertyFields,
  type PropertyListQuery,
  type PropertyPage,
  type PropertyState,
  type PropertyTenancyType,
  type PropertyView,
} from '../../contract/properties';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import type { PropertyFacts } from './match-rules';

/** Repository for properties: rows in, views out, db first. State rules are in property-states.ts. */

export type PropertyRow = {
  id: number;
  partner_id: number;
  partner_name: string;
  borough_code: BoroughCode;
  bedrooms: number;
  property_type: OfferedPropertyType;
  floor: number;
  has_lift: number;
  access: AccessNeed;
  pets_allowed: number;
  weekly_rent_pence: number;
  tenancy_type: PropertyTenancyType;
  available_from: IsoDate;
  notes: string;
  status: PropertyState;
  status_changed_on: IsoDate;
};

export const PROPERTY_SELECT = `SELECT p.id, p.partner_id, pa.name AS partner_name, p.borough_code, p.bedrooms, p.property_type, p.floor, p.has_lift,
  p.access, p.pets_allowed, p.weekly_rent_pence, p.tenancy_type, p.available_from, p.notes, p.status, p.status_changed_on
  FROM properties p JOIN partners pa ON pa.id = p.partner_id`;

export function propertySummary(r: Pick<PropertyRow, 'bedrooms' | 'property_type' | 'floor' | 'borough_code'>): string {
  const beds = r.bedrooms === 0 ? 'Studio' : `${r.bedrooms}-bed`;
  const type = OFFERED_PROPERTY_TYPE_LABELS[r.property_type].toLowerCase();
  const floor = r.property_type === 'flat' || r.property_type === 'maisonette' ? `, ${floorLabel(r.floor).toLowerCase()}` : '';
  return `${beds} ${type}${floor}, ${boroughName(r.borough_code)}`;
}

export function toPropertyView(r: PropertyRow): PropertyView {
  return {
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    borough: r.borough_code,
    bedrooms: r.bedrooms,
    propertyType: r.property_type,
    floor: r.floor,
    hasLift: r.has_lift === 1,
    access: r.access,
    petsAllowed: r.pets_allowed === 1,
    weeklyRentPence: r.weekly_rent_pence,
    tenancyType: r.tenancy_type,
    availableFrom: r.available_from,
    notes: r.notes,
    state: r.status,
    stateChangedOn: r.status_changed_on,
    summary: propertySummary(r),
  };
}

export function toPropertyFacts(r: PropertyRow): PropertyFacts {
  return {
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    borough: r.borough_code,
    bedrooms: r.bedrooms,
    access: r.access,
    petsAllowed: r.pets_allowed === 1,
    availableFrom: r.available_from,
  };
}

export function findPropertyRow(db: Db, id: number): PropertyRow | undefined {
  return db.prepare(`${PROPERTY_SELECT} WHERE p.id = ?`).get<PropertyRow>([id]);
}

export function getPropertyRow(db: Db, id: number): PropertyRow {
  const row = findPropertyRow(db, id);
  if (!row) throw new AppFailure('NOT_FOUND', 'That property could not be found. It may have been opened from an old link. Nothing was changed.');
  return row;
}

function columns(p: PropertyFields) {
  return {
    partner_id: p.partnerId,
    borough_code: p.borough,
    bedrooms: p.bedrooms,
    property_type: p.propertyType,
    floor: p.floor,
    has_lift: p.hasLift ? 1 : 0,
    access: p.access,
    pets_allowed: p.petsAllowed ? 1 : 0,
    weekly_rent_pence: p.weeklyRentPence,
    tenancy_type: p.tenancyType,
    available_from: p.availableFrom,
    notes: p.notes,
  };
}

export function insertProperty(db: Db, p: PropertyFields, today: IsoDate, at: string): number {
  const cols = { ...columns(p), status: 'available', status_changed_on: today, created_at: at, updated_at: at };
  const names = Object.keys(cols);
  return db.prepare(`INSERT INTO properties (${names.join(', ')}) VALUES (${names.map((n) => `$${n}`).join(', ')})`).run(cols).lastInsertRowid;
}

export function updatePropertyRow(db: Db, id: number, p: PropertyFields, at: string): void {
  const cols = { ...columns(p), updated_at: at };
  db.prepare(
    `UPDATE properties SET ${Object.keys(cols)
      .map((n) => `${n} = $${n}`)
      .join(', ')} WHERE id = $id`,
  ).run({ ...cols, id });
}

export function writePropertyState(db: Db, id: number, state: PropertyState, on: IsoDate, at: string): void {
  db.prepare('UPDATE properties SET status = ?, status_changed_on = ?, updated_at = ? WHERE id = ?').run([state, on, at, id]);
}

export function listProperties(db: Db, q: Required<Pick<PropertyListQuery, 'offset' | 'limit'>> & PropertyListQuery): PropertyPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.partnerId !== undefined) {
    where.push('p.partner_id = ?');
    params.push(q.partnerId);
  }
  if (q.borough !== undefined) {
    where.push('p.borough_code = ?');
    params.push(q.borough);
  }
  if (q.bedrooms !== undefined) {
    where.push('p.bedrooms = ?');
    params.push(q.bedrooms);
  }
  if (q.state !== undefined) {
    where.push('p.status = ?');
    params.push(q.state);
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM properties p${clause}`, { pluck: true }).get(params) as number;
  const rows = db
    .prepare(`${PROPERTY_SELECT}${clause} ORDER BY p.status = 'available' DESC, p.available_from, p.id LIMIT ? OFFSET ?`)
    .all<PropertyRow>([...params, q.limit, q.offset]);
  return { rows: rows.map(toPropertyView), total };
}
