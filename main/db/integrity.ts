import type { IntegrityReport } from '../../contract/session';
import { codesOf } from '../errors';
import { defineJob, type JobContext } from '../jobs/job-kind';

const rowsOf = (rows: Record<string, unknown>[]) => rows.map((row) => String(Object.values(row)[0]));

/** SQLite's corruption codes, as a sentence for the report (a code, never a message: those can quote data). */
function damageProblem(err: unknown, what: string): string {
  const codes = codesOf(err);
  const code = codes.find((c) => c.startsWith('SQLITE_CORRUPT') || c === 'SQLITE_NOTADB') ?? codes[0] ?? 'unknown';
  return `${what} could not be read: the file is damaged (${code}).`;
}

/**
 * SQLCipher's page check (every page's HMAC, so damage and tampering both show) and then SQLite's full structural
 * check. On a damaged file either can throw rather than report, so a throw becomes a problem in the report: the
 * check always answers.
 */
export function checkIntegrity(ctx: Pick<JobContext, 'db' | 'onProgress' | 'throwIfCancelled'>): Omit<IntegrityReport, 'checkedAt'> {
  const problems: string[] = [];
  ctx.onProgress(0, 2, 'Checking every encrypted page');
  try {
    problems.push(...rowsOf(ctx.db.pragma('cipher_integrity_check')));
  } catch (err) {
    problems.push(damageProblem(err, 'The encrypted pages'));
  }
  ctx.throwIfCancelled();
  ctx.onProgress(1, 2, 'Checking the database structure');
  try {
    const rows = rowsOf(ctx.db.pragma('integrity_check'));
    if (!(rows.length === 1 && rows[0] === 'ok')) problems.push(...rows);
  } catch (err) {
    problems.push(damageProblem(err, 'The database structure'));
  }
  ctx.onProgress(2, 2, 'Checked');
  return { ok: problems.length === 0, problems };
}

export const integrityCheckJob = defineJob({
  label: 'The database check',
  cancel: 'terminate',
  run: (ctx, _input: Record<string, never>) => checkIntegrity(ctx),
});
