import type { IsoDate } from '../../contract/calendar-date';
import { addDays } from '../../contract/calendar-date';
import type { ReportMode, YearEndReportView } from '../../contract/reports';
import type { Db } from '../db/types';
import { SUPPRESSED_MARK, type DisclosurePolicy } from './disclosure';
import type { SourceContext, TableModel } from './model';
import { previousPeriod, type Period } from './period';
import { publishTable } from './publish';
import { boroughFlow, boroughMoves, byAgencyKind, byBedrooms, byPartner, byRisk, byRoute } from './sources/breakdowns';
import { enquiryReasons } from './sources/enquiries';
import { equality } from './sources/equality';
import { FUNNEL_RULE, funnel } from './sources/funnel';
import { ledger } from './sources/ledger';
import { applicantDeclines, closureReasons, landlordDeclines, openCaseAges, openCasesByAge } from './sources/outcomes';
import { activity, overdue, partnerActivity } from './sources/operational';
import { holdTimes, stageTimes } from './sources/stages';
import { workingDayCounter } from './working-days';

/*
 * The year-end report: one function over the store, each part one small source (main/reports/sources/), so that a
 * part is one function to read and to change. The numbers are computed once, exactly,
 * with the cases behind each; publishing for a mode is a separate, pure step (publish.ts).
 */

export interface YearEndOptions {
  period: Period;
  mode: ReportMode;
  policy: DisclosurePolicy;
  bankHolidays: readonly IsoDate[];
  onProgress?: (done: number, total: number, label?: string) => void;
  signal?: AbortSignal;
}

type Source = { label: string; of: (ctx: SourceContext) => TableModel | TableModel[] };

export const YEAR_END_SOURCES: readonly Source[] = [
  { label: 'The funnel', of: funnel },
  { label: 'Time in each stage', of: stageTimes },
  { label: 'Time on hold', of: holdTimes },
  { label: 'By risk category', of: byRisk },
  { label: 'Moves between boroughs', of: boroughFlow },
  { label: 'Moves by borough', of: boroughMoves },
  { label: 'By partner', of: byPartner },
  { label: 'By referring agency', of: byAgencyKind },
  { label: 'By move route', of: byRoute },
  { label: 'By bedroom size', of: byBedrooms },
  { label: 'Enquiries that did not become referrals', of: enquiryReasons },
  { label: 'Closure reasons', of: closureReasons },
  { label: 'Landlord declines', of: landlordDeclines },
  { label: 'Applicant declines', of: applicantDeclines },
  { label: 'Open cases', of: openCasesByAge },
  { label: 'Open case ages', of: openCaseAges },
  { label: 'The ledger', of: ledger },
  { label: 'Equality monitoring', of: equality },
];

/** The internal tables, exact, each count with the references behind it. */
export function yearEndModels(db: Db, opts: Omit<YearEndOptions, 'mode' | 'policy'>): TableModel[] {
  const previous = previousPeriod(opts.period);
  // Waits can start years before the period; a decade either side covers any real case, and falls back beyond.
  const workingDays = workingDayCounter(addDays(previous.from, -3660), addDays(opts.period.to, 366), opts.bankHolidays);
  const ctx: SourceContext = { db, period: opts.period, previous, workingDays };
  const out: TableModel[] = [];
  YEAR_END_SOURCES.forEach((s, i) => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
    opts.onProgress?.(i, YEAR_END_SOURCES.length, s.label);
    const got = s.of(ctx);
    out.push(...(Array.isArray(got) ? got : [got]));
  });
  opts.onProgress?.(YEAR_END_SOURCES.length, YEAR_END_SOURCES.length, 'Done');
  return out;
}

export function reportRules(mode: ReportMode, policy: DisclosurePolicy): string[] {
  const rules = [FUNNEL_RULE];
  if (mode === 'publishable') {
    rules.push(
      `Publishable: counts from 1 to ${policy.threshold} are shown as ${SUPPRESSED_MARK}, other counts are rounded to the nearest ${policy.roundingBase}, and rates are worked out from the rounded numbers.`,
      `Where a hidden number could be worked out from a total, another number in its row or column is hidden too (${SUPPRESSED_MARK}).`,
      `Percentiles of a group of ${policy.threshold} or fewer cases are not shown. No name, reference, date of birth, postcode or free text from a case appears in this report.`,
    );
  } else {
    rules.push('Internal: exact numbers. Every number opens to the list of cases behind it. Not for publication.');
  }
  return rules;
}

export function yearEndReport(db: Db, opts: YearEndOptions): YearEndReportView {
  const models = yearEndModels(db, opts);
  const previous = previousPeriod(opts.period);
  const pub = { mode: opts.mode, policy: opts.policy };
  return {
    mode: opts.mode,
    period: opts.period,
    previous,
    policy: { ...opts.policy },
    rules: reportRules(opts.mode, opts.policy),
    tables: models.map((m) => publishTable(m, pub)),
  };
}

export interface OperationalOptions {
  period: Period;
  today: IsoDate;
  mode: ReportMode;
  policy: DisclosurePolicy;
  bankHolidays: readonly IsoDate[];
}

/** This month's activity (or any period's), overdue items per deadline today, and partner activity. */
export function operationalReport(db: Db, opts: OperationalOptions): YearEndReportView {
  const previous = previousPeriod(opts.period);
  const workingDays = workingDayCounter(addDays(previous.from, -3660), addDays(opts.today, 366), opts.bankHolidays);
  const ctx: SourceContext = { db, period: opts.period, previous, workingDays };
  const models: TableModel[] = [activity(ctx), ...overdue(ctx, opts.today), partnerActivity(ctx)];
  const pub = { mode: opts.mode, policy: opts.policy };
  return {
    mode: opts.mode,
    period: opts.period,
    previous,
    policy: { ...opts.policy },
    rules: reportRules(opts.mode, opts.policy),
    tables: models.map((m) => publishTable(m, pub)),
  };
}
