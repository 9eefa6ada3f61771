import { formatUkDate } from '../../contract/dates';
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
  registry.register('reports.yearEnd', async (req) => {
    const db = services.db();
    return services.jobs.run('reports.yearEnd', {
      period: periodOf(req.from, req.to),
      mode: req.mode,
      policy: readDisclosurePolicy(db),
      bankHolidays: [...readCasePolicy(db).bankHolidays],
    });
  });
  registry.register('reports.operational', async (req) => {
    const db = services.db();
    const today = services.today();
    const month = monthToDate(today);
    return services.jobs.run('reports.operational', {
      period: periodOf(req.from ?? month.from, req.to ?? month.to),
      today,
      mode: req.mode,
      policy: readDisclosurePolicy(db),
      bankHolidays: [...readCasePolicy(db).bankHolidays],
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
