import { isBoroughCode, type BoroughCode } from '../../../../contract/boroughs';
import type { EligibilityQuery } from '../../../../contract/case-channels';
import type { EligibilityFailure } from '../../../../contract/case-views';
import { OVERRIDABLE_RULES, TENANCY_TYPES, type ConsentScope, type OverridableRule, type Referral, type RiskCategory } from '../../../../contract/cases';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import type { YesNoBlank } from '../../components/choices';

/*
 * What the referral form holds while it is being filled in: text as typed (numbers and dd/mm/yyyy dates included),
 * so nothing the coordinator types is lost or reformatted under their cursor. `toReferralInput` turns it into the
 * contract's input, and the contract's schema decides what is wrong.
 */

export interface OfficerDraft {
  name: string;
  organisation: string;
  role: string;
  phone: string;
  email: string;
  secureEmail: string;
}

export interface MemberDraft {
  kind: string;
  /** A year of birth rather than an age, so that ages stay right while the case waits. */
  yearOfBirth: string;
  sexOrGender: string;
}

export interface ReferralDraft {
  receivedOn: string;
  agencyName: string;
  agencyKind: string;
  officers: OfficerDraft[];
  fullName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  safeContactNotes: string;
  line1: string;
  line2: string;
  town: string;
  postcode: string;
  household: MemberDraft[];
  riskCategories: RiskCategory[];
  riskSummary: string;
  unsafeBoroughs: BoroughCode[];
  maracReference: string;
  landlordId: string;
  borough: string;
  bedrooms: string;
  propertyType: string;
  floor: string;
  tenancyType: string;
  overcrowded: YesNoBlank;
  temporaryAccommodation: YesNoBlank;
  placingCouncil: string;
  temporaryBorough: string;
  access: string;
  medicalNeeds: string;
  hasPets: YesNoBlank;
  wouldConsiderRehoming: YesNoBlank;
  requestedBoroughs: BoroughCode[];
  requestedBoroughsReason: string;
  consentGiven: boolean;
  consentDate: string;
  consentCovers: ConsentScope[];
  consentNotes: string;
  housingMoves: string;
  equalityOptedIn: YesNoBlank;
  equality: Record<string, string>;
  overrides: Partial<Record<OverridableRule, string>>;
  /** Open cases the coordinator confirmed are someone else, after the duplicate warning. */
  notDuplicateOf: number[];
}

export const EMPTY_OFFICER: OfficerDraft = { name: '', organisation: '', role: '', phone: '', email: '', secureEmail: '' };

export function emptyDraft(today: string): ReferralDraft {
  return {
    receivedOn: formatUkDate(today),
    agencyName: '',
    agencyKind: '',
    officers: [{ ...EMPTY_OFFICER }],
    fullName: '',
    dateOfBirth: '',
    phone: '',
    email: '',
    safeContactNotes: '',
    line1: '',
    line2: '',
    town: '',
    postcode: '',
    household: [],
    riskCategories: [],
    riskSummary: '',
    unsafeBoroughs: [],
    maracReference: '',
    landlordId: '',
    borough: '',
    bedrooms: '',
    propertyType: '',
    floor: '0',
    tenancyType: '',
    overcrowded: '',
    temporaryAccommodation: '',
    placingCouncil: '',
    temporaryBorough: '',
    access: 'none',
    medicalNeeds: '',
    hasPets: '',
    wouldConsiderRehoming: '',
    requestedBoroughs: [],
    requestedBoroughsReason: '',
    consentGiven: false,
    consentDate: formatUkDate(today),
    // Nothing ticked: UK GDPR does not count a pre-ticked box as consent.
    consentCovers: [],
    consentNotes: '',
    housingMoves: '',
    equalityOptedIn: '',
    equality: {},
    overrides: {},
    notDuplicateOf: [],
  };
}

const yesNo = (value: boolean): YesNoBlank => (value ? 'yes' : 'no');

