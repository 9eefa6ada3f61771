import { boroughName, isBoroughCode } from '../../../../contract/boroughs';
import { NOTE_KIND_LABELS } from '../../../../contract/case-channels';
import {
  ACCESS_NEED_LABELS,
  CASE_STATE_LABELS,
  CONSENT_SCOPE_LABELS,
  EQUALITY_LABELS,
  HOUSING_MOVES_LABELS,
  PROPERTY_TYPE_LABELS,
  REFERRING_AGENCY_KIND_LABELS,
  RISK_CATEGORY_LABELS,
  SEX_OR_GENDER_LABELS,
  TENANCY_TYPE_LABELS,
} from '../../../../contract/cases';
import { formatUkDate, formatUkDateTime } from '../../../../contract/dates';
import { CONTACT_KIND_LABELS, PARTNER_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../../contract/partners';

/*
 * The audit log in a coordinator's words: what each action, field and stored value means. Entries keep the
 * machine's names (`applicant.phone`, `secure`, `E09000019`); this is where they become "Applicant phone",
 * "Secure" and "Hackney".
 */

const ACTION_LABELS: Record<string, string> = {
  'case.created': 'Case created',
  'case.updated': 'Case details changed',
  'case.transition': 'State changed',
  'case.note_added': 'Note added',
  'case.officer_update_added': 'Nominating Officer update added',
  'case.review_added': 'Case review added',
  'case.boroughs_added': 'Boroughs added',
  'partner.created': 'Partner added',
  'partner.updated': 'Partner changed',
  'partner.status_changed': 'Partner status changed',
  'directory.imported': 'Partners imported',
  'directory.exported': 'Partners exported',
  'settings.updated': 'Settings changed',
  'settings.case_policy_updated': 'Case policy changed',
  'vault.created': 'Encrypted database created',
  'vault.passphrase_changed': 'Passphrase changed',
  'vault.passphrase_reset': 'Passphrase reset with the recovery key',
  'vault.recovery_key_replaced': 'Recovery key replaced',
};

/** "Case created"; an action this list does not know yet reads as its words ("Offer made" from `offer.made`). */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? sentence(action.replace(/[._]/g, ' '));
}

const ENTITY_LABELS: Record<string, string> = {
  case: 'Case',
  partner: 'Partner',
  directory: 'Partners',
  settings: 'Settings',
  vault: 'Security',
};

/** What an entry is about, when it is not one case: "Partner", "Settings". */
export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? sentence(entityType.replace(/[._]/g, ' '));
}

