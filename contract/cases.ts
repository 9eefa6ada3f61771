import { z } from 'zod';
import { BOROUGHS, boroughCodeSchema, type BoroughCode } from './boroughs';
import { isIsoDate, type IsoDate } from './calendar-date';
import { dateInputProblem } from './dates';
import { isUkPhone, UK_PHONE_MESSAGE } from './phone';

/*
 * The referral form and the case model, shared by the renderer's forms and main's IPC edge so that both validate
 * with the same rules and the same words. Messages are written for a coordinator and shown next to the field.
 */

// ---------------------------------------------------------------------------------------------------------------
// Case states and closure
// ---------------------------------------------------------------------------------------------------------------

export const CASE_STATES = [
  'referral_received',
  'awaiting_landlord_approval',
  'approved',
  'landlord_declined',
  'circulated',
  'offer_made',
  'viewing',
  'offer_accepted',
  'offer_declined',
  'moved',
  'closed',
  'on_hold',
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const caseStateSchema = z.enum(CASE_STATES, { error: () => 'Choose a case state from the list' });

export const CASE_STATE_LABELS: Readonly<Record<CaseState, string>> = {
  referral_received: 'Referral received',
  awaiting_landlord_approval: 'Awaiting landlord approval',
  approved: 'Approved',
  landlord_declined: 'Landlord declined',
  circulated: 'Circulated',
  offer_made: 'Offer made',
  viewing: 'Viewing',
  offer_accepted: 'Offer accepted',
  offer_declined: 'Offer declined',
  moved: 'Moved',
  closed: 'Closed',
  on_hold: 'On hold',
  withdrawn: 'Withdrawn',
};

/**
 * Why a case closed. `other` exists because real caseloads have closures that fit none of the scheme's five,
 * such as a duplicate referral, a referral made in error, or the applicant having died; forcing those into
 * "withdrawn" or "ineligible" would falsify the year-end closure breakdown. It always needs a written explanation.
 */
export const CLOSURE_REASONS = [
  'moved',
  'withdrawn',
  'ineligible',
  'landlord_declined',
  'no_offer_in_time',
  'offer_declined_no_further_offer',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const closureReasonSchema = z.enum(CLOSURE_REASONS, { error: () => 'Choose why the case is closing' });

export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, string>> = {
  moved: 'Moved',
  withdrawn: 'Withdrawn: no longer needs to move',
  ineligible: 'Ineligible',
  landlord_declined: 'Landlord declined',
  no_offer_in_time: 'No offer within the time the scheme allows',
  offer_declined_no_further_offer: 'Offer declined, no further offer',
  other: 'Other (explain)',
};

// ---------------------------------------------------------------------------------------------------------------
// Choice lists
// ---------------------------------------------------------------------------------------------------------------

export const RISK_CATEGORIES = [
  'domestic_abuse',
  'sexual_violence_exploitation',
  'honour_based_violence',
  'stalking',
  'hate_crime',
  'serious_youth_violence',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** The scheme's own wording, from its public page, so that forms and reports say exactly what the scheme says. */
export const RISK_CATEGORY_LABELS: Readonly<Record<RiskCategory, string>> = {
  domestic_abuse: 'Domestic violence and abuse',
  sexual_violence_exploitation: 'Sexual violence and exploitation (including prostitution and trafficking)',
  honour_based_violence: 'So called ‘honour’ based violence, female genital mutilation (FGM), forced marriage',
  stalking: 'Stalking',
  hate_crime: 'Hate crime',
  serious_youth_violence: 'Serious youth violence',
};
export const riskCategorySchema = z.enum(RISK_CATEGORIES, { error: () => 'Choose a risk category from the list' });

export const REFERRING_AGENCY_KINDS = [
  'housing',
  'domestic_abuse_service',
  'social_services',
  'police',
  'probation',
  'health',
  'youth_service',
  'other',
] as const;
export type ReferringAgencyKind = (typeof REFERRING_AGENCY_KINDS)[number];
export const REFERRING_AGENCY_KIND_LABELS: Readonly<Record<ReferringAgencyKind, string>> = {
  housing: 'Housing (council or housing association)',
  domestic_abuse_service: 'Domestic abuse or VAWG service',
  social_services: "Social services (adults' or children's)",
  police: 'Police',
  probation: 'Probation or youth justice',
  health: 'Health',
  youth_service: 'Youth service',
  other: 'Other agency',
};

export const PROPERTY_TYPES = ['flat', 'maisonette', 'house', 'bungalow', 'bedsit', 'other'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const PROPERTY_TYPE_LABELS: Readonly<Record<PropertyType, string>> = {
  flat: 'Flat',
  maisonette: 'Maisonette',
  house: 'House',
  bungalow: 'Bungalow',
  bedsit: 'Bedsit or studio',
  other: 'Other',
};

/** `none` is a choice on the form, rather than a blank, so that the coordinator sees why the case is ineligible. */
export const TENANCY_TYPES = ['secure', 'assured', 'fixed_term', 'other_social', 'none'] as const;
export type TenancyType = (typeof TENANCY_TYPES)[number];
export const TENANCY_TYPE_LABELS: Readonly<Record<TenancyType, string>> = {
  secure: 'Secure',
  assured: 'Assured',
  fixed_term: 'Fixed-term',
  other_social: 'Other social tenancy',
  none: 'No social tenancy',
};

export const ACCESS_NEEDS = ['none', 'step_free', 'wheelchair'] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];
export const ACCESS_NEED_LABELS: Readonly<Record<AccessNeed, string>> = {
  none: 'No access needs',
  step_free: 'Step-free access',
  wheelchair: 'Wheelchair accessible',
};

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

export const HOUSING_MOVES_STATUSES = ['yes', 'no', 'not_known'] as const;
export type HousingMovesStatus = (typeof HOUSING_MOVES_STATUSES)[number];
export const HOUSING_MOVES_LABELS: Readonly<Record<HousingMovesStatus, string>> = {
  yes: 'Yes, registered with Housing Moves',
  no: 'No',
  not_known: 'Not known',
};

export const HOUSEHOLD_MEMBER_KINDS = ['adult', 'child'] as const;
export type HouseholdMemberKind = (typeof HOUSEHOLD_MEMBER_KINDS)[number];

export const SEX_OR_GENDER = ['female', 'male', 'non_binary', 'other', 'not_known'] as const;
export type SexOrGender = (typeof SEX_OR_GENDER)[number];
export const SEX_OR_GENDER_LABELS: Readonly<Record<SexOrGender, string>> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  other: 'Other',
  not_known: 'Not known',
};

export const CONSENT_SCOPES = ['share_with_home_landlord', 'circulate_request', 'anonymised_reporting'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_SCOPE_LABELS: Readonly<Record<ConsentScope, string>> = {
  share_with_home_landlord: 'Sharing the referral with their landlord for approval',
  circulate_request: 'Circulating the anonymised property request to partner landlords',
  anonymised_reporting: 'Using their answers, anonymised, in the scheme’s reports',
};

/** Override-able eligibility rules: the only ones a coordinator may go past, and only with a recorded reason. */
export const OVERRIDABLE_RULES = ['landlord_suspended', 'ledger_cap', 'landlord_left'] as const;
export type OverridableRule = (typeof OVERRIDABLE_RULES)[number];

/** How an override reads in the audit log and on the case page. */
export const OVERRIDABLE_RULE_LABELS: Record<OverridableRule, string> = {
  landlord_suspended: 'Suspended landlord overridden',
  ledger_cap: 'Ledger cap overridden',
  landlord_left: 'Landlord that has left the scheme overridden',
};

// ---------------------------------------------------------------------------------------------------------------
// Equality monitoring: opt-in, and every question can be answered "prefer not to say"
// ---------------------------------------------------------------------------------------------------------------

export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';

export const AGE_BANDS = ['16_24', '25_34', '35_44', '45_54', '55_64', '65_plus', PREFER_NOT_TO_SAY] as const;
export const GENDERS = ['woman', 'man', 'non_binary', 'self_described', PREFER_NOT_TO_SAY] as const;
/** The 2021 census categories for England and Wales, grouped as the ONS groups them. */
export const ETHNICITIES = [
  'asian_bangladeshi',
  'asian_chinese',
  'asian_indian',
  'asian_pakistani',
  'asian_other',
  'black_african',
  'black_caribbean',
  'black_other',
  'mixed_white_asian',
  'mixed_white_black_african',
  'mixed_white_black_caribbean',
  'mixed_other',
  'white_british',
  'white_irish',
  'white_gypsy_irish_traveller',
  'white_roma',
  'white_other',
  'other_arab',
  'other_any',
  PREFER_NOT_TO_SAY,
] as const;
export const SEXUAL_ORIENTATIONS = ['heterosexual', 'gay_lesbian', 'bisexual', 'other', PREFER_NOT_TO_SAY] as const;
export const YES_NO_PREFER = ['yes', 'no', PREFER_NOT_TO_SAY] as const;

export const EQUALITY_LABELS = {
  ageBand: {
    '16_24': '16 to 24',
    '25_34': '25 to 34',
    '35_44': '35 to 44',
    '45_54': '45 to 54',
    '55_64': '55 to 64',
    '65_plus': '65 or over',
    prefer_not_to_say: 'Prefer not to say',
  },
  gender: {
    woman: 'Woman',
    man: 'Man',
    non_binary: 'Non-binary',
    self_described: 'In another way',
    prefer_not_to_say: 'Prefer not to say',
  },
  ethnicity: {
    asian_bangladeshi: 'Asian or Asian British: Bangladeshi',
    asian_chinese: 'Asian or Asian British: Chinese',
    asian_indian: 'Asian or Asian British: Indian',
    asian_pakistani: 'Asian or Asian British: Pakistani',
    asian_other: 'Asian or Asian British: any other Asian background',
    black_african: 'Black, Black British, Caribbean or African: African',
    black_caribbean: 'Black, Black British, Caribbean or African: Caribbean',
    black_other: 'Black, Black British, Caribbean or African: any other background',
    mixed_white_asian: 'Mixed or multiple ethnic groups: White and Asian',
    mixed_white_black_african: 'Mixed or multiple ethnic groups: White and Black African',
    mixed_white_black_caribbean: 'Mixed or multiple ethnic groups: White and Black Caribbean',
    mixed_other: 'Mixed or multiple ethnic groups: any other background',
    white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
    white_irish: 'White: Irish',
    white_gypsy_irish_traveller: 'White: Gypsy or Irish Traveller',
    white_roma: 'White: Roma',
    white_other: 'White: any other White background',
    other_arab: 'Other ethnic group: Arab',
    other_any: 'Other ethnic group: any other',
    prefer_not_to_say: 'Prefer not to say',
  },
  sexualOrientation: {
    heterosexual: 'Straight or heterosexual',
    gay_lesbian: 'Gay or lesbian',
    bisexual: 'Bisexual',
    other: 'Another sexual orientation',
    prefer_not_to_say: 'Prefer not to say',
  },
  yesNoPrefer: { yes: 'Yes', no: 'No', prefer_not_to_say: 'Prefer not to say' },
} as const;

const choose = (what: string) => ({ error: () => `Choose ${what}, or "Prefer not to say"` });

export const equalityMonitoringSchema = z.discriminatedUnion(
  'optedIn',
  [
    z.object({ optedIn: z.literal(false) }).strict(),
    z
      .object({
        optedIn: z.literal(true),
        ageBand: z.enum(AGE_BANDS, choose('an age band')),
        gender: z.enum(GENDERS, choose('a gender')),
        ethnicity: z.enum(ETHNICITIES, choose('an ethnic group')),
        sexualOrientation: z.enum(SEXUAL_ORIENTATIONS, choose('a sexual orientation')),
        transStatus: z.enum(YES_NO_PREFER, choose('whether they are trans')),
        disability: z.enum(YES_NO_PREFER, choose('whether they are disabled')),
        careLeaver: z.enum(YES_NO_PREFER, choose('whether they are a care leaver')),
        criminalJusticeContact: z.enum(YES_NO_PREFER, choose('whether they have been in contact with the criminal justice system')),
      })
      .strict(),
  ],
  { error: () => 'Say whether the applicant wants to answer the equality monitoring questions' },
);
export type EqualityMonitoring = z.infer<typeof equalityMonitoringSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------

const SHORT = 200;
const LONG = 4000;

/** A required line of text: blank (or only spaces) gets the given message. */
export const requiredText = (message: string, max = SHORT) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Keep this to ${max.toLocaleString('en-GB')} characters or fewer`);

// A value starting with one of these is a formula to a spreadsheet. Officer and agency names are printed in
// circulations and exports, so they are refused there, as the partners directory does.
const FORMULA_START = /^[=+\-@]/;

/** A name that is safe to put in a circulation or an export. */
const nameText = (message: string, what: string) =>
  requiredText(message).refine((v) => !FORMULA_START.test(v), `${what} must start with a letter or number, not =, +, - or @`);

/** Optional text: a blank field is stored as an empty string, so forms never have to send `undefined`. */
export const optionalText = (max = SHORT) =>
  z
    .string()
    .trim()
    .max(max, `Keep this to ${max.toLocaleString('en-GB')} characters or fewer`)
    .default('');

/**
 * An ISO date on the wire, with one message at a time (blank, then not a real date, then in the future), so the
 * field never shows two. "Not in the future" is not checked here but in main, against the app's one clock (the
 * `Today` port that the deadlines use): this process's clock may not be the app's today.
 */
export const isoDateSchema = (message: string, opts: { notBefore?: { date: IsoDate; message: string } } = {}) =>
  z
    .string({ error: message })
    // A date is 10 characters; anything much longer is not one, and is refused before any other work is done on it.
    .max(40, { message: 'Enter a real date, like 27/03/2026', abort: true })
    .superRefine((v, ctx) => {
      if (v.trim() === '') ctx.addIssue({ code: 'custom', message });
      // Forms send what they could not read as `invalid:<text>`, so the message can say what to type instead.
      else if (!isIsoDate(v)) ctx.addIssue({ code: 'custom', message: dateInputProblem(v.replace(/^invalid:/, '')) });
      else if (opts.notBefore !== undefined && v < opts.notBefore.date) ctx.addIssue({ code: 'custom', message: opts.notBefore.message });
    });

const EMAIL_MAX = 254;
const emailTooLong = `Enter an email address of ${EMAIL_MAX} characters or fewer`;

const emailSchema = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(EMAIL_MAX, { message: emailTooLong, abort: true })
    .pipe(z.email('Enter an email address, like name@example.org'));

const optionalEmailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX, { message: emailTooLong, abort: true })
  .default('')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address, like name@example.org');

const PHONE_MAX = 40;
const phoneTooLong = `Enter a phone number of ${PHONE_MAX} characters or fewer`;

const phoneSchema = (message: string) =>
  z.string({ error: message }).trim().min(1, message).max(PHONE_MAX, { message: phoneTooLong, abort: true }).refine(isUkPhone, UK_PHONE_MESSAGE);

const optionalPhoneSchema = z
  .string()
  .trim()
  .max(PHONE_MAX, { message: phoneTooLong, abort: true })
  .default('')
  .refine((v) => v === '' || isUkPhone(v), UK_PHONE_MESSAGE);

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

/** Normalised to upper case with one space, so that searches and duplicates match however it was typed. */
export const postcodeSchema = z
  .string({ error: 'Enter the postcode' })
  .trim()
  .min(1, 'Enter the postcode')
  .max(16, { message: 'Enter a UK postcode, like SE1 7TP', abort: true })
  .refine((v) => UK_POSTCODE.test(v), 'Enter a UK postcode, like SE1 7TP')
  .transform((v) => {
    const compact = v.replace(/\s+/g, '').toUpperCase();
    return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  });

/** Database ids of partners are positive integers. */
export const partnerIdSchema = z
  .number({ error: "Choose the applicant's landlord from the list of partners" })
  .int("Choose the applicant's landlord from the list of partners")
  .positive("Choose the applicant's landlord from the list of partners");

const BOROUGH_CODES = BOROUGHS.map((b) => b.code) as [BoroughCode, ...BoroughCode[]];

const uniqueBoroughs = (message: string) =>
  z
    .array(boroughCodeSchema)
    .max(BOROUGHS.length, { message: `There are only ${BOROUGHS.length} London boroughs`, abort: true })
    .refine((codes) => new Set(codes).size === codes.length, message);

// ---------------------------------------------------------------------------------------------------------------
// The referral form, section by section
// ---------------------------------------------------------------------------------------------------------------

export const referringAgencySchema = z
  .object({
    name: nameText('Enter the name of the referring agency', "The agency's name"),
    kind: z.enum(REFERRING_AGENCY_KINDS, { error: () => 'Choose the type of referring agency' }),
  })
  .strict();

export const nominatingOfficerSchema = z
  .object({
    name: nameText("Enter the Nominating Officer's name", 'The name'),
    organisation: nameText("Enter the Nominating Officer's organisation", 'The organisation'),
    role: nameText("Enter the Nominating Officer's role, like Housing Officer", 'The role'),
    phone: phoneSchema("Enter the Nominating Officer's phone number"),
    email: emailSchema("Enter the Nominating Officer's email address"),
    // Optional because many voluntary-sector officers have no secure mailbox; when given, landlords should use it.
    secureEmail: optionalEmailSchema,
  })
  .strict();
export type NominatingOfficer = z.infer<typeof nominatingOfficerSchema>;

export const addressSchema = z
  .object({
    line1: requiredText('Enter the first line of the address'),
    line2: optionalText(),
    town: optionalText(),
    postcode: postcodeSchema,
  })
  .strict();

export const applicantSchema = z
  .object({
    fullName: nameText("Enter the applicant's full name", 'The name'),
    dateOfBirth: isoDateSchema("Enter the applicant's date of birth", {
      notBefore: { date: '1900-01-01', message: 'Check the year of birth' },
    }),
    phone: optionalPhoneSchema,
    email: optionalEmailSchema,
    /** How and when it is safe to get in touch: vital when the perpetrator may see the phone. */
    safeContactNotes: optionalText(1000),
    address: addressSchema,
  })
  .strict();
export type Applicant = z.infer<typeof applicantSchema>;

/**
 * The other members of the household, not the applicant. No names: they are never needed to find a home. A year of
 * birth, not an age, so that ages stay right while a case waits (a child of 17 at referral may be an adult by the
 * offer, which changes the bedrooms needed). Whether the year fits "adult" or "child" needs the date received, so
 * main checks it (`checkHousehold`).
 */
export const householdMemberSchema = z
  .object({
    kind: z.enum(HOUSEHOLD_MEMBER_KINDS, { error: () => 'Choose adult or child' }),
    yearOfBirth: z
      .number({ error: 'Enter their year of birth, like 2015' })
      .int('Enter their year of birth as 4 digits, like 2015')
      .min(1900, 'Check the year of birth')
      .max(2100, 'Check the year of birth'),
    sexOrGender: z.enum(SEX_OR_GENDER, { error: () => 'Choose their sex or gender, or "Not known"' }),
  })
  .strict();
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

export const riskSchema = z
  .object({
    categories: z
      .array(riskCategorySchema)
      .min(1, 'Choose at least one risk category')
      .max(RISK_CATEGORIES.length, { message: 'Choose each risk category once', abort: true })
      .refine((c) => new Set(c).size === c.length, 'Each risk category can be chosen once'),
    summary: requiredText('Describe the risk in a few sentences', LONG),
    unsafeBoroughs: uniqueBoroughs('Each unsafe borough can be chosen once'),
    maracReference: optionalText(100),
  })
  .strict();

export const currentHomeSchema = z
  .object({
    /** For a household in temporary accommodation: the landlord of the social tenancy they held before. */
    homeLandlordPartnerId: partnerIdSchema,
    borough: z.enum(BOROUGH_CODES, { error: () => 'Choose the borough of the current home' }),
    bedrooms: z
      .number({ error: 'Enter the number of bedrooms' })
      .int('Enter a whole number of bedrooms')
      .min(0, 'Enter 0 for a studio or bedsit')
      .max(7, 'The scheme handles homes of up to 7 bedrooms'),
    propertyType: z.enum(PROPERTY_TYPES, { error: () => 'Choose the type of property' }),
    /** -1 is a basement, 0 the ground floor. */
    floor: z.number({ error: 'Enter the floor' }).int('Enter the floor as a whole number').min(-1, 'Enter -1 for a basement').max(50, 'Check the floor'),
    tenancyType: z.enum(TENANCY_TYPES, { error: () => 'Choose the type of tenancy' }),
    overcrowded: z.boolean({ error: 'Say whether the home is overcrowded' }),
    inTemporaryAccommodation: z.boolean({ error: 'Say whether the household is in temporary accommodation' }),
    /**
     * In temporary accommodation, the fields above describe the social tenancy held before (its landlord approves,
     * not the council that placed the household), and these two describe the placement. Defaults keep older
     * callers working; the rule that both are given in TA is below.
     */
    placingCouncil: optionalText(),
    temporaryBorough: boroughCodeSchema.nullable().default(null),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (!h.inTemporaryAccommodation) return;
    if (h.placingCouncil === '')
      ctx.addIssue({ code: 'custom', path: ['placingCouncil'], message: 'Enter the council that placed the household in temporary accommodation' });
    if (h.temporaryBorough === null)
      ctx.addIssue({ code: 'custom', path: ['temporaryBorough'], message: 'Choose the borough the temporary accommodation is in' });
  });
export type CurrentHome = z.infer<typeof currentHomeSchema>;

export const needsSchema = z
  .object({
    access: z.enum(ACCESS_NEEDS, { error: () => 'Choose the access the household needs' }),
    medicalNeeds: optionalText(LONG),
    hasPets: z.boolean({ error: 'Say whether the household has pets' }),
    wouldConsiderRehoming: z.enum(YES_NO, { error: () => 'Say whether they would consider rehoming their pet' }).nullable(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.hasPets && n.wouldConsiderRehoming === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['wouldConsiderRehoming'],
        message: 'Say whether they would consider rehoming their pet if the new home does not allow pets',
      });
    }
  });

export const consentSchema = z
  .object({
    given: z.literal(true, { error: 'The applicant must consent before the referral can be recorded' }),
    date: isoDateSchema('Enter the date consent was given'),
    covers: z
      .array(z.enum(CONSENT_SCOPES))
      .min(1, 'Choose what the consent covers')
      .max(CONSENT_SCOPES.length, { message: 'Each item can be chosen once', abort: true })
      .refine((c) => new Set(c).size === c.length, 'Each item can be chosen once'),
    notes: optionalText(1000),
  })
  .strict();

export const eligibilityOverrideSchema = z
  .object({
    rule: z.enum(OVERRIDABLE_RULES),
    reason: requiredText('Record why you are going ahead', 1000),
  })
  .strict();
export type EligibilityOverride = z.infer<typeof eligibilityOverrideSchema>;

/** Everything the referral form sends to main. Eligibility (which needs the partners and policy) is checked apart. */
export const referralSchema = z
  .object({
    receivedOn: isoDateSchema('Enter the date the referral was received'),
    referringAgency: referringAgencySchema,
    nominatingOfficers: z.array(nominatingOfficerSchema).min(1, 'Add at least one Nominating Officer').max(10, 'Add at most 10 Nominating Officers'),
    applicant: applicantSchema,
    household: z.array(householdMemberSchema).max(20, 'Add at most 20 household members'),
    risk: riskSchema,
    currentHome: currentHomeSchema,
    needs: needsSchema,
    requestedBoroughs: uniqueBoroughs('Each borough can be requested once').refine(
      (c) => c.length > 0,
      'Choose at least one borough the applicant would move to',
    ),
    /** Needed only when fewer boroughs than the policy minimum are requested. */
    requestedBoroughsReason: optionalText(1000),
    consent: consentSchema,
    housingMoves: z.enum(HOUSING_MOVES_STATUSES, { error: () => 'Say whether the applicant is registered with Housing Moves' }),
    equality: equalityMonitoringSchema,
    overrides: z.array(eligibilityOverrideSchema).max(OVERRIDABLE_RULES.length, 'Record each override once').default([]),
    /** Open cases the coordinator was warned about and confirmed are a different person (see `cases.findDuplicates`). */
    notDuplicateOf: z.array(z.number().int().positive()).max(20).default([]),
  })
  .strict();

/** What the form holds (defaults not yet applied). */
export type ReferralInput = z.input<typeof referralSchema>;
/** What main works with after parsing. */
export type Referral = z.output<typeof referralSchema>;

export type { IsoDate };
