import { z } from 'zod';
import { optionalText } from './cases';
import { channel } from './channel';
import {
  circulationPolicySchema,
  RECIRCULATION_AUDIENCES,
  type BatchCandidate,
  type BatchOutcome,
  type CaseCirculations,
  type CirculationPlan,
  type CirculationPolicy,
  type ListExportOutcome,
  type PackPreview,
  type PartnerRequestReceived,
  type SendOutcome,
} from './circulation';

const caseId = z.number({ error: 'Choose a case' }).int().positive();
const empty = z.strictObject({});
/** Who a re-circulation goes to; left out, the policy's default applies. */
const audience = z.enum(RECIRCULATION_AUDIENCES, { error: () => 'Choose who receives the re-circulation' }).optional();

export const circulationTargetSchema = z.strictObject({ caseId, audience });
export type CirculationTarget = z.input<typeof circulationTargetSchema>;

export const sendPackSchema = z.strictObject({
  caseId,
  audience,
  encrypt: z.boolean({ error: 'Say whether to encrypt the pack' }),
  /** The plan the coordinator looked at: if the directory or the case changed since, nothing is sent. */
  planKey: z.string().min(1).max(128),
  /** Why the coordinator goes ahead although the home landlord has left the scheme or is suspended. */
  overrideReason: optionalText(1000),
});
export type SendPackRequest = z.input<typeof sendPackSchema>;

export const batchRunSchema = z.strictObject({
  /** Names the progress events of this run, and lets it be cancelled. */
  task: z.string().min(1).max(64),
  encrypt: z.boolean({ error: 'Say whether to encrypt the packs' }),
  caseIds: z.array(caseId).min(1, 'Choose at least one case').max(5000),
});

// Channels of circulation (issue 9).
export const circulationChannels = {
  'circulation.plan': channel<CirculationPlan>()(circulationTargetSchema),
  'circulation.preview': channel<PackPreview>()(circulationTargetSchema),
  /** Asks where to save, writes the pack and records it as sent, in one transaction with the move to 'Circulated'. */
  'circulation.send': channel<SendOutcome>()(sendPackSchema),
  'circulation.exportList': channel<ListExportOutcome>()(circulationTargetSchema),
  'circulation.addressList': channel<{ text: string; count: number }>()(circulationTargetSchema),
  'circulation.history': channel<CaseCirculations>()(z.strictObject({ caseId })),
  'circulation.revealPassphrase': channel<{ passphrase: string }>()(z.strictObject({ circulationId: z.number().int().positive() })),
  'circulation.partnerRequests': channel<PartnerRequestReceived[]>()(z.strictObject({ partnerId: z.number().int().positive() })),
  'circulation.batchCandidates': channel<BatchCandidate[]>()(empty),
  'circulation.batchRun': channel<BatchOutcome>()(batchRunSchema),
  'circulation.batchCancel': channel<{ cancelled: boolean }>()(z.strictObject({ task: z.string().min(1).max(64) })),
  'circulation.getPolicy': channel<CirculationPolicy>()(empty),
  'circulation.updatePolicy': channel<CirculationPolicy>()(circulationPolicySchema),
};
