import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppEvent } from '../../contract/events';
import type { LockReason } from '../../contract/session';
import type { DemoScale } from '../../contract/demo';
import { IpcRegistry, type SenderInfo } from '../ipc/registry';
import { createFileLogger, type Logger } from '../log/logger';
import { localToday, memoryClipboard, realTimers, type Clipboard, type Dialogs, type Paths, type Timers, type Today } from '../ports';
import { dataFiles } from './data-files';
import { Session, type DurableStep } from './session';
import { electronSupport } from './electron-support';
import { isDatabaseDamage } from '../db/file-state';
import { createServices, type AppServices } from './services';
import { registerSessionHandlers } from './session-handlers';
import { registerRecoveryKeyHandlers } from './recovery-key-handlers';
import { registerSettingsHandlers } from '../settings/settings-handlers';
import { registerDirectoryHandlers } from '../directory/handlers';
import { registerCaseHandlers } from '../cases/handlers';
import { registerCirculationHandlers } from '../circulation/handlers';
import { JobRunner } from '../jobs/runner';
import { sourceWorkerScript, type WorkerScript } from '../jobs/worker-script';
import { registerJobHandlers } from '../jobs/handlers';
import { AppFailure } from '../errors';
import { registerDraftHandlers } from '../drafts/handlers';
import { registerPrivacyHandlers } from '../privacy/handlers';
import { addExportFolders, knownFolders, notingSaveFolders, PROCESS_STARTED, removeStaleTemps } from '../privacy/stale-temp';
import { registerBackupHandlers } from '../backup/handlers';
import { BackupService } from '../backup/backup-service';
import { RestoreService } from '../backup/restore-service';
import { recoverInterruptedRestore } from '../backup/restore';
import { registerOfferHandlers } from '../offers/handlers';
import { registerEnquiryHandlers } from '../enquiries/handlers';
import { registerLedgerHandlers } from '../ledger/handlers';
import { registerDemoHandlers, type DemoSwitch } from '../demo/handlers';
import { registerReportHandlers } from '../reports/handlers';
import { registerRightsHandlers } from '../rights/handlers';

export interface CoreOptions {
  paths: Paths;
  appName?: string;
  version: string;
  dialogs: Dialogs;
  isTrustedSender(sender: SenderInfo): boolean;
  emit(event: AppEvent): void;
  timers?: Timers;
  today?: Today;
  logger?: Logger;
  /** The job worker's script; defaults to the TypeScript source (tests, e2e). The built app passes its own file. */
  jobWorker?: WorkerScript;
  /** The Electron version this runs on and the build date, for About's supported-window line; null outside Electron. */
  build?: { electronVersion: string | null; date: string };
  /** Hides the window from screen capture (Electron's setContentProtection). Absent in tests and the e2e harness. */
  screenPrivacy?: { apply(hidden: boolean): void; platformSupported: boolean };
  /** Test seam: called after each durable step of setup and key changes (a crash test kills the process there). */
  afterStep?: (step: DurableStep) => void;
  clipboard?: Clipboard;
  /** The demonstration store (issue 14): `paths.dataDir` is its own folder; backups say demo in their manifest. */
  demo?: boolean;
  /** How much made-up scheme the demonstration store is filled with. */
  demoScale?: DemoScale;
  /** Switches the app between the real and the demonstration store (`CoreHost`); absent for a single core. */
  demoSwitch?: DemoSwitch;
  /**
   * Bench only: the bench builds its synthetic store with SQLCipher's memory security off, which halves the time a
   * write takes and leaves the file exactly the same. The app never passes it (see SECURITY.md).
   */
  memorySecurity?: false;
}

export interface AppCore {
  registry: IpcRegistry;
  services: AppServices;
  session: Session;
  backups: BackupService;
  jobs: JobRunner;
  logFile: string;
  lock(reason: LockReason): void;
  close(): void;
}

/**
 * Everything the app does, independent of Electron: the Electron main process and the e2e harness both
 * build exactly this and route calls into `registry.dispatch`.
 */
