import type { IsoDate } from '../../contract/calendar-date';
import type { ReportMode, YearEndReportView } from '../../contract/reports';
import { asOfOneMoment } from '../db/one-moment';
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
  // Every section of one moment: a referral saved while it runs is in all of them or none (one-moment.ts).
  run(ctx, input) {
    return asOfOneMoment(ctx.db, () =>
      yearEndReport(ctx.db, {
        ...input,
        onProgress: (done, total, label) => {
          ctx.throwIfCancelled();
          ctx.onProgress(done, total, label);
        },
        signal: ctx.signal,
      }),
    );
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
    return asOfOneMoment(ctx.db, () => operationalReport(ctx.db, input));
  },
});
