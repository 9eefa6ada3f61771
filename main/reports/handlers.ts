import { createHash } from 'node:crypto';
import path from 'node:path';
import { formatUkDate } from '../../contract/dates';
import type { ReportMode } from '../../contract/reports';
import { insertExport } from '../circulation/circulation-store';
import { fileFailure } from '../errors';
import { writeFileAtomic } from '../vault/atomic-write';
import { reportCsv, reportPdf } from './export';
import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import { readCasePolicy } from '../cases/policy';
import type { IpcRegistry } from '../ipc/registry';
import { financialYearOf, type Period } from './period';
import { readDisclosurePolicy, writeDisclosurePolicy } from './report-policy';
import { monthToDate } from './sources/operational';

/** A financial year keeps its name ("2025/26"); any other range is named by its dates. */
export function periodOf(from: string, to: string): Period {
  const fy = financialYearOf(from);
  if (fy.from === from && fy.to === to) return fy;
  return { from, to, label: `${formatUkDate(from)} to ${formatUkDate(to)}` };
}

/** Reports (issue 13). The numbers are computed in a worker (main/reports/year-end-job.ts); these handlers stay thin. */
export function registerReportHandlers(registry: IpcRegistry, services: AppServices): void {
  const yearEnd = (from: string, to: string, mode: ReportMode) => {
    const db = services.db();
    return services.jobs.run('reports.yearEnd', {
      period: periodOf(from, to),
      mode,
      policy: readDisclosurePolicy(db),
      bankHolidays: [...readCasePolicy(db).bankHolidays],
    });
  };
  const operational = (from: string, to: string, mode: ReportMode) => {
    const db = services.db();
    return services.jobs.run('reports.operational', {
      period: periodOf(from, to),
      today: services.today(),
      mode,
      policy: readDisclosurePolicy(db),
      bankHolidays: [...readCasePolicy(db).bankHolidays],
    });
  };
  registry.register('reports.yearEnd', (req) => yearEnd(req.from, req.to, req.mode));
  registry.register('reports.operational', (req) => {
    const month = monthToDate(services.today());
    return operational(req.from ?? month.from, req.to ?? month.to, req.mode);
  });
  registry.register('reports.export', async (req) => {
    const kind = req.report === 'year_end' ? 'Year-end report' : 'Operational report';
    const file = await services.dialogs.chooseSaveFile({
      title: `Export the ${kind.toLowerCase()}`,
      defaultName: `reciprocal-${req.report === 'year_end' ? 'year-end' : 'operational'}-${req.from}-to-${req.to}-${req.mode}.${req.format}`,
      filters: req.format === 'pdf' ? [{ name: 'PDF', extensions: ['pdf'] }] : [{ name: 'CSV (UTF-8)', extensions: ['csv'] }],
    });
    if (file === null) return { cancelled: true as const };
    const view = await (req.report === 'year_end' ? yearEnd : operational)(req.from, req.to, req.mode);
    const bytes = req.format === 'pdf' ? await reportPdf(view, new Date(`${services.today()}T00:00:00Z`), kind) : reportCsv(view, kind);
    return services.change((tx) => {
      // Written inside the transaction: if the file cannot be written, the export row and audit entry roll back.
      try {
        writeFileAtomic(file, bytes);
      } catch (err) {
        throw fileFailure(err, 'save') ?? err;
      }
      insertExport(tx.db, {
        kind: 'report',
        at: tx.now.toISOString(),
        actor: tx.actor,
        caseId: null,
        fileName: path.basename(file),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
        // Neither mode writes a name, reference, date of birth, postcode or free text (see export.ts).
        holdsIdentity: false,
        encrypted: false,
      });
      tx.audit({
        action: 'report.exported',
        entityType: 'report',
        summary: `${kind} ${view.period.label} exported as ${req.format.toUpperCase()} (${req.mode})`,
      });
      return { cancelled: false as const, fileName: path.basename(file), bytes: bytes.length };
    });
  });
  registry.register('reports.getPolicy', () => readDisclosurePolicy(services.db()));
  registry.register('reports.updatePolicy', (req) =>
    services.change((tx) => {
      const before = readDisclosurePolicy(tx.db);
      const changes = diffFields(before, req, ['threshold', 'roundingBase']);
      writeDisclosurePolicy(tx.db, req);
      tx.audit({
        action: 'settings.report_policy_updated',
        entityType: 'settings',
        entityId: 'reports.disclosure',
        summary: changes.length === 0 ? 'Publishing policy saved with no change' : 'Publishing policy changed',
        changes,
      });
      return req;
    }),
  );
}
