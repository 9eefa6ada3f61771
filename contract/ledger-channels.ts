import { z } from 'zod';
import { channel } from './channel';
import {
  capOverrideSchema,
  exportStatementSchema,
  ledgerPolicySchema,
  ledgerTableQuerySchema,
  manualEntrySchema,
  reverseEntrySchema,
  statementQuerySchema,
  type CapStanding,
  type CaseCapStanding,
  type ExportResult,
  type LedgerPolicy,
  type LedgerTable,
  type Statement,
  type StatementLine,
} from './ledger';

const empty = z.strictObject({});
const id = (what: string) =>
  z
    .number({ error: `Choose ${what}` })
    .int()
    .positive();

// Channels of the ledger (issue 11).
export const ledgerChannels = {
  'ledger.table': channel<LedgerTable>()(ledgerTableQuerySchema),
  'ledger.statement': channel<Statement>()(statementQuerySchema),
  'ledger.addEntry': channel<StatementLine>()(manualEntrySchema),
  'ledger.reverse': channel<StatementLine>()(reverseEntrySchema),
  'ledger.partnerCap': channel<CapStanding>()(z.strictObject({ partnerId: id('a partner') })),
  'ledger.caseCap': channel<CaseCapStanding>()(z.strictObject({ caseId: id('a case') })),
  'ledger.atCap': channel<CapStanding[]>()(empty),
  'ledger.overrideCap': channel<CaseCapStanding>()(capOverrideSchema),
  'ledger.exportStatement': channel<ExportResult>()(exportStatementSchema),
  'ledger.getPolicy': channel<LedgerPolicy>()(empty),
  'ledger.updatePolicy': channel<LedgerPolicy>()(ledgerPolicySchema),
};
