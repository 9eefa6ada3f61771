import type { AboutInfo } from '../../contract/session';
import { sqlcipherVersion } from '../db/open';
import { schemaVersion } from '../db/migrate';
import type { IpcRegistry } from '../ipc/registry';
import type { AppServices } from './services';
import type { Session } from './session';
import type { DataFiles } from './data-files';

export function registerSessionHandlers(
  registry: IpcRegistry,
  session: Session,
  services: AppServices,
  info: { appName: string; version: string; files: DataFiles; logFile: string },
): void {
  registry.register('session.status', () => session.status());
  registry.register('session.activity', () => null);
  registry.register('session.lock', () => {
    session.lock('manual');
    return null;
  });
  registry.register('session.about', (): AboutInfo => {
    const db = session.isUnlocked ? services.db() : null;
    return {
      appName: info.appName,
      version: info.version,
      dataDir: info.files.dataDir,
      databaseFile: info.files.database,
      logFile: info.logFile,
      sqlcipherVersion: db ? sqlcipherVersion(db) : null,
      schemaVersion: db ? schemaVersion(db) : null,
    };
  });
  registry.register('vault.create', (req) => session.create(req.coordinatorName, req.passphrase));
  registry.register('vault.unlock', (req) => session.unlock(req.passphrase));
  registry.register('vault.unlockWithRecoveryKey', (req) => session.unlockWithRecoveryKey(req.recoveryKey));
  registry.register('vault.setPassphraseAfterRecovery', (req) => session.setPassphraseAfterRecovery(req.passphrase));
  registry.register('vault.changePassphrase', (req) => session.changePassphrase(req.current, req.passphrase));
  registry.register('vault.newRecoveryKey', (req) => session.newRecoveryKey(req.current));
  // On the job runner: at 100,000 cases the two checks take about 6 s, and main must keep answering meanwhile.
  registry.register('database.integrityCheck', async () => {
    const report = await services.jobs.run('database.integrity', {});
    services.logger.info('database.checked', { ok: report.ok, problems: report.problems.length });
    return { ...report, checkedAt: services.now().toISOString() };
  });
}
