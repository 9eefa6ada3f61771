import { z } from 'zod';
import { channel } from './channel';
import {
  importConfirmSchema,
  partnerInputSchema,
  partnerListQuerySchema,
  partnerStatusChangeSchema,
  partnerUpdateSchema,
  registeredCheckQuerySchema,
} from './partners';
import type { BoroughCoverage, ExportOutcome, ImportOutcome, ImportPreview, Partner, PartnerDetail, PartnerSummary, RegisteredCheckResult } from './partners';

const idSchema = z.strictObject({ id: z.number().int().positive() });
const empty = z.strictObject({});

// Channels of the partners directory (issue 3).
export const directoryChannels = {
  'partners.list': channel<PartnerSummary[]>()(partnerListQuerySchema),
  'partners.get': channel<PartnerDetail>()(idSchema),
  'partners.create': channel<Partner>()(partnerInputSchema),
  'partners.update': channel<Partner>()(partnerUpdateSchema),
  'partners.setStatus': channel<Partner>()(partnerStatusChangeSchema),
  'partners.registeredCheck': channel<RegisteredCheckResult>()(registeredCheckQuerySchema),
  /** Asks for a file through the dialog port, then plans the import; nothing is written. */
  'partners.importPreview': channel<ImportPreview>()(empty),
  'partners.importConfirm': channel<ImportOutcome>()(importConfirmSchema),
  'partners.export': channel<ExportOutcome>()(empty),
  'partners.coverage': channel<BoroughCoverage[]>()(empty),
};
