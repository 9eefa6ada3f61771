import { z } from 'zod';
import { isUkPhone, UK_PHONE_MESSAGE } from './phone';
import { boroughCodeSchema } from './boroughs';
import { isValidIsoDate } from './dates';
import type { BoroughCode } from './boroughs';

// The scheme's directory of partner landlords and their contacts. These schemas are the single source of truth for
// the IPC edge, the renderer forms and the CSV import, so their messages are written for a coordinator.

export const PARTNER_TYPES = ['local_authority', 'housing_association'] as const;
export const PARTNER_STATUSES = ['active', 'suspended', 'left'] as const;
export const CONTACT_KINDS = ['named_lead', 'lettings', 'other'] as const;

export type PartnerType = (typeof PARTNER_TYPES)[number];
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  local_authority: 'Local authority',
  housing_association: 'Housing association',
};
export const PARTNER_STATUS_LABELS: Record<PartnerStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  left: 'Left',
};
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  named_lead: 'Named Lead',
  lettings: 'Lettings',
  other: 'Other',
};

/** Names are matched ignoring case and spacing: "Camden  council" is the same partner as "Camden Council". */
export function partnerNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

export function isoDateSchema(missing: string) {
  return (
    z
      .string({ error: missing })
      .trim()
      // abort: an empty date needs one message, not "enter it" and "not a real date" together.
      .min(1, { message: missing, abort: true })
      .max(20, { message: 'Enter a real date, for example 27/03/2024', abort: true })
      .refine(isValidIsoDate, 'Enter a real date, for example 27/03/2024')
  );
}

// A value starting with one of these is a formula to a spreadsheet. Names are printed in circulations and exports,
// and no real name starts this way, so refuse them rather than carry a hostile =HYPERLINK(...) around.
const FORMULA_START = /^[=+\-@]/;

function nameSchema(missing: string, what: string) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(200, `${what} must be 200 characters or fewer`)
    .refine((v) => !FORMULA_START.test(v), `${what} must start with a letter or number, not =, +, - or @`);
}

// The one phone rule of the app (contract/phone.ts), so a number a contact may have is one an officer may have.
const phoneSchema = z
  .string()
  .trim()
  .max(40, 'Enter a phone number of 40 characters or fewer')
  .refine((v) => v === '' || isUkPhone(v), UK_PHONE_MESSAGE);

function emailSchema(example: string) {
  return z
    .string()
    .trim()
    .max(254, 'Enter an email address of 254 characters or fewer')
    .refine((v) => v === '' || z.email().safeParse(v).success, `Enter an email address like ${example}`);
}

// Strict objects: at the IPC edge an unknown key is a bug in the caller, not something to drop quietly.
export const contactSchema = z
  .strictObject({
    id: z.number().int().positive().optional(),
    kind: z.enum(CONTACT_KINDS, {
      error: 'Choose Named Lead, Lettings or Other',
    }),
    name: nameSchema("Enter the contact's name", "The contact's name"),
    role: z.string().trim().max(200, 'The role must be 200 characters or fewer').default(''),
    phone: phoneSchema.default(''),
    email: emailSchema('name@council.gov.uk').default(''),
    secureEmail: emailSchema('name@council.gov.uk.cjsm.net').default(''),
  })
  .superRefine((c, ctx) => {
    if (c.phone === '' && c.email === '' && c.secureEmail === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter a phone number or an email address',
      });
    }
  });

export type Contact = z.output<typeof contactSchema>;
export type ContactInput = z.input<typeof contactSchema>;

/** Same person in the same capacity: listing them twice is a mistake, not a second contact. */
export function contactKey(c: { kind: ContactKind; name: string }): string {
  return `${c.kind}|${partnerNameKey(c.name)}`;
}

const partnerFields = {
  name: nameSchema("Enter the partner's name", "The partner's name"),
  type: z.enum(PARTNER_TYPES, {
    error: 'Choose local authority or housing association',
  }),
  status: z.enum(PARTNER_STATUSES, {
    error: 'Choose active, suspended or left',
  }),
  statusChangedOn: isoDateSchema('Enter the date the status changed'),
  joinedOn: isoDateSchema('Enter the date the partner joined'),
  stockBoroughs: z.array(boroughCodeSchema).max(33),
  approvalRouteNotes: z.string().trim().max(2000, 'Approval route notes must be 2,000 characters or fewer').default(''),
  contacts: z.array(contactSchema).max(100, 'A partner can have at most 100 contacts'),
  /** Other names the landlord goes by ("LB Hackney", "Hackney Council"): the registered check finds it by them. */
  aliases: z.array(nameSchema('Enter the other name, or remove the line', 'Another name')).max(20, 'A partner can have at most 20 other names').default([]),
};

interface PartnerRuleInput {
  name: string;
  aliases: readonly string[];
  status: PartnerStatus;
  statusChangedOn: string;
  joinedOn: string;
  stockBoroughs: readonly string[];
  contacts: readonly { kind: ContactKind; name: string }[];
}

