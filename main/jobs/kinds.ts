import { auditChainJob } from '../audit/audit-chain-job';
import { integrityCheckJob } from '../db/integrity';
import { circulationPacksJob } from '../circulation/batch';
import { backupWriteJob } from '../backup/backup-job';
import { anchorsJob } from '../backup/anchors';
import { backupOpenJob, restoreCheckJob, restoreStageJob } from '../backup/restore-job';
import { operationalJob, yearEndJob } from '../reports/year-end-job';
import { demoFillJob } from '../demo/fill-job';
import { subjectAccessJob } from '../rights/subject-access';
import { statementExportJob } from '../ledger/statement-export-job';
import type { JobKind } from './job-kind';

/**
 * Every kind of job, by name. The worker looks the kind up here, and main gets its input and output types from here.
 * To add one: write `export const myJob = defineJob({ … })` next to your feature and add one line below.
 */
export const jobKinds = {
  'database.integrity': integrityCheckJob,
  'audit.chain': auditChainJob,
  'circulation.packs': circulationPacksJob,
  'backup.write': backupWriteJob,
  'backup.open': backupOpenJob,
  'restore.stage': restoreStageJob,
  'restore.check': restoreCheckJob,
  'backup.anchors': anchorsJob,
  'reports.yearEnd': yearEndJob,
  'reports.operational': operationalJob,
  'demo.fill': demoFillJob,
  'rights.subjectAccess': subjectAccessJob,
  'ledger.statementExport': statementExportJob,
} satisfies Record<string, JobKind<never, unknown>>;

export type JobKindName = keyof typeof jobKinds;
type KindOf<K extends JobKindName> = (typeof jobKinds)[K];
export type JobInput<K extends JobKindName> = KindOf<K> extends JobKind<infer I, unknown> ? I : never;
export type JobOutput<K extends JobKindName> = KindOf<K> extends JobKind<never, infer O> ? O : never;

export function isJobKindName(value: unknown): value is JobKindName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(jobKinds, value);
}