/** For editing: the stored referral as the form shows it. */
export function draftFromReferral(r: Referral): ReferralDraft {
  const { optedIn, ...answers } = r.equality;
  return {
    receivedOn: formatUkDate(r.receivedOn),
    agencyName: r.referringAgency.name,
    agencyKind: r.referringAgency.kind,
    officers: r.nominatingOfficers.map((o) => ({ ...o })),
    fullName: r.applicant.fullName,
    dateOfBirth: formatUkDate(r.applicant.dateOfBirth),
    phone: r.applicant.phone,
    email: r.applicant.email,
    safeContactNotes: r.applicant.safeContactNotes,
    line1: r.applicant.address.line1,
    line2: r.applicant.address.line2,
    town: r.applicant.address.town,
    postcode: r.applicant.address.postcode,
    household: r.household.map((m) => ({ kind: m.kind, yearOfBirth: String(m.yearOfBirth), sexOrGender: m.sexOrGender })),
    riskCategories: [...r.risk.categories],
    riskSummary: r.risk.summary,
    unsafeBoroughs: [...r.risk.unsafeBoroughs],
    maracReference: r.risk.maracReference,
    landlordId: String(r.currentHome.homeLandlordPartnerId),
    borough: r.currentHome.borough,
    bedrooms: String(r.currentHome.bedrooms),
    propertyType: r.currentHome.propertyType,
    floor: String(r.currentHome.floor),
    tenancyType: r.currentHome.tenancyType,
    overcrowded: yesNo(r.currentHome.overcrowded),
    temporaryAccommodation: yesNo(r.currentHome.inTemporaryAccommodation),
    placingCouncil: r.currentHome.placingCouncil,
    temporaryBorough: r.currentHome.temporaryBorough ?? '',
    access: r.needs.access,
    medicalNeeds: r.needs.medicalNeeds,
    hasPets: yesNo(r.needs.hasPets),
    wouldConsiderRehoming: r.needs.wouldConsiderRehoming ?? '',
    requestedBoroughs: [...r.requestedBoroughs],
    requestedBoroughsReason: r.requestedBoroughsReason,
    consentGiven: r.consent.given,
    consentDate: formatUkDate(r.consent.date),
    consentCovers: [...r.consent.covers],
    consentNotes: r.consent.notes,
    housingMoves: r.housingMoves,
    equalityOptedIn: yesNo(optedIn),
    equality: answers as Record<string, string>,
    overrides: {},
    notDuplicateOf: [],
  };
}

/** Blank stays blank (so the schema says "Enter…"); anything else that is not a date becomes an invalid marker. */
const date = (text: string): string => (text.trim() === '' ? '' : (parseUkDate(text) ?? `invalid:${text}`));
/** Blank or non-numeric text becomes NaN, which the schema reports with the field's own message. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));
/** A blank choice is missing, so the schema asks for it in the field's own words. */
const choice = (text: string): string | undefined => (text === '' ? undefined : text);
const bool = (value: YesNoBlank): boolean | undefined => (value === '' ? undefined : value === 'yes');

/**
 * The values to validate. Typed as unknown on purpose: a half-filled form is not yet a ReferralInput, and the
 * contract's schema (the same one main uses) is what says which parts are wrong, at which field.
 */
