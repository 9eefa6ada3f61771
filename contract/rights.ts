import { z } from 'zod';
import { channel } from './channel';
import type { IsoDate } from './calendar-date';

/*
 * Retention and data-subject rights (UK GDPR): the retention policy, anonymising the cases it covers, erasing one
 * case on request, and the subject access export (the one deliberate full-record export).
 */

/** What an erased personal field reads as, everywhere it used to be. */
export const ERASED = '[erased]';

export type AnonymiseHow = 'retention' | 'erasure';

/** On an anonymised case: when, by which route, and (for an erasure) the reason recorded. */
export interface AnonymisedStatus {
  /** When (an ISO timestamp, shown as the local date). */
  at: string;
  how: AnonymiseHow;
  reason: string | null;
}

/**
 * Cases closed more than `closedMoreThanYears` whole years ago are anonymised. Six by default: the limitation period
 * for a claim in contract or tort (Limitation Act 1980) is six years, which is the period social landlords and
 * councils commonly keep closed housing-allocation records for, and it covers the scheme's year-end reporting and
 * any audit of the ledger several financial years back.
 */
export const retentionPolicySchema = z.strictObject({
  closedMoreThanYears: z
    .number({ error: 'Enter a number of years' })
    .int('Enter a whole number of years')
    .min(1, 'Keep closed cases for at least 1 year')
    .max(50, 'Keep closed cases for at most 50 years'),
});
export type RetentionPolicy = z.output<typeof retentionPolicySchema>;
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { closedMoreThanYears: 6 };

export interface RetentionPreview {
  policy: RetentionPolicy;
  /** Cases closed before this day are covered. */
  closedBefore: IsoDate;
  count: number;
  /** The references of the first cases covered, oldest first, so the coordinator can check a few. */
  sample: string[];
  /** Cases already anonymised, by either route. */
  alreadyAnonymised: number;
  /**
   * Enquiries received before the same day whose free-text notes will be erased (what was said can name someone,
   * however the form asks). The enquiries themselves stay, so the year-end counts do not change.
   */
  enquiries: number;
}

export interface AnonymiseResult {
  anonymised: number;
  references: string[];
  auditEntriesRedacted: number;
  /** Enquiries whose notes were erased (retention only). */
  enquiriesAnonymised: number;
}

const caseId = z.number({ error: 'Choose a case' }).int().positive();

/** The count the coordinator saw in the preview: the run refuses if the cases covered have changed since. */
export const retentionRunSchema = z
  .strictObject({
    closedBefore: z
      .string()
      .max(10)
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Preview the cases again before anonymising'),
    expectedCount: z.number().int().min(0).max(1_000_000),
    /** The enquiries the preview said would have their notes erased (0 when it showed none). */
    expectedEnquiries: z.number().int().min(0).max(10_000_000).default(0),
  })
  .refine((r) => r.expectedCount + r.expectedEnquiries > 0, { message: 'There is nothing to anonymise', path: ['expectedCount'] });

export const eraseCaseSchema = z.strictObject({
  caseId,
  reason: z
    .string({ error: 'Say why the case is being erased' })
    .trim()
    .min(5, 'Say why the case is being erased (at least 5 characters)')
    .max(500, 'Keep the reason to 500 characters'),
  /** The case reference, typed again: erasure cannot be undone. */
  confirmReference: z.string().trim().max(30),
});
export type EraseCaseRequest = z.input<typeof eraseCaseSchema>;

export interface SubjectAccessResult {
  cancelled: boolean;
  /** The files written, by name (never the folder). */
  files: string[];
  /** Opens the PDF; give it to the applicant by a different route from the file. */
  passphrase: string | null;
}

export const rightsChannels = {
  'rights.getRetention': channel<RetentionPolicy>()(z.strictObject({})),
  'rights.updateRetention': channel<RetentionPolicy>()(retentionPolicySchema),
  'rights.retentionPreview': channel<RetentionPreview>()(z.strictObject({})),
  'rights.retentionRun': channel<AnonymiseResult>()(retentionRunSchema),
  'rights.erase': channel<AnonymiseResult>()(eraseCaseSchema),
  'rights.subjectAccess': channel<SubjectAccessResult>()(z.strictObject({ caseId })),
};
