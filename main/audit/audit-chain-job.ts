import { defineJob } from '../jobs/job-kind';
import { verifyAuditChain } from './audit';

/** The audit chain's check, off main's event loop: 2 s at 50,000 cases. */
export const auditChainJob = defineJob({
  label: 'The audit log check',
  // Its loop checks for cancelling between pages of 1,000 entries: this keeps the cooperative path exercised.
  cancel: 'cooperative',
  run: (ctx, _input: Record<string, never>) =>
    verifyAuditChain(ctx.db, {
      onProgress: (done, total) => ctx.onProgress(done, total, 'Checking the audit log'),
      throwIfCancelled: ctx.throwIfCancelled,
    }),
});
