import { z } from 'zod';
import { channel } from './channel';
import { disclosurePolicySchema, operationalRequestSchema, yearEndRequestSchema, type DisclosurePolicyInput, type YearEndReportView } from './reports';

const empty = z.strictObject({});

export const reportChannels = {
  /** Computed on the job runner, with progress events of kind 'reports.yearEnd'. */
  'reports.yearEnd': channel<YearEndReportView>()(yearEndRequestSchema),
  /** This month's activity (or a period's), overdue items today, partner activity. */
  'reports.operational': channel<YearEndReportView>()(operationalRequestSchema),
  'reports.getPolicy': channel<DisclosurePolicyInput>()(empty),
  'reports.updatePolicy': channel<DisclosurePolicyInput>()(disclosurePolicySchema),
};
