import { z } from 'zod';
import { channel } from './channel';

/*
 * Drafts: what the coordinator has typed into a form that is not saved yet. Kept by main in the encrypted database
 * (never in the renderer's storage), as they type, so that Ctrl+L, auto-lock or a crash loses nothing, and offered
 * back after unlock.
 */

export const DRAFT_KINDS = ['referral', 'case_edit'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** One draft per form: a new referral, or the edit of one case. */
export function draftKey(kind: DraftKind, caseId: number | null): string {
  return kind === 'referral' ? 'referral:new' : `case:${caseId ?? 0}:edit`;
}

const draftKeySchema = z
  .string()
  .max(100)
  .regex(/^(referral:new|case:[1-9]\d{0,11}:edit)$/, 'That is not a form that keeps drafts');

/** The form's own state, as JSON. Bounded: a referral form is a few kilobytes. */
export const DRAFT_BODY_MAX = 90_000;

export const saveDraftSchema = z.strictObject({
  key: draftKeySchema,
  body: z.string().min(2).max(DRAFT_BODY_MAX, 'This form is too large to keep as a draft'),
});
export type SaveDraftRequest = z.input<typeof saveDraftSchema>;

export interface DraftSummary {
  key: string;
  kind: DraftKind;
  caseId: number | null;
  /** The case's reference for an edit; null for a new referral. Never the applicant's name. */
  reference: string | null;
  updatedAt: string;
}

export interface Draft extends DraftSummary {
  body: string;
}

export const draftChannels = {
  'drafts.save': channel<DraftSummary>()(saveDraftSchema),
  'drafts.get': channel<Draft | null>()(z.strictObject({ key: draftKeySchema })),
  'drafts.list': channel<DraftSummary[]>()(z.strictObject({})),
  /** `saved`: the form was saved, so the draft has done its work (audited as such rather than as discarded). */
  'drafts.discard': channel<{ discarded: boolean }>()(z.strictObject({ key: draftKeySchema, saved: z.boolean().default(false) })),
};
