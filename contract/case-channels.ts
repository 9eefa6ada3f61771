import { z } from 'zod';
import { boroughCodeSchema } from './boroughs';
import { channel } from './channel';
import { casePolicySchema } from './case-policy';
import {
  caseStateSchema,
  closureReasonSchema,
  isoDateSchema,
  OVERRIDABLE_RULES,
  referralSchema,
  requiredText,
  riskCategorySchema,
  optionalText,
  TENANCY_TYPES,
} from './cases';
import {
  CASE_SORT_KEYS,
  type AuditPage,
  type AuditVerification,
  type CaseDetail,
  type CaseListPage,
  type CoverageReport,
  type CreatedCase,
  type DuplicateMatch,
  type Dashboard,
  type EligibilityFailure,
  type ReferralOptions,
} from './case-views';
import type { CasePolicy } from './case-policy';
import type { CaseState } from './cases';

const caseId = z.number({ error: 'Choose a case' }).int().positive();
const empty = z.strictObject({});

/** The parts of a half-filled form that eligibility looks at: anything may still be missing. */
export const eligibilityQuerySchema = z.strictObject({
  tenancyType: z.enum(TENANCY_TYPES).optional(),
  homeLandlordPartnerId: z.number().int().positive().optional(),
  currentBorough: boroughCodeSchema.optional(),
  unsafeBoroughs: z.array(boroughCodeSchema).max(33).optional(),
  requestedBoroughs: z.array(boroughCodeSchema).max(33).optional(),
  requestedBoroughsReason: z.string().max(1000).optional(),
  overrides: z
    .array(z.strictObject({ rule: z.enum(OVERRIDABLE_RULES), reason: z.string().max(1000) }))
    .max(OVERRIDABLE_RULES.length)
    .optional(),
});

export type EligibilityQuery = z.input<typeof eligibilityQuerySchema>;

export const caseListQuerySchema = z.strictObject({
  search: z.string().trim().max(100, 'Search for at most 100 characters').default(''),
  states: z.array(caseStateSchema).max(13).default([]),
  risk: riskCategorySchema.optional(),
  homeLandlordId: z.number().int().positive().optional(),
  borough: boroughCodeSchema.optional(),
  requestedBorough: boroughCodeSchema.optional(),
  overdueOnly: z.boolean().default(false),
  /** Closed cases are hidden unless asked for or filtered by state. */
  includeClosed: z.boolean().default(false),
  sort: z.enum(CASE_SORT_KEYS).default('nextDueOn'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  /**
   * The id of the last row of the page before (keyset paging): the page is the rows after it in this order, read
   * from its sort key in main. `offset` still says where the page starts, for the rows' positions.
   */
  after: caseId.optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const transitionRequestSchema = z.strictObject({
  id: caseId,
  to: caseStateSchema,
  reason: optionalText(2000),
  closureReason: closureReasonSchema.optional(),
  /** The day it happened, when that was before today (a decision that arrived by email yesterday). */
  effectiveOn: isoDateSchema('Enter the date it happened').optional(),
  /** Why the coordinator goes ahead although the home landlord has left the scheme or is suspended. */
  overrideReason: optionalText(1000),
});
export type TransitionRequest = z.input<typeof transitionRequestSchema>;

export const NOTE_KINDS = ['note', 'no_update', 'review'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Readonly<Record<NoteKind, string>> = {
  note: 'Coordinator note',
  no_update: 'Update from the Nominating Officer',
  review: 'Case review',
};

export const addNoteSchema = z.strictObject({
  id: caseId,
  kind: z.enum(NOTE_KINDS, { error: () => 'Choose what kind of note this is' }),
  text: requiredText('Write the note', 4000),
  on: isoDateSchema('Enter the date').optional(),
});
export type AddNoteRequest = z.input<typeof addNoteSchema>;

export const addBoroughsSchema = z.strictObject({
  id: caseId,
  boroughs: z
    .array(boroughCodeSchema)
    .min(1, 'Choose at least one borough to add')
    .max(33, { message: 'There are only 33 London boroughs', abort: true })
    .refine((c) => new Set(c).size === c.length, 'Each borough can be added once'),
  note: optionalText(2000),
});
export type AddBoroughsRequest = z.input<typeof addBoroughsSchema>;

export const updateCaseSchema = z.strictObject({
  id: caseId,
  referral: referralSchema,
  /** Why the change was made: kept with the audit entry. */
  reason: optionalText(2000),
});
export type UpdateCaseRequest = z.input<typeof updateCaseSchema>;

export const CHASE_TARGETS = ['landlord', 'nominating_officer'] as const;
export const CHASE_TARGET_LABELS: Readonly<Record<(typeof CHASE_TARGETS)[number], string>> = {
  landlord: 'Chased the landlord',
  nominating_officer: 'Chased the Nominating Officer',
};

export const recordChaseSchema = z.strictObject({
  id: caseId,
  who: z.enum(CHASE_TARGETS, { error: () => 'Choose who you chased' }),
  on: isoDateSchema('Enter the date you chased').optional(),
  note: optionalText(2000),
});
export type RecordChaseRequest = z.input<typeof recordChaseSchema>;

/** What the referral form knows so far; each part may still be blank. */
export const findDuplicatesSchema = z.strictObject({
  fullName: z.string().trim().max(200).default(''),
  dateOfBirth: z.string().trim().max(20).default(''),
  homeLandlordPartnerId: z.number().int().positive().optional(),
  /** When editing a case, itself is not a duplicate. */
  excludeCaseId: z.number().int().positive().optional(),
});

export const auditQuerySchema = z.strictObject({
  caseId: z.number().int().positive().optional(),
  /** A scheme reference typed by the coordinator. */
  reference: z.string().trim().max(30).default(''),
  action: z.string().trim().max(60).default(''),
  actor: z.string().trim().max(100).default(''),
  from: isoDateSchema('Enter the start date').optional(),
  to: isoDateSchema('Enter the end date').optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditQueryRequest = z.input<typeof auditQuerySchema>;

// Channels of cases (issue 4), the home dashboard and the audit log.
export const caseChannels = {
  'cases.referralOptions': channel<ReferralOptions>()(empty),
  'cases.checkEligibility': channel<EligibilityFailure[]>()(eligibilityQuerySchema),
  'cases.create': channel<CreatedCase>()(referralSchema),
  'cases.get': channel<CaseDetail>()(z.strictObject({ id: caseId })),
  'cases.update': channel<CaseDetail>()(updateCaseSchema),
  'cases.transition': channel<CaseDetail>()(transitionRequestSchema),
  'cases.addNote': channel<CaseDetail>()(addNoteSchema),
  'cases.addBoroughs': channel<CaseDetail>()(addBoroughsSchema),
  'cases.list': channel<CaseListPage>()(caseListQuerySchema),
  'cases.dashboard': channel<Dashboard>()(empty),
  'cases.recordChase': channel<CaseDetail>()(recordChaseSchema),
  'cases.findDuplicates': channel<DuplicateMatch[]>()(findDuplicatesSchema),
  'cases.coverage': channel<CoverageReport>()(z.strictObject({ boroughs: z.array(boroughCodeSchema).max(33) })),
  'cases.countByLandlord': channel<{ state: CaseState; count: number }[]>()(z.strictObject({ partnerId: z.number().int().positive() })),
  'cases.getPolicy': channel<CasePolicy>()(empty),
  'cases.updatePolicy': channel<CasePolicy>()(casePolicySchema),
  'audit.list': channel<AuditPage>()(auditQuerySchema),
  'audit.verify': channel<AuditVerification>()(empty),
};