export function toReferralValues(d: ReferralDraft): unknown {
  const hasPets = bool(d.hasPets);
  return {
    receivedOn: date(d.receivedOn),
    referringAgency: { name: d.agencyName, kind: choice(d.agencyKind) },
    nominatingOfficers: d.officers,
    applicant: {
      fullName: d.fullName,
      dateOfBirth: date(d.dateOfBirth),
      phone: d.phone,
      email: d.email,
      safeContactNotes: d.safeContactNotes,
      address: { line1: d.line1, line2: d.line2, town: d.town, postcode: d.postcode },
    },
    household: d.household.map((m) => ({ kind: choice(m.kind), yearOfBirth: num(m.yearOfBirth), sexOrGender: choice(m.sexOrGender) })),
    risk: { categories: d.riskCategories, summary: d.riskSummary, unsafeBoroughs: d.unsafeBoroughs, maracReference: d.maracReference },
    currentHome: {
      homeLandlordPartnerId: d.landlordId === '' ? Number.NaN : Number(d.landlordId),
      borough: choice(d.borough),
      bedrooms: num(d.bedrooms),
      propertyType: choice(d.propertyType),
      floor: num(d.floor),
      tenancyType: choice(d.tenancyType),
      overcrowded: bool(d.overcrowded),
      inTemporaryAccommodation: bool(d.temporaryAccommodation),
      // Only asked in temporary accommodation; otherwise left out, so a changed answer leaves nothing behind.
      ...(d.temporaryAccommodation === 'yes' ? { placingCouncil: d.placingCouncil, temporaryBorough: choice(d.temporaryBorough) ?? null } : {}),
    },
    needs: {
      access: choice(d.access),
      medicalNeeds: d.medicalNeeds,
      hasPets,
      wouldConsiderRehoming: hasPets ? (choice(d.wouldConsiderRehoming) ?? null) : null,
    },
    requestedBoroughs: d.requestedBoroughs,
    requestedBoroughsReason: d.requestedBoroughsReason,
    consent: { given: d.consentGiven, date: date(d.consentDate), covers: d.consentCovers, notes: d.consentNotes },
    housingMoves: choice(d.housingMoves),
    equality: d.equalityOptedIn === 'yes' ? { optedIn: true, ...d.equality } : d.equalityOptedIn === 'no' ? { optedIn: false } : undefined,
    overrides: Object.entries(d.overrides)
      .filter(([, reason]) => reason.trim() !== '')
      .map(([rule, reason]) => ({ rule, reason })),
    notDuplicateOf: d.notDuplicateOf,
  };
}

const OVERRIDE_MISSING: Record<OverridableRule, string> = {
  landlord_suspended: 'Record why you are going ahead although the landlord is suspended',
  ledger_cap: 'Record why you are going ahead despite the ledger cap',
  landlord_left: 'Record why you are going ahead although the landlord has left the scheme',
};

/**
 * Main refuses an override without a reason at the landlord field; it is put right in the reason box, so the message
 * moves there (and the summary at the top leads there).
 */
export function placeOverrideErrors(fields: Record<string, string>, eligibility: readonly EligibilityFailure[], d: ReferralDraft): Record<string, string> {
  const path = 'currentHome.homeLandlordPartnerId';
  if (fields[path] === undefined) return fields;
  const unresolved = eligibility.find(
    (f): f is EligibilityFailure & { rule: OverridableRule } =>
      f.field === path && f.severity === 'override' && OVERRIDABLE_RULES.some((r) => r === f.rule) && !(d.overrides[f.rule as OverridableRule] ?? '').trim(),
  );
  if (!unresolved) return fields;
  const { [path]: _moved, ...rest } = fields;
  return { ...rest, [`overrides.${unresolved.rule}`]: OVERRIDE_MISSING[unresolved.rule] };
}

/** The parts eligibility looks at, as far as they are filled in, for the checks shown while typing. */
export function eligibilityQuery(d: ReferralDraft): EligibilityQuery {
  const landlord = Number(d.landlordId);
  const tenancy = TENANCY_TYPES.find((t) => t === d.tenancyType);
  return {
    tenancyType: tenancy,
    homeLandlordPartnerId: d.landlordId !== '' && Number.isInteger(landlord) && landlord > 0 ? landlord : undefined,
    currentBorough: isBoroughCode(d.borough) ? d.borough : undefined,
    unsafeBoroughs: d.unsafeBoroughs,
    requestedBoroughs: d.requestedBoroughs,
    requestedBoroughsReason: d.requestedBoroughsReason.slice(0, 1000),
    overrides: OVERRIDABLE_RULES.flatMap((rule) => {
      const reason = d.overrides[rule];
      return reason === undefined ? [] : [{ rule, reason: reason.slice(0, 1000) }];
    }),
  };
}
