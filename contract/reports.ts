import { z } from 'zod';
import { isoDateSchema } from './cases';

/**
 * The year-end report as the screen, the CSV and the PDF read it: a list of tables of cells, each cell already
 * published for its mode. In internal mode a count cell carries the references of the cases behind it; in publishable
 * mode no cell carries a reference, and hidden counts read `*`.
 */

export const REPORT_MODES = ['internal', 'publishable'] as const;
export type ReportMode = (typeof REPORT_MODES)[number];

export const disclosurePolicySchema = z.strictObject({
  threshold: z
    .number({ error: 'Enter a whole number' })
    .int('Enter a whole number')
    .min(1, 'The threshold must be at least 1')
    .max(50, 'The threshold must be at most 50'),
  roundingBase: z
    .number({ error: 'Enter a whole number' })
    .int('Enter a whole number')
    .min(1, 'The rounding base must be at least 1 (1 means no rounding)')
    .max(100, 'The rounding base must be at most 100'),
});
export type DisclosurePolicyInput = z.infer<typeof disclosurePolicySchema>;

export const yearEndRequestSchema = z
  .strictObject({
    from: isoDateSchema('Enter the first day of the period'),
    to: isoDateSchema('Enter the last day of the period'),
    mode: z.enum(REPORT_MODES).default('internal'),
  })
  .refine((r) => r.from <= r.to, { message: 'The period must end on or after the day it starts', path: ['to'] });
export type YearEndRequest = z.input<typeof yearEndRequestSchema>;

export const operationalRequestSchema = z
  .strictObject({
    /** Both or neither: without them, this month to date. */
    from: isoDateSchema('Enter the first day of the period').optional(),
    to: isoDateSchema('Enter the last day of the period').optional(),
    mode: z.enum(REPORT_MODES).default('internal'),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: 'Enter both ends of the period, or neither', path: ['to'] })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'The period must end on or after the day it starts', path: ['to'] });
export type OperationalRequest = z.input<typeof operationalRequestSchema>;

export const REPORT_KINDS = ['year_end', 'operational'] as const;
export const REPORT_FORMATS = ['pdf', 'csv'] as const;
export const exportReportSchema = z
  .strictObject({
    report: z.enum(REPORT_KINDS),
    format: z.enum(REPORT_FORMATS),
    from: isoDateSchema('Enter the first day of the period'),
    to: isoDateSchema('Enter the last day of the period'),
    mode: z.enum(REPORT_MODES),
  })
  .refine((r) => r.from <= r.to, { message: 'The period must end on or after the day it starts', path: ['to'] });
export type ExportReportRequest = z.input<typeof exportReportSchema>;
export type ExportReportResult = { cancelled: true } | { cancelled: false; fileName: string; bytes: number };

export interface ReportCell {
  text: string;
  /** The number behind the text, null when hidden or not applicable. */
  value: number | null;
  /** Internal mode only: the cases this number counts. */
  refs?: string[];
}

export interface ReportRow {
  label: string;
  cells: ReportCell[];
}

export interface ReportTable {
  id: string;
  title: string;
  /** How the numbers were counted, in a sentence a reader can reproduce by hand. */
  note: string;
  /** 'not_recorded' when the data this table needs is not kept yet (the table then has no rows). */
  status: 'ok' | 'not_recorded';
  columns: string[];
  rows: ReportRow[];
}

export interface ReportPeriodView {
  from: string;
  to: string;
  label: string;
}

export interface YearEndReportView {
  mode: ReportMode;
  period: ReportPeriodView;
  previous: ReportPeriodView;
  policy: DisclosurePolicyInput;
  /** The counting rule and the disclosure rules, stated once at the top. */
  rules: string[];
  tables: ReportTable[];
}
