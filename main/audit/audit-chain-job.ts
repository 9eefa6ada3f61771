import { defineJob } from '../jobs/job-kind';
import { verifyLedgerBalances } from '../ledger/balances';
import { verifyAuditLog } from './row-check';

/** The audit check (the chain, then every audited row against its history), off main's event loop: 2 s at 50,000 cases. */
export const auditChainJob = defineJob({
  label: 'The audit log check',
  // Its loop checks for cancelling between pages of 1,000 entries: this keeps the cooperative path exercised.
  cancel: 'cooperative',
  run: (ctx, _input: Record<string, never>) => {
    const report = verifyAuditLog(ctx.db, [], {
      onProgress: (done, total) => ctx.onProgress(done, total, 'Checking the audit log'),
      throwIfCancelled: ctx.throwIfCancelled,
    });
    if (!report.ok) return report;
    // The ledger's maintained totals must still be the sum of its entries (migration 014-ledger-speed).
    ctx.throwIfCancelled();
    const problem = verifyLedgerBalances(ctx.db);
    return problem === null ? report : { ...report, ok: false, firstBadId: null, problem };
  },
});
