import { z } from 'zod';
import { channel } from './channel';
import {
  exportReportSchema,
  type ExportReportResult,
  disclosurePolicySchema,
  operationalRequestSchema,
  yearEndRequestSchema,
  type DisclosurePolicyInput,
  type YearEndReportView,
} from './reports';

const empty = z.strictObject({});

export const reportChannels = {
  /** Computed on the job runner, with progress events of kind 'reports.yearEnd'. */
  'reports.yearEnd': channel<YearEndReportView>()(yearEndRequestSchema),
  /** This month's activity (or a period's), overdue items today, partner activity. */
  'reports.operational': channel<YearEndReportView>()(operationalRequestSchema),
  /** Asks where to save, writes the PDF or CSV, and records it in the exports list. */
  'reports.export': channel<ExportReportResult>()(exportReportSchema),
  'reports.getPolicy': channel<DisclosurePolicyInput>()(empty),
  'reports.updatePolicy': channel<DisclosurePolicyInput>()(disclosurePolicySchema),
};
