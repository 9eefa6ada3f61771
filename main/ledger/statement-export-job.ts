import type { IsoDate } from '../../contract/calendar-date';
import { asOfOneMoment } from '../db/one-moment';
import { defineJob } from '../jobs/job-kind';
import { fullStatement } from './statement';
import { statementCsv, statementDigest, statementPdf } from './statement-export';

export interface StatementExportInput {
  partnerId: number;
  asOf: IsoDate;
  format: 'csv' | 'pdf';
  /** Encrypts the PDF; empty for none. */
  password: string;
}

export interface StatementExportOutput {
  bytes: Uint8Array;
  sha256: string;
  lines: number;
}

/**
 * A statement as a file for the partner, made in a worker: reading every line (page by page) and laying out the PDF
 * take long enough on a busy partner to freeze the window if done on main. Main writes the file and its audit entry.
 */
export const statementExportJob = defineJob<StatementExportInput, StatementExportOutput>({
  label: 'Exporting the statement',
  // It only reads: stopping the worker at once is safe, and nothing has been written yet.
  cancel: 'terminate',
  async run(ctx, input) {
    // Every line and total of one moment (one-moment.ts), read page by page.
    const s = asOfOneMoment(ctx.db, () =>
      fullStatement(ctx.db, input.partnerId, input.asOf, (done, total) => {
        ctx.throwIfCancelled();
        // Reading the lines is the first half of the work; the file the second.
        ctx.onProgress(done, Math.max(1, total) * 2, `Reading ${total.toLocaleString('en-GB')} statement lines`);
      }),
    );
    ctx.throwIfCancelled();
    const total = Math.max(1, s.lineCount) * 2;
    ctx.onProgress(total / 2, total, `Writing the ${input.format.toUpperCase()}`);
    if (input.format === 'csv') {
      const csv = statementCsv(s);
      return { bytes: new Uint8Array(Buffer.from(csv, 'utf8')), sha256: statementDigest(csv), lines: s.lines.length };
    }
    const pdf = await statementPdf(s, { createdAt: new Date(`${input.asOf}T00:00:00Z`), password: input.password });
    ctx.onProgress(total, total, 'Writing the PDF');
    return { bytes: new Uint8Array(pdf.bytes), sha256: pdf.sha256, lines: s.lines.length };
  },
});
