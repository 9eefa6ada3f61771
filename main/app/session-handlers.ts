import type { AboutInfo, ElectronSupport, ScreenPrivacy } from '../../contract/session';
import { sqlcipherVersion } from '../db/open';
import { schemaVersion } from '../db/migrate';
import type { IpcRegistry } from '../ipc/registry';
import { AppFailure } from '../errors';
import { loadStrengthEstimator, passphraseWeakness } from '../../contract/passphrase-strength';
import type { AppServices } from './services';
import type { Session } from './session';
import type { DataFiles } from './data-files';

export function registerSessionHandlers(
  registry: IpcRegistry,
  session: Session,
  services: AppServices,
  info: { appName: string; version: string; files: DataFiles; logFile: string; electron: ElectronSupport | null; screenPrivacy(): ScreenPrivacy },
): void {
  // zxcvbn's dictionaries take a moment to load: start now, so the first passphrase chosen does not wait for them.
  void loadStrengthEstimator();
  registry.register('session.status', () => session.status());
  registry.register('session.activity', () => null);
  registry.register('session.lock', () => {
    session.lock('manual');
    return null;
  });
  registry.register('session.about', (): AboutInfo => {
    const db = session.isUnlocked && !session.status().mustChangePassphrase ? services.db() : null;
    return {
      appName: info.appName,
      version: info.version,
      dataDir: info.files.dataDir,
      databaseFile: info.files.database,
      logFile: info.logFile,
      sqlcipherVersion: db ? sqlcipherVersion(db) : null,
      schemaVersion: db ? schemaVersion(db) : null,
      electron: info.electron,
      screenPrivacy: info.screenPrivacy(),
    };
  });
  registry.register('vault.confirmRecoveryKey', () => session.confirmRecoveryKey());
  registry.register('database.startAgain', () => session.startAgain());
  registry.register('vault.create', async (req) => {
    const locks = session.lockCount;
    await requireStrong(req.passphrase, [req.coordinatorName]);
    return session.create(req.coordinatorName, req.passphrase, locks);
  });
  registry.register('vault.unlock', (req) => session.unlock(req.passphrase));
  registry.register('vault.unlockWithRecoveryKey', (req) => session.unlockWithRecoveryKey(req.recoveryKey));
  registry.register('vault.setPassphraseAfterRecovery', async (req) => {
    await requireStrong(req.passphrase, [session.status().coordinatorName ?? '']);
    return session.setPassphraseAfterRecovery(req.passphrase);
  });
  registry.register('vault.changePassphrase', async (req) => {
    await requireStrong(req.passphrase, [session.status().coordinatorName ?? '']);
    return session.changePassphrase(req.current, req.passphrase);
  });
  registry.register('vault.newRecoveryKey', (req) => session.newRecoveryKey(req.current));
  // On the job runner: at 100,000 cases the two checks take about 6 s, and main must keep answering meanwhile.
  registry.register('database.integrityCheck', async () => {
    // Missing, empty or cut short, and locked since: without the key the file can only be looked at from outside.
    const damage = session.status().damage;
    if (damage && !damage.canCheck) return { ok: false, problems: [damage.message], checkedAt: services.now().toISOString() };
    const report = await services.jobs.run('database.integrity', {});
    services.logger.info('database.checked', { ok: report.ok, problems: report.problems.length });
    return { ...report, checkedAt: services.now().toISOString() };
  });
}

/** The same zxcvbn rule as the form's meter (contract/passphrase-strength.ts), enforced where it matters. */
async function requireStrong(passphrase: string, userInputs: string[]): Promise<void> {
  const estimate = await loadStrengthEstimator();
  const weakness = passphraseWeakness(estimate(passphrase, userInputs.filter(Boolean)));
  if (weakness) throw new AppFailure('VALIDATION', `${weakness} Nothing was changed.`, { fields: { passphrase: weakness } });
}
