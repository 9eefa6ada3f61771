import type { FieldChange } from '../audit/audit';
import type { Referral } from '../../contract/cases';

/*
 * Field-level before/after for the audit log. A referral is nested; the audit log wants one line per field a
 * coordinator would recognise ("applicant.address.postcode", "nominatingOfficers.1.phone"). Lists of simple
 * values (boroughs, risk categories) are one field each, because their order carries no meaning.
 */

type Flat = Record<string, unknown>;

function flattenInto(out: Flat, prefix: string, value: unknown): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out[prefix] = [...(value as unknown[])].sort();
      return;
    }
    value.forEach((v, i) => flattenInto(out, `${prefix}.${i}`, v));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flattenInto(out, prefix === '' ? key : `${prefix}.${key}`, v);
    return;
  }
  out[prefix] = value;
}

export function flattenReferral(referral: Referral): Flat {
  // Overrides are recorded in their own table and audit reason, and a confirmed "not a duplicate" in the audit
  // reason: neither is a case field.
  const { overrides: _overrides, notDuplicateOf: _notDuplicateOf, ...rest } = referral;
  const out: Flat = {};
  flattenInto(out, '', rest);
  return out;
}

/** Every field that differs, in a stable order; a field missing on one side is null there. */
export function diffReferrals(before: Referral | null, after: Referral): FieldChange[] {
  const a = before === null ? {} : flattenReferral(before);
  const b = flattenReferral(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field: key, before: x, after: y });
  }
  return changes;
}

/** Fields that go out in the anonymised property request: changing one after circulation means re-circulating. */
const CIRCULATED = ['nominatingOfficers', 'household', 'currentHome.bedrooms', 'currentHome.propertyType', 'needs', 'requestedBoroughs', 'risk.categories'];

export function touchesCirculatedFields(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => CIRCULATED.some((prefix) => c.field === prefix || c.field.startsWith(`${prefix}.`)));
}

const SECTION_LABELS: Record<string, string> = {
  receivedOn: 'date received',
  referringAgency: 'referring agency',
  nominatingOfficers: 'Nominating Officers',
  applicant: 'applicant',
  household: 'household',
  risk: 'risk',
  currentHome: 'current home',
  needs: 'needs',
  requestedBoroughs: 'requested boroughs',
  requestedBoroughsReason: 'requested boroughs',
  consent: 'consent',
  housingMoves: 'Housing Moves',
  equality: 'equality monitoring',
};

/** "applicant, household" for a timeline line: sections only, so no personal detail is repeated there. */
export function changedSections(changes: readonly FieldChange[]): string {
  const sections = new Set(changes.map((c) => SECTION_LABELS[c.field.split('.')[0] ?? ''] ?? 'other details'));
  return [...sections].join(', ');
}
