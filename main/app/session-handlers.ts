import type { AboutInfo } from '../../contract/session';
import { cipherIntegrityCheck, sqlcipherVersion } from '../db/open';
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
  registry.register('database.integrityCheck', () => {
    const db = services.db();
    const problems = cipherIntegrityCheck(db);
    let quick: string[];
    try {
      quick = db.pragma('quick_check').map((row) => String(Object.values(row)[0]));
    } catch {
      // A page that fails SQLCipher's check stops SQLite's own check part-way: say so rather than fail the check.
      quick = ['SQLite could not read the whole file to check it: part of it is damaged.'];
    }
    if (!(quick.length === 1 && quick[0] === 'ok')) problems.push(...quick);
    return { ok: problems.length === 0, problems, checkedAt: services.now().toISOString() };
  });
}