// Rules across fields, shared by the create and update schemas (zod cannot extend a refined object).
function partnerRules(p: PartnerRuleInput, ctx: z.RefinementCtx): void {
  if (p.status === 'active' && !p.contacts.some((c) => c.kind === 'named_lead')) {
    ctx.addIssue({
      code: 'custom',
      path: ['contacts'],
      message: 'An active partner needs at least one Named Lead',
    });
  }
  if (new Set(p.stockBoroughs).size !== p.stockBoroughs.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['stockBoroughs'],
      message: 'Each borough can be chosen only once',
    });
  }
  const seen = new Set<string>();
  p.contacts.forEach((c, index) => {
    const key = contactKey(c);
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contacts', index, 'name'],
        message: 'This contact is already listed with the same role type',
      });
    }
    seen.add(key);
  });
  const names = new Set([partnerNameKey(p.name)]);
  p.aliases.forEach((alias, index) => {
    const key = partnerNameKey(alias);
    if (names.has(key)) {
      ctx.addIssue({ code: 'custom', path: ['aliases', index], message: 'This name is already listed for the partner' });
    }
    names.add(key);
  });
  // ISO dates compare correctly as strings.
  if (isValidIsoDate(p.statusChangedOn) && isValidIsoDate(p.joinedOn) && p.statusChangedOn < p.joinedOn) {
    ctx.addIssue({
      code: 'custom',
      path: ['statusChangedOn'],
      message: 'The status cannot have changed before the partner joined',
    });
  }
}

export const partnerInputSchema = z.strictObject(partnerFields).superRefine(partnerRules);
export const partnerUpdateSchema = z.strictObject({ id: z.number().int().positive(), ...partnerFields }).superRefine(partnerRules);
/** A partner as stored: what the repository returns and the renderer shows. */
export const partnerSchema = partnerUpdateSchema;

export type PartnerInput = z.output<typeof partnerInputSchema>;
export type PartnerUpdate = z.output<typeof partnerUpdateSchema>;
export type Partner = z.output<typeof partnerSchema>;

export const PARTNER_SORTS = ['name', 'type', 'status', 'joinedOn'] as const;
export type PartnerSort = (typeof PARTNER_SORTS)[number];

export const partnerListQuerySchema = z.strictObject({
  search: z.string().trim().max(200, 'Search for 200 characters or fewer').default(''),
  type: z.enum(PARTNER_TYPES).optional(),
  status: z.enum(PARTNER_STATUSES).optional(),
  borough: boroughCodeSchema.optional(),
  sort: z.enum(PARTNER_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export type PartnerListQuery = z.output<typeof partnerListQuerySchema>;
export type PartnerListQueryInput = z.input<typeof partnerListQuerySchema>;

export const partnerStatusChangeSchema = z.strictObject({
  id: z.number().int().positive(),
  status: z.enum(PARTNER_STATUSES, {
    error: 'Choose active, suspended or left',
  }),
  statusChangedOn: isoDateSchema('Enter the date the status changed'),
});

export type PartnerStatusChange = z.output<typeof partnerStatusChangeSchema>;

// ---- Responses of the directory channels ----

/** One line of the partners list. */
export interface PartnerSummary {
  id: number;
  name: string;
  type: PartnerType;
  status: PartnerStatus;
  statusChangedOn: string;
  joinedOn: string;
  stockBoroughs: BoroughCode[];
  namedLeads: string[];
  contactCount: number;
}

export interface PartnerHistoryEntry {
  at: string;
  actor: string;
  summary: string;
}

export interface PartnerDetail {
  partner: Partner;
  /** Newest first: every change to this partner, from the audit log. */
  history: PartnerHistoryEntry[];
}

export const registeredCheckQuerySchema = z.strictObject({
  name: z.string().trim().min(1, "Enter the landlord's name").max(200, 'Enter 200 characters or fewer'),
});

export type RegistrationState = 'registered' | 'suspended' | 'left' | 'not_registered';

export interface RegisteredPartnerRef {
  id: number;
  name: string;
  type: PartnerType;
  status: PartnerStatus;
  statusChangedOn: string;
}

/** How the registered check recognised the partner. */
export type RegisteredMatch = 'name' | 'alias' | 'normalised';

export interface RegisteredCheckResult {
  state: RegistrationState;
  /** Null when no partner was recognised. */
  matchedBy: RegisteredMatch | null;
  /** The answer in plain words, ready to show. */
  message: string;
  partner: RegisteredPartnerRef | null;
  /** When there is no single match: the closest partners by name, alias or borough. Never taken as the answer. */
  similar: RegisteredPartnerRef[];
}

export interface BoroughCoverage {
  code: BoroughCode;
  /** Active partners holding stock in the borough. */
  activePartners: number;
}

export interface ImportAddPreview {
  name: string;
  lines: number[];
  type: PartnerType;
  status: PartnerStatus;
  stockBoroughs: BoroughCode[];
  contacts: number;
}

export interface ImportUpdatePreview {
  id: number;
  name: string;
  lines: number[];
  /** What changes, in words: "Status: Active → Suspended". */
  changes: string[];
}

export interface ImportLineMessage {
  line: number | null;
  partnerName: string | null;
  message: string;
}

export type ImportPreview =
  | { cancelled: true }
  | { cancelled: false; status: 'file_error'; fileName: string; message: string; line: number | null }
  | {
      cancelled: false;
      status: 'ready';
      token: string;
      fileName: string;
      toAdd: ImportAddPreview[];
      toUpdate: ImportUpdatePreview[];
      unchanged: number;
      /** The first messages only (at most MAX_IMPORT_MESSAGES between them, errors first); the rest are counted. */
      errors: ImportLineMessage[];
      warnings: ImportLineMessage[];
      /** Rows in error in the whole file, and the messages left out of `errors` and `warnings`. */
      errorCount: number;
      errorsNotShown: number;
      warningsNotShown: number;
    };

/** A file of 200,000 bad rows must not answer with 200,000 messages (122 MB in one IPC answer). */
export const MAX_IMPORT_MESSAGES = 200;

export const importConfirmSchema = z.strictObject({ token: z.string().min(1).max(100) });

export interface ImportOutcome {
  added: number;
  updated: number;
  skippedPartners: number;
}

export type ExportOutcome = { cancelled: true } | { cancelled: false; fileName: string; partners: number; rows: number };
