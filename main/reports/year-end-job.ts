import type { IsoDate } from '../../contract/calendar-date';
import type { ReportMode, YearEndReportView } from '../../contract/reports';
import { defineJob } from '../jobs/job-kind';
import type { DisclosurePolicy } from './disclosure';
import type { Period } from './period';
import { operationalReport, yearEndReport } from './year-end';

export interface YearEndJobInput {
  period: Period;
  mode: ReportMode;
  policy: DisclosurePolicy;
  bankHolidays: IsoDate[];
}

/** The year-end report reads every case of two periods: in a worker, so that the window never waits for it. */
export const yearEndJob = defineJob<YearEndJobInput, YearEndReportView>({
  label: 'Year-end report',
  // It only reads, so stopping the worker at once is safe.
  cancel: 'terminate',
  run(ctx, input) {
    return yearEndReport(ctx.db, {
      ...input,
      onProgress: (done, total, label) => {
        ctx.throwIfCancelled();
        ctx.onProgress(done, total, label);
      },
      signal: ctx.signal,
    });
  },
});

export interface OperationalJobInput extends YearEndJobInput {
  today: IsoDate;
}

export const operationalJob = defineJob<OperationalJobInput, YearEndReportView>({
  label: 'Operational report',
  cancel: 'terminate',
  run(ctx, input) {
    ctx.throwIfCancelled();
    return operationalReport(ctx.db, input);
  },
});
