import { asOfOneMoment } from '../db/one-moment';
import { defineJob } from '../jobs/job-kind';
import { verifyLedgerBalances } from '../ledger/balances';
import { verifyAuditLog, type AuditCheckStage } from './row-check';

const STAGE_LABELS: Record<AuditCheckStage, string> = {
  chain: 'Checking the audit log',
  rows: 'Checking each record against the audit log',
};

/** The audit check (the chain, then every audited row against its history), off main's event loop: 20–30 s at 50,000 cases. */
export const auditChainJob = defineJob({
  label: 'The audit log check',
  // Its loop checks for cancelling between pages of 1,000 entries: this keeps the cooperative path exercised.
  cancel: 'cooperative',
  // One read transaction for both checks: the ledger's totals are compared with the same moment's entries.
  run: (ctx, _input: Record<string, never>) =>
    asOfOneMoment(ctx.db, () => {
      const report = verifyAuditLog(ctx.db, [], {
        onProgress: (done, total, stage) => ctx.onProgress(done, total, STAGE_LABELS[stage]),
        throwIfCancelled: ctx.throwIfCancelled,
      });
      if (!report.ok) return report;
      // The ledger's maintained totals must still be the sum of its entries (migration 014-ledger-speed).
      ctx.throwIfCancelled();
      const problem = verifyLedgerBalances(ctx.db);
      return problem === null ? report : { ...report, ok: false, firstBadId: null, problem };
    }),
});