const FIELD_LABELS: Record<string, string> = {
  // The referral
  receivedOn: 'Date received',
  'referringAgency.name': 'Referring agency',
  'referringAgency.kind': 'Type of agency',
  'applicant.fullName': 'Applicant name',
  'applicant.dateOfBirth': 'Applicant date of birth',
  'applicant.phone': 'Applicant phone',
  'applicant.email': 'Applicant email',
  'applicant.safeContactNotes': 'Safe ways to get in touch',
  'applicant.address.line1': 'Address line 1',
  'applicant.address.line2': 'Address line 2',
  'applicant.address.town': 'Town',
  'applicant.address.postcode': 'Postcode',
  'risk.categories': 'Risk categories',
  'risk.summary': 'Summary of the risk',
  'risk.unsafeBoroughs': 'Unsafe boroughs',
  'risk.maracReference': 'MARAC or risk reference',
  'currentHome.homeLandlordPartnerId': 'Home landlord',
  'currentHome.borough': 'Current borough',
  'currentHome.bedrooms': 'Bedrooms',
  'currentHome.propertyType': 'Type of property',
  'currentHome.floor': 'Floor',
  'currentHome.tenancyType': 'Type of tenancy',
  'currentHome.overcrowded': 'Overcrowded',
  'currentHome.inTemporaryAccommodation': 'In temporary accommodation',
  'needs.access': 'Access needs',
  'needs.medicalNeeds': 'Medical needs',
  'needs.hasPets': 'Has pets',
  'needs.wouldConsiderRehoming': 'Would consider rehoming a pet',
  requestedBoroughs: 'Requested boroughs',
  requestedBoroughsReason: 'Why fewer boroughs than the minimum',
  'consent.given': 'Consent given',
  'consent.date': 'Date consent was given',
  'consent.covers': 'What the consent covers',
  'consent.notes': 'Notes on consent',
  housingMoves: 'Registered with Housing Moves',
  'equality.optedIn': 'Answered equality monitoring',
  'equality.ageBand': 'Age band',
  'equality.gender': 'Gender',
  'equality.ethnicity': 'Ethnic group',
  'equality.sexualOrientation': 'Sexual orientation',
  'equality.transStatus': 'Gender identity different from sex registered at birth',
  'equality.disability': 'Considers themselves disabled',
  'equality.careLeaver': 'Care leaver',
  'equality.criminalJusticeContact': 'Contact with the criminal justice system',
  // The case's progress
  state: 'State',
  ...NOTE_KIND_LABELS,
  // Partners
  name: 'Name',
  type: 'Type',
  status: 'Status',
  statusChangedOn: 'Status since',
  joinedOn: 'Joined the scheme',
  stockBoroughs: 'Holds stock in',
  approvalRouteNotes: 'Approval route notes',
  contacts: 'Contacts',
  // Settings and case policy
  coordinatorName: 'Coordinator name',
  autoLockMinutes: 'Lock after (minutes without activity)',
  circulateWithinDays: 'Circulate within (days of approval)',
  chaseApprovalAfterWorkingDays: "Chase the landlord's approval after (working days)",
  reviewNoOfferAfterDays: 'Review a case with no offer after (days)',
  dueSoonDays: 'Show as due soon (days ahead)',
  minRequestedBoroughs: 'Minimum requested boroughs',
  offerCap: 'Offers allowed per case',
  bankHolidays: 'Bank holidays',
};

/** The form's order, so a new case's fields read top to bottom as the referral form asks for them. */
const FIELD_ORDER = Object.keys(FIELD_LABELS).flatMap((key) =>
  key === 'referringAgency.kind' ? [key, 'nominatingOfficers'] : key === 'applicant.address.postcode' ? [key, 'household'] : [key],
);

function rank(field: string): [number, number, number] {
  const exact = FIELD_ORDER.indexOf(field);
  if (exact >= 0) return [exact, 0, 0];
  const [list, index, part] = field.split('.');
  const listRank = FIELD_ORDER.indexOf(list ?? '');
  if (listRank < 0) return [FIELD_ORDER.length, 0, 0];
  const parts = Object.keys(LIST_FIELDS[list ?? '']?.fields ?? {});
  return [listRank, Number(index), parts.indexOf(part ?? '')];
}