export function createAppCore(options: CoreOptions): AppCore {
  const files = dataFiles(options.paths.dataDir);
  const timers = options.timers ?? realTimers;
  const fileLogger = createFileLogger({ dir: files.logDir, now: () => new Date(timers.now()) });
  const logger = options.logger ?? fileLogger;
  // A restore or backup killed part-way through: the previous data goes back before the store is looked at.
  const undone = recoverInterruptedRestore(files);
  if (undone) logger.warn('restore.interrupted', { undone });
  // An export or key write killed part-way leaves its hidden temporary file: the data folder's go now, the export
  // folders' at unlock (their list is in the encrypted store).
  removeStaleTemps([files.dataDir, files.logDir], PROCESS_STARTED, logger);
  const session = new Session(files, timers, logger, options.emit, options.afterStep, options.memorySecurity === false ? { memorySecurity: false } : {});
  // Hidden from capture until the setting can be read: it lives in the encrypted store.
  let hidden = true;
  const applyPrivacy = (next: boolean) => {
    hidden = next;
    options.screenPrivacy?.apply(next);
  };
  applyPrivacy(true);
  session.onLock(() => applyPrivacy(true));
  session.onSettings((settings) => applyPrivacy(settings.hideFromScreenCapture));
  const jobs = new JobRunner({
    script: options.jobWorker ?? sourceWorkerScript(),
    access: () => session.jobAccess(),
    emit: options.emit,
    logger,
    now: () => new Date(timers.now()),
  });
  // The folders chosen for saving during one IPC call, kept with that call (through its awaits, its jobs and its
  // dialogs) so that another call in between (a keystroke's activity ping, a status poll) neither drops nor takes them.
  const callFolders = new AsyncLocalStorage<string[]>();
  let tidied = false;
  session.onLock(() => (tidied = false));
  session.onSettings(() => {
    if (tidied) return;
    // Tidying must never fail an unlock: straight after a recovery-key unlock the store cannot be read until a new
    // passphrase is set, so this waits for the next refresh (which setting it makes).
    try {
      removeStaleTemps(knownFolders(services.db()), PROCESS_STARTED, logger);
      tidied = true;
    } catch {
      // Tried again at the next settings refresh or unlock.
    }
  });
  session.onLock(() => jobs.stopAll(new AppFailure('LOCKED', 'Reciprocal locked, so the job was stopped. Nothing was changed.')));
  // In demo mode the generator moves the app's today through the made-up years (one clock), then lets go of it.
  const clock: { override: string | null } = { override: null };
  const baseToday = options.today ?? localToday;
  const services = createServices({
    session,
    now: () => new Date(timers.now()),
    today: options.demo ? () => clock.override ?? baseToday() : baseToday,
    // Every folder the coordinator saves an export to is noted, so that a kill's leftovers there can be removed.
    dialogs: notingSaveFolders(options.dialogs, (folder) => callFolders.getStore()?.push(folder)),
    logger,
    emit: options.emit,
    jobs,
  });
  // The folders a call chose are written with that call's next audited change, which is the export's own: a cancelled
  // or refused export writes nothing (its change rolls back, and the folder is forgotten with it).
  const plainChange = services.change.bind(services);
  services.change = (fn) => {
    const folders = callFolders.getStore()?.splice(0) ?? [];
    return plainChange((tx) => {
      const out = fn(tx);
      addExportFolders(tx.db, folders);
      return out;
    });
  };
  const registry = new IpcRegistry({
    isTrustedSender: options.isTrustedSender,
    logger,
    onCall: (channel) => {
      if (channel !== 'session.status') session.touch();
    },
    // Each call gets its own list of chosen folders; one that ends without its change forgets them with it.
    runCall: (run) => callFolders.run([], run),
    // SQLite's corruption errors, from any call, put the session in the damaged state: one clear message, no writes.
    onUnexpected: (err) => (isDatabaseDamage(err) ? session.markDamaged().toError() : null),
  });

  registerSessionHandlers(registry, session, services, {
    appName: options.appName ?? 'Reciprocal',
    version: options.version,
    files,
    logFile: fileLogger.file,
    electron: options.build?.electronVersion ? electronSupport(options.build.electronVersion, options.build.date) : null,
    screenPrivacy: () => ({ hidden, platformSupported: options.screenPrivacy?.platformSupported ?? false }),
  });
  registerRecoveryKeyHandlers(registry, services, {
    clipboard: options.clipboard ?? memoryClipboard(),
    timers,
    isUnlocked: () => session.isUnlocked && !session.status().mustChangePassphrase,
  });
  registerSettingsHandlers(registry, services);
  registerDirectoryHandlers(registry, services);
  registerCaseHandlers(registry, services);
  registerCirculationHandlers(registry, services);
  registerJobHandlers(registry, jobs);
  registerDraftHandlers(registry, services);
  registerPrivacyHandlers(registry, services);
  const backups = new BackupService({
    services,
    isUnlocked: () => session.isUnlocked,
    files,
    appVersion: options.version,
    timers,
    emit: options.emit,
    demo: options.demo ?? false,
  });
  const restores = new RestoreService({ services, isUnlocked: () => session.isUnlocked, lock: () => session.lock('manual'), files });
  session.onLock(() => restores.onLocked());
  registerBackupHandlers(registry, services, backups, restores);
  backups.scheduler.start();
  registerOfferHandlers(registry, services);
  registerEnquiryHandlers(registry, services);
  registerLedgerHandlers(registry, services);
  registerDemoHandlers(registry, services, {
    demo: options.demo ?? false,
    scale: options.demoScale ?? 'small',
    isUnlocked: () => session.isUnlocked,
    setToday: (day) => (clock.override = day),
    baseToday,
    jobs,
    ...(options.demoSwitch ? { switcher: options.demoSwitch } : {}),
  });
  registerReportHandlers(registry, services);
  registerRightsHandlers(registry, services);

  const missing = registry.missing();
  if (missing.length) throw new Error(`No handler for: ${missing.join(', ')}`);
  logger.info('app.started', { version: options.version });

  return {
    registry,
    services,
    session,
    backups,
    jobs,
    logFile: fileLogger.file,
    lock: (reason) => session.lock(reason),
    close: () => {
      backups.scheduler.stop();
      session.lock('shutdown');
    },
  };
}
