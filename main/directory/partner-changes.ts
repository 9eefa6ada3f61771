import { boroughName, sortBoroughCodes } from '../../contract/boroughs';
import { formatUkDate } from '../../contract/dates';
import { CONTACT_KIND_LABELS, PARTNER_STATUS_LABELS, PARTNER_TYPE_LABELS, contactKey } from '../../contract/partners';
import type { Contact, PartnerInput } from '../../contract/partners';
import { diffFields } from '../audit/audit';
import type { FieldChange } from '../audit/audit';

// What changed between two versions of a partner: as field changes for the audit log, and in words for the import
// preview. Contacts are compared without their ids, so that "the same contact" means the same details.

type PartnerFields = Omit<PartnerInput, 'contacts' | 'aliases'> & { contacts: readonly Contact[]; aliases?: readonly string[] };

const AUDITED = ['name', 'type', 'status', 'statusChangedOn', 'joinedOn', 'stockBoroughs', 'approvalRouteNotes', 'contacts', 'aliases'] as const;

function contactDetails(c: Contact) {
  return { kind: c.kind, name: c.name, role: c.role, phone: c.phone, email: c.email, secureEmail: c.secureEmail };
}

function normalised(p: PartnerFields) {
  return {
    name: p.name,
    type: p.type,
    status: p.status,
    statusChangedOn: p.statusChangedOn,
    joinedOn: p.joinedOn,
    stockBoroughs: sortBoroughCodes(p.stockBoroughs),
    approvalRouteNotes: p.approvalRouteNotes,
    contacts: [...p.contacts].map(contactDetails).sort((a, b) => contactKey(a).localeCompare(contactKey(b))),
    aliases: [...(p.aliases ?? [])].sort((a, b) => a.localeCompare(b, 'en-GB')),
  };
}

/** Before/after per field for the audit log (which is inside the encrypted store, so contact details may go in). */
export function partnerFieldChanges(before: PartnerFields | null, after: PartnerFields): FieldChange[] {
  const a = normalised(after);
  if (before === null) return AUDITED.map((field) => ({ field, before: null, after: a[field] }));
  return diffFields(normalised(before), a, AUDITED);
}

/** Field names only: audit summaries must not carry contact details. */
export function changedFieldNames(changes: readonly FieldChange[]): string {
  const words: Record<string, string> = {
    name: 'name',
    type: 'type',
    status: 'status',
    statusChangedOn: 'status date',
    joinedOn: 'joined date',
    stockBoroughs: 'stock boroughs',
    approvalRouteNotes: 'approval route notes',
    contacts: 'contacts',
    aliases: 'other names',
  };
  return changes.map((c) => words[c.field] ?? c.field).join(', ');
}

function contactLabel(c: Contact): string {
  return `${CONTACT_KIND_LABELS[c.kind]} ${c.name}`;
}

/** The differences in plain words, for the coordinator checking an import before confirming it. */
export function describePartnerChanges(before: PartnerFields, after: PartnerFields): string[] {
  const out: string[] = [];
  const arrow = (label: string, from: string, to: string) => out.push(`${label}: ${from || '(blank)'} → ${to || '(blank)'}`);
  if (before.name !== after.name) arrow('Name', before.name, after.name);
  if (before.type !== after.type) arrow('Type', PARTNER_TYPE_LABELS[before.type], PARTNER_TYPE_LABELS[after.type]);
  if (before.status !== after.status) arrow('Status', PARTNER_STATUS_LABELS[before.status], PARTNER_STATUS_LABELS[after.status]);
  if (before.statusChangedOn !== after.statusChangedOn) arrow('Status date', formatUkDate(before.statusChangedOn), formatUkDate(after.statusChangedOn));
  if (before.joinedOn !== after.joinedOn) arrow('Joined', formatUkDate(before.joinedOn), formatUkDate(after.joinedOn));
  const had = new Set(before.stockBoroughs);
  const has = new Set(after.stockBoroughs);
  const added = sortBoroughCodes(after.stockBoroughs.filter((c) => !had.has(c))).map(boroughName);
  const removed = sortBoroughCodes(before.stockBoroughs.filter((c) => !has.has(c))).map(boroughName);
  if (added.length > 0) out.push(`Stock boroughs added: ${added.join(', ')}`);
  if (removed.length > 0) out.push(`Stock boroughs removed: ${removed.join(', ')}`);
  if (before.approvalRouteNotes !== after.approvalRouteNotes) out.push('Approval route notes changed');
  const hadNames = new Set(before.aliases ?? []);
  const hasNames = new Set(after.aliases ?? []);
  const namesAdded = [...hasNames].filter((a) => !hadNames.has(a));
  const namesRemoved = [...hadNames].filter((a) => !hasNames.has(a));
  if (namesAdded.length > 0) out.push(`Other names added: ${namesAdded.join(', ')}`);
  if (namesRemoved.length > 0) out.push(`Other names removed: ${namesRemoved.join(', ')}`);

  const oldByKey = new Map(before.contacts.map((c) => [contactKey(c), c]));
  const newByKey = new Map(after.contacts.map((c) => [contactKey(c), c]));
  for (const [key, c] of newByKey) {
    const old = oldByKey.get(key);
    if (old === undefined) out.push(`Contact added: ${contactLabel(c)}`);
    else if (JSON.stringify(contactDetails(old)) !== JSON.stringify(contactDetails(c))) out.push(`Contact details changed: ${contactLabel(c)}`);
  }
  for (const [key, c] of oldByKey) if (!newByKey.has(key)) out.push(`Contact removed: ${contactLabel(c)}`);
  return out;
}
