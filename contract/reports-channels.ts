import { z } from 'zod';
import { channel } from './channel';
import { disclosurePolicySchema, yearEndRequestSchema, type DisclosurePolicyInput, type YearEndReportView } from './reports';

const empty = z.strictObject({});

export const reportChannels = {
  /** Computed on the job runner, with progress events of kind 'reports.yearEnd'. */
  'reports.yearEnd': channel<YearEndReportView>()(yearEndRequestSchema),
  'reports.getPolicy': channel<DisclosurePolicyInput>()(empty),
  'reports.updatePolicy': channel<DisclosurePolicyInput>()(disclosurePolicySchema),
};