/** Changes in the order of the form they come from; fields it does not know go last, as they came. */
export function inFormOrder<T extends { field: string }>(changes: readonly T[]): T[] {
  return changes
    .map((c, i) => ({ c, i, r: rank(c.field) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.r[2] - b.r[2] || a.i - b.i)
    .map((x) => x.c);
}

const LIST_FIELDS: Record<string, { label: string; fields: Record<string, string> }> = {
  nominatingOfficers: {
    label: 'Nominating Officer',
    fields: { name: 'name', organisation: 'organisation', role: 'role', phone: 'phone', email: 'email', secureEmail: 'secure email' },
  },
  household: { label: 'Household member', fields: { kind: 'adult or child', age: 'age', sexOrGender: 'sex or gender' } },
};

/** "Applicant phone" for `applicant.phone`; "Nominating Officer 2: email" for `nominatingOfficers.1.email`. */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const [list, index, part] = field.split('.');
  const listed = list === undefined ? undefined : LIST_FIELDS[list];
  if (listed && index !== undefined && /^\d+$/.test(index)) {
    const n = Number(index) + 1;
    return part === undefined ? `${listed.label} ${n}` : `${listed.label} ${n}: ${listed.fields[part] ?? words(part)}`;
  }
  return sentence(field.split('.').map(words).join(' '));
}

/** Each field's stored codes, and the words for them. */
const VALUE_LABELS: Record<string, Readonly<Record<string, string>>> = {
  'referringAgency.kind': REFERRING_AGENCY_KIND_LABELS,
  'risk.categories': RISK_CATEGORY_LABELS,
  'currentHome.propertyType': PROPERTY_TYPE_LABELS,
  'currentHome.tenancyType': TENANCY_TYPE_LABELS,
  'needs.access': ACCESS_NEED_LABELS,
  'needs.wouldConsiderRehoming': { yes: 'Yes', no: 'No' },
  'consent.covers': CONSENT_SCOPE_LABELS,
  housingMoves: HOUSING_MOVES_LABELS,
  'equality.ageBand': EQUALITY_LABELS.ageBand,
  'equality.gender': EQUALITY_LABELS.gender,
  'equality.ethnicity': EQUALITY_LABELS.ethnicity,
  'equality.sexualOrientation': EQUALITY_LABELS.sexualOrientation,
  'equality.transStatus': EQUALITY_LABELS.yesNoPrefer,
  'equality.disability': EQUALITY_LABELS.yesNoPrefer,
  'equality.careLeaver': EQUALITY_LABELS.yesNoPrefer,
  'equality.criminalJusticeContact': EQUALITY_LABELS.yesNoPrefer,
  state: CASE_STATE_LABELS,
  type: PARTNER_TYPE_LABELS,
  status: PARTNER_STATUS_LABELS,
  kind: { adult: 'Adult', child: 'Child' },
  sexOrGender: SEX_OR_GENDER_LABELS,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A stored value as the coordinator would write it: dates as dd/mm/yyyy, borough codes as names, codes as their
 * labels, yes/no for true/false. `partnerName` turns a landlord's id into its name where it is known.
 */
export function valueText(field: string, value: unknown, partnerName: (id: number) => string | undefined = () => undefined): string {
  if (value === null || value === undefined || value === '') return '(blank)';
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    // Contacts and the like carry commas of their own.
    return value.map((v) => valueText(field, v, partnerName)).join(value.some((v) => typeof v === 'object') ? '; ' : ', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return objectText(value as Record<string, unknown>);
  if (field === 'currentHome.homeLandlordPartnerId' && typeof value === 'number') return partnerName(value) ?? `Partner number ${value}`;
  if (field === 'currentHome.floor' && typeof value === 'number') return value === 0 ? 'Ground floor' : value === -1 ? 'Basement' : String(value);
  const text = String(value);
  const part = field.split('.').at(-1) ?? field;
  const labels = VALUE_LABELS[field] ?? VALUE_LABELS[part];
  if (labels?.[text] !== undefined) return labels[text];
  if (isBoroughCode(text)) return boroughName(text);
  if (ISO_DATE.test(text)) return formatUkDate(text);
  if (ISO_INSTANT.test(text)) return formatUkDateTime(text);
  return text;
}

/** A partner's contact, or anything else stored whole: its parts in words, never as code. */
function objectText(o: Record<string, unknown>): string {
  if (typeof o['kind'] === 'string' && typeof o['name'] === 'string') {
    const kind = CONTACT_KIND_LABELS[o['kind'] as keyof typeof CONTACT_KIND_LABELS] ?? sentence(words(o['kind']));
    const details = ['role', 'phone', 'email', 'secureEmail'].map((k) => o[k]).filter((v): v is string => typeof v === 'string' && v !== '');
    return `${kind}: ${o['name']}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  }
  return Object.entries(o)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${words(k)}: ${valueText(k, v)}`)
    .join('; ');
}

/** `secureEmail` → "secure email"; `line1` → "line 1". */
function words(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .toLowerCase();
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
