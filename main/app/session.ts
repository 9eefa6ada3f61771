import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DamageKind, DatabaseDamage, LockReason, SessionStatus } from '../../contract/session';
import type { AppEvent } from '../../contract/events';
import { AppFailure, errorCodeOf } from '../errors';
import type { Logger } from '../log/logger';
import type { Timers } from '../ports';
import { openEncrypted, installSqlcipherLogger } from '../db/open';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { createKeyFile, KeyFileError, readKeyFile, rewrapSlot, unwrapKey, writeKeyFile, type KeyFile, type SlotName } from '../vault/key-file';
import { writeFileAtomic, fsyncDir } from '../vault/atomic-write';
import { createPrivateFile, damageMessage, databaseFileProblem, isDatabaseDamage, makeDatabaseFilesPrivate } from '../db/file-state';
import { isRecoveryKeyConfirmed, markRecoveryKey } from '../vault/recovery-key-state';
import { generateRecoveryKey, normaliseRecoveryKey } from '../vault/recovery-key';
import { UnlockThrottle } from '../vault/throttle';
import { appendAudit } from '../audit/audit';
import { readGeneralSettings, writeGeneralSetting } from '../settings/settings-repo';
import type { DataFiles } from './data-files';
import type { GeneralSettings } from '../../contract/settings';
import type { JobAccess } from '../jobs/runner';

/**
 * The durable steps of setup and of a key change, named so that a test can kill the process right after each one
 * (in a child process) and check what the next start finds.
 */
export type DurableStep =
  'setup.marker-written' | 'setup.key-written' | 'setup.database-written' | 'setup.done' | 'key-change.staged' | 'key-change.audited' | 'key-change.done';

const seconds = (ms: number) => {
  const n = Math.ceil(ms / 1000);
  return n === 1 ? '1 second' : `${n} seconds`;
};

interface Open {
  db: Db;
  /** Kept while unlocked so that a job's worker can open its own connection; zeroed on lock. */
  dataKey: Buffer;
  /** Kept only between a recovery-key unlock and the new passphrase; otherwise dropped once the db is open. */
  recoveryDataKey: Buffer | null;
}

/**
 * Owns the lock: whether the database is open, the idle timer, and every path between the states
 * needs-setup → unlocked ⇄ locked. Locking closes the database and zeroes any key bytes we hold.
 */
export class Session {
  private open: Open | null = null;
  private idleTimer: unknown = null;
  private readonly throttle: UnlockThrottle;
  private busy: Promise<unknown> = Promise.resolve();
  private autoLockMinutes = 5;
  /** Counts lock requests, including those that arrive while already locked (a suspend during an unlock). */
  private lockRequests = 0;
  private readonly lockListeners: (() => void)[] = [];
  private readonly settingsListeners: ((settings: GeneralSettings) => void)[] = [];
  /** Set when a call found the database damaged after an unlock: the key is kept so the check can open the file. */
  private damaged: { kind: DamageKind; dataKey: Buffer } | null = null;

  constructor(
    private readonly files: DataFiles,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly emit: (event: AppEvent) => void,
    private readonly afterStep: (step: DurableStep) => void = () => undefined,
    /** How the store's connection is opened: the bench's store build alone passes `memorySecurity: false`. */
    private readonly openOptions: { memorySecurity?: false } = {},
  ) {
    fs.mkdirSync(files.dataDir, { recursive: true, mode: 0o700 });
    // mkdir's mode applies only to a folder it creates, and Electron creates its userData folder itself (0755 under a
    // usual umask). The database is encrypted, but its name, size and the logs are no one else's business either.
    try {
      if (process.platform !== 'win32') fs.chmodSync(files.dataDir, 0o700);
    } catch (err) {
      logger.warn('data_dir.not_private', { code: errorCodeOf(err) });
    }
    installSqlcipherLogger(logger);
    this.throttle = new UnlockThrottle(files.throttle, () => timers.now());
  }

  /** Unlock attempts run one at a time, so a double click cannot race two key derivations. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  /**
   * What the files on disk say, while nothing is open. A setup marker means setup never finished: set up again. A key
   * file with a missing, empty or cut-short database is damage, never a reason to make a new database.
   */
  private fileState(): { state: 'needs-setup' | 'locked' } | { state: 'damaged'; kind: DamageKind } {
    if (fs.existsSync(this.files.setupMarker)) return { state: 'needs-setup' };
    const hasKey = fs.existsSync(this.files.keyFile);
    const problem = databaseFileProblem(this.files.database);
    if (!hasKey && problem === 'missing') return { state: 'needs-setup' };
    if (hasKey && problem) return { state: 'damaged', kind: problem };
    return { state: 'locked' };
  }

  private damage(): DatabaseDamage | null {
    if (this.open) return null;
    if (this.damaged) return { kind: this.damaged.kind, message: damageMessage(this.damaged.kind), canCheck: true };
    const files = this.fileState();
    return files.state === 'damaged' ? { kind: files.kind, message: damageMessage(files.kind), canCheck: false } : null;
  }

  status(): SessionStatus {
    const damage = this.damage();
    const state = this.open ? 'unlocked' : damage ? 'damaged' : this.fileState().state;
    return {
      state,
      mustChangePassphrase: Boolean(this.open?.recoveryDataKey),
      retryAfterMs: this.open ? 0 : this.throttle.retryAfterMs(),
      coordinatorName: this.open ? readGeneralSettings(this.open.db).coordinatorName : null,
      damage,
      recoveryKeyUnconfirmed: this.open && !this.open.recoveryDataKey ? !isRecoveryKeyConfirmed(this.open.db) : false,
    };
  }

  private damagedFailure(): AppFailure {
    const damage = this.damage();
    return new AppFailure(
      'DATABASE_DAMAGED',
      `${damage ? damage.message : damageMessage('corrupt')} Check the database file, restore it from a backup, or start again.`,
    );
  }

  /**
   * A call met SQLite's corruption or not-a-database error: close the connection (so nothing more is written to a
   * damaged file), keep the key for the integrity check, and tell the window. Every later call says why.
   */
  markDamaged(): AppFailure {
    const open = this.open;
    if (open) {
      this.open = null;
      open.recoveryDataKey?.fill(0);
      this.damaged = { kind: 'corrupt', dataKey: open.dataKey };
      for (const listener of this.lockListeners) listener();
      try {
        open.db.close();
      } catch {
        // A damaged file can refuse even to close cleanly; the handle is dropped either way.
      }
      if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
      this.idleTimer = null;
      this.logger.warn('database.damaged', { kind: 'corrupt' });
      this.emit({ type: 'database-damaged' });
    }
    return this.damagedFailure();
  }

  get isDamaged(): boolean {
    return !this.open && this.damage() !== null;
  }

  /** How many locks were requested so far; a slow request compares it with its own start. */
  get lockCount(): number {
    return this.lockRequests;
  }

  get isUnlocked(): boolean {
    return this.open !== null;
  }

  /** The open database for feature handlers; refuses while locked or while a new passphrase is owed. */
  db(): Db {
    if (!this.open && this.isDamaged) throw this.damagedFailure();
    if (!this.open) throw new AppFailure('LOCKED', 'Reciprocal is locked. Unlock it to continue.');
    if (this.open.recoveryDataKey) throw new AppFailure('LOCKED', 'Set a new passphrase before continuing.');
    return this.open.db;
  }

  /**
   * First run, all or nothing. The setup marker is written first and removed last, so a crash at any step leaves it,
   * and the next start offers setup again from the beginning (a new recovery key included) rather than opening an
   * empty store whose recovery key was never shown.
   */
  create(coordinatorName: string, passphrase: string, locksAtRequest = this.lockRequests): Promise<{ recoveryKey: string }> {
    return this.serial(async () => {
      if (this.open || this.fileState().state !== 'needs-setup') {
        throw new AppFailure('ALREADY_SET_UP', 'Reciprocal is already set up on this computer. Unlock it instead.');
      }
      this.removeSetupFiles();
      const dataKey = randomBytes(32);
      const recoveryKey = generateRecoveryKey();
      // Counted from when the request arrived: a lock while the handler checked the passphrase counts too.
      const requests = locksAtRequest;
      try {
        writeFileAtomic(this.files.setupMarker, JSON.stringify({ startedAt: new Date(this.timers.now()).toISOString() }));
        this.afterStep('setup.marker-written');
        const keyFile = await createKeyFile(dataKey, passphrase, recoveryKey, new Date(this.timers.now()));
        writeKeyFile(this.files.keyFile, keyFile);
        this.afterStep('setup.key-written');
        createPrivateFile(this.files.database);
        const db = openEncrypted(this.files.database, dataKey, this.openOptions);
        try {
          migrate(db);
          db.transaction(() => {
            writeGeneralSetting(db, 'coordinatorName', coordinatorName);
            markRecoveryKey(db, null);
            appendAudit(db, coordinatorName, new Date(this.timers.now()), {
              action: 'vault.created',
              entityType: 'vault',
              entityId: keyFile.revision ?? null,
              summary: 'Encrypted database created',
            });
          })();
          this.afterStep('setup.database-written');
          fs.rmSync(this.files.setupMarker);
          fsyncDir(this.files.dataDir);
          this.afterStep('setup.done');
        } catch (err) {
          db.close();
          throw err;
        }
        this.logger.info('vault.created');
        if (this.lockRequests !== requests) {
          // The computer locked while the database was being made. Setup is complete and the recovery key must still
          // be shown once, but the app stays locked: the coordinator unlocks with the new passphrase afterwards.
          db.close();
          return { recoveryKey };
        }
        this.open = { db, dataKey: Buffer.from(dataKey), recoveryDataKey: null };
        this.refreshSettings();
        return { recoveryKey };
      } catch (err) {
        // A half-made setup would leave a database nobody can open: remove it so setup can start again.
        this.open = null;
        this.removeSetupFiles();
        throw err;
      } finally {
        dataKey.fill(0);
      }
    });
  }

  /** What an unfinished setup leaves behind; the marker goes last, so a crash here is still an unfinished setup. */
  private removeSetupFiles(): void {
    const f = this.files;
    for (const file of [f.keyFile, f.keyFileNext, f.database, `${f.database}-wal`, `${f.database}-shm`, f.setupMarker]) fs.rmSync(file, { force: true });
  }

  private loadKeyFile(): KeyFile {
    if (!fs.existsSync(this.files.keyFile)) {
      throw new AppFailure(
        'DATABASE_UNREADABLE',
        `The key file (reciprocal.key.json) is missing from the data folder. Restore it from your backup; without it the database cannot be opened.`,
      );
    }
    try {
      return readKeyFile(this.files.keyFile);
    } catch (err) {
      // Damage is not a wrong passphrase: it says so, and it does not count towards the waiting time.
      if (err instanceof KeyFileError) {
        const what = err.reason === 'unsafe' ? 'It may be damaged or not made by Reciprocal.' : '';
        throw new AppFailure(
          'KEY_FILE_DAMAGED',
          `${err.message} ${what} Restore reciprocal.key.json from your backup. Your passphrase was not tried.`.replace('  ', ' '),
        );
      }
      throw err;
    }
  }

  private checkThrottle(): void {
    const wait = this.throttle.retryAfterMs();
    if (wait > 0) {
      throw new AppFailure('THROTTLED', `Too many wrong attempts. Wait ${seconds(wait)} before trying again.`, { retryAfterMs: wait });
    }
  }

  private failedAttempt(code: 'WRONG_PASSPHRASE' | 'WRONG_RECOVERY_KEY', what: string): never {
    this.throttle.recordFailure();
    this.logger.info('vault.unlock_failed', { failures: this.throttle.failures });
    const wait = this.throttle.retryAfterMs();
    const then = wait > 0 ? ` Wait ${seconds(wait)} before the next try.` : '';
    throw new AppFailure(code, `${what}${then}`, wait > 0 ? { retryAfterMs: wait } : {});
  }

  /**
   * Opens and migrates an existing database: never creates one. A damaged file (found here or by the first reads)
   * puts the session in the damaged state with the key kept for the check; on any other failure the key is zeroed.
   */
  private openWith(dataKey: Buffer, keepKey: boolean): void {
    const problem = databaseFileProblem(this.files.database);
    if (problem) {
      dataKey.fill(0);
      throw this.damagedFailure();
    }
    let db: Db | null = null;
    try {
      makeDatabaseFilesPrivate(this.files.database);
      db = openEncrypted(this.files.database, dataKey, { ...this.openOptions, mustExist: true });
      migrate(db);
      readGeneralSettings(db);
      isRecoveryKeyConfirmed(db);
    } catch (err) {
      try {
        db?.close();
      } catch {
        // A damaged file can refuse to close cleanly.
      }
      if (isDatabaseDamage(err)) {
        this.damaged = { kind: 'corrupt', dataKey };
        this.logger.warn('database.damaged', { kind: 'corrupt', during: 'unlock' });
        throw this.damagedFailure();
      }
      dataKey.fill(0);
      throw err;
    }
    this.open = { db, dataKey, recoveryDataKey: keepKey ? Buffer.from(dataKey) : null };
    this.refreshSettings();
  }

  /** Unlock is refused while the files on disk say the database is missing or damaged, or setup never finished. */
  private refuseIfDamaged(): void {
    if (this.isDamaged) throw this.damagedFailure();
    if (this.fileState().state === 'needs-setup') throw new AppFailure('NOT_SET_UP', 'Reciprocal is not set up on this computer yet. Set it up first.');
  }

  /** The computer went to sleep or its screen locked while the key was being stretched: stay locked. */
  private refuseIfLockedMeanwhile(requests: number, dataKey: Buffer): void {
    if (this.lockRequests === requests) return;
    dataKey.fill(0);
    throw new AppFailure('LOCKED', 'The computer was locked while Reciprocal was unlocking, so it stayed locked. Unlock it again.');
  }

  unlock(passphrase: string): Promise<SessionStatus> {
    return this.serial(async () => {
      if (this.open) return this.status();
      this.refuseIfDamaged();
      this.checkThrottle();
      const keyFile = this.loadKeyFile();
      const requests = this.lockRequests;
      const { dataKey, viaPending } = await this.unwrapEither(keyFile, passphrase, 'passphrase');
      if (!dataKey) this.failedAttempt('WRONG_PASSPHRASE', 'That passphrase is not right. Check Caps Lock and try again.');
      this.refuseIfLockedMeanwhile(requests, dataKey);
      this.openWith(dataKey, false);
      this.reconcileKeyChange(viaPending, 'passphrase');
      this.throttle.recordSuccess();
      this.logger.info('vault.unlocked', { via: 'passphrase' });
      return this.status();
    });
  }

  unlockWithRecoveryKey(input: string): Promise<SessionStatus> {
    return this.serial(async () => {
      if (this.open) return this.status();
      this.refuseIfDamaged();
      this.checkThrottle();
      const recoveryKey = normaliseRecoveryKey(input);
      if (!recoveryKey) this.failedAttempt('WRONG_RECOVERY_KEY', 'That is not a recovery key: it has 32 letters and digits in groups of four.');
      const keyFile = this.loadKeyFile();
      const requests = this.lockRequests;
      const { dataKey, viaPending } = await this.unwrapEither(keyFile, recoveryKey, 'recovery');
      if (!dataKey) this.failedAttempt('WRONG_RECOVERY_KEY', 'That recovery key does not match this database. Check each group of four and try again.');
      this.refuseIfLockedMeanwhile(requests, dataKey);
      this.openWith(dataKey, true);
      this.reconcileKeyChange(viaPending, 'recovery');
      this.throttle.recordSuccess();
      this.logger.info('vault.unlocked', { via: 'recovery-key' });
      return this.status();
    });
  }

  /** The key file left by a key change that a crash interrupted, if any (a damaged one is only our own temporary file). */
  private pendingKeyFile(): KeyFile | null {
    if (!fs.existsSync(this.files.keyFileNext)) return null;
    try {
      return readKeyFile(this.files.keyFileNext);
    } catch {
      fs.rmSync(this.files.keyFileNext, { force: true });
      return null;
    }
  }

  /** Tries the key file, then the pending one of an interrupted change (the coordinator may type either secret). */
  private async unwrapEither(keyFile: KeyFile, secret: string, slot: SlotName): Promise<{ dataKey: Buffer | null; viaPending: boolean }> {
    const dataKey = await unwrapKey(keyFile, secret, slot);
    if (dataKey) return { dataKey, viaPending: false };
    const pending = this.pendingKeyFile();
    const fromPending = pending ? await unwrapKey(pending, secret, slot) : null;
    return { dataKey: fromPending, viaPending: fromPending !== null };
  }

  /**
   * Finishes or undoes a key change a crash interrupted, now that the audit log can be read: its entry names the new
   * key file's revision. With the entry, the new file goes into place; without it, the change did not happen.
   */
  private reconcileKeyChange(viaPending: boolean, slot: SlotName): void {
    const pending = this.pendingKeyFile();
    if (!pending || !this.open) return;
    const audited = this.open.db
      .prepare("SELECT 1 FROM audit_log WHERE entity_type = 'vault' AND entity_id = ?", { pluck: true })
      .get([pending.revision ?? '']);
    if (audited) {
      fs.renameSync(this.files.keyFileNext, this.files.keyFile);
      fsyncDir(this.files.dataDir);
      this.logger.info('vault.key_change_completed');
      return;
    }
    fs.rmSync(this.files.keyFileNext, { force: true });
    this.logger.info('vault.key_change_undone');
    if (viaPending) {
      // The secret typed belongs to a change that never happened: it must not open the store from now on.
      this.lock('manual');
      const what = slot === 'passphrase' ? 'passphrase' : 'recovery key';
      throw new AppFailure(
        slot === 'passphrase' ? 'WRONG_PASSPHRASE' : 'WRONG_RECOVERY_KEY',
        `That is the new ${what} of a change that did not finish (Reciprocal closed before saving it), so the old ${what} is still the one to use. Nothing was changed.`,
      );
    }
  }

  setPassphraseAfterRecovery(passphrase: string): Promise<SessionStatus> {
    return this.serial(async () => {
      const open = this.open;
      if (!open?.recoveryDataKey) throw new AppFailure('RULE', 'A new passphrase can be set this way only straight after unlocking with the recovery key.');
      const keyFile = this.loadKeyFile();
      // Wrap a copy: locking during the key stretch zeroes the session's key, and wrapping those zeroes would leave a
      // passphrase slot that opens nothing.
      const dataKey = Buffer.from(open.recoveryDataKey);
      let next: KeyFile;
      try {
        next = await rewrapSlot(keyFile, dataKey, passphrase, 'passphrase', new Date(this.timers.now()));
      } finally {
        dataKey.fill(0);
      }
      this.assertStillOpen(open, 'the new passphrase was saved');
      this.replaceKeyFile(open, next, 'vault.passphrase_reset', 'Passphrase replaced after unlocking with the recovery key');
      open.recoveryDataKey?.fill(0);
      open.recoveryDataKey = null;
      this.logger.info('vault.passphrase_reset');
      return this.status();
    });
  }

  /**
   * Key stretching is slow and asynchronous, so the session can lock (idle, suspend, the Lock button) while it runs.
   * The key file and its audit entry are then written together or not at all: from here to the audit entry is
   * synchronous, so nothing can lock in between.
   */
  private assertStillOpen(open: Open, what: string): void {
    if (this.open !== open) {
      throw new AppFailure('LOCKED', `Reciprocal locked before ${what}, so nothing was changed. Unlock it and try again.`);
    }
  }

  private async verifyCurrent(current: string): Promise<{ keyFile: KeyFile; dataKey: Buffer }> {
    this.checkThrottle();
    const keyFile = this.loadKeyFile();
    const dataKey = await unwrapKey(keyFile, current, 'passphrase');
    if (!dataKey) this.failedAttempt('WRONG_PASSPHRASE', 'The current passphrase is not right, so nothing was changed.');
    this.throttle.recordSuccess();
    return { keyFile, dataKey };
  }

  changePassphrase(current: string, passphrase: string): Promise<null> {
    return this.serial(async () => {
      this.db();
      const open = this.open!;
      const { keyFile, dataKey } = await this.verifyCurrent(current);
      let next: KeyFile;
      try {
        next = await rewrapSlot(keyFile, dataKey, passphrase, 'passphrase', new Date(this.timers.now()));
      } finally {
        dataKey.fill(0);
      }
      this.assertStillOpen(open, 'the passphrase was changed');
      this.replaceKeyFile(open, next, 'vault.passphrase_changed', 'Passphrase changed');
      return null;
    });
  }

  newRecoveryKey(current: string): Promise<{ recoveryKey: string }> {
    return this.serial(async () => {
      this.db();
      const open = this.open!;
      const { keyFile, dataKey } = await this.verifyCurrent(current);
      const recoveryKey = generateRecoveryKey();
      let next: KeyFile;
      try {
        next = await rewrapSlot(keyFile, dataKey, recoveryKey, 'recovery', new Date(this.timers.now()));
      } finally {
        dataKey.fill(0);
      }
      // Writing the new slot after a lock would retire the old recovery key while the coordinator never sees the new one.
      this.assertStillOpen(open, 'the new recovery key was saved');
      this.replaceKeyFile(open, next, 'vault.recovery_key_replaced', 'Recovery key replaced; the old one no longer works', (db) => markRecoveryKey(db, null));
      return { recoveryKey };
    });
  }

  /**
   * A key change in three durable steps, so that a crash at any point leaves the old key file with no entry, or the new
   * one with its entry:
   *   1. write the new file beside the old one (`reciprocal.key.json.next`);
   *   2. commit the audit entry, which names the new file's revision;
   *   3. rename the new file over the old.
   * A crash after 1 leaves a pending file without an entry: the next unlock removes it. A crash after 2 leaves one with
   * its entry: the next unlock puts it in place (`reconcileKeyChange`).
   */
  private replaceKeyFile(open: Open, next: KeyFile, action: string, summary: string, alsoInTransaction?: (db: Db) => void): void {
    const db = open.db;
    const actor = readGeneralSettings(db).coordinatorName;
    writeKeyFile(this.files.keyFileNext, next);
    this.afterStep('key-change.staged');
    try {
      db.transaction(() => {
        appendAudit(db, actor, new Date(this.timers.now()), { action, entityType: 'vault', entityId: next.revision ?? null, summary });
        alsoInTransaction?.(db);
      })();
    } catch (err) {
      fs.rmSync(this.files.keyFileNext, { force: true });
      throw err;
    }
    this.afterStep('key-change.audited');
    fs.renameSync(this.files.keyFileNext, this.files.keyFile);
    fsyncDir(this.files.dataDir);
    this.afterStep('key-change.done');
  }

  /** The coordinator says they stored the recovery key: recorded with its audit entry. */
  confirmRecoveryKey(): SessionStatus {
    const db = this.db();
    const actor = readGeneralSettings(db).coordinatorName;
    db.transaction(() => {
      markRecoveryKey(db, new Date(this.timers.now()).toISOString());
      appendAudit(db, actor, new Date(this.timers.now()), {
        action: 'vault.recovery_key_stored',
        entityType: 'vault',
        summary: 'Recovery key stored safely (confirmed by the coordinator)',
      });
    })();
    return this.status();
  }

  /**
   * Only in the damaged state, once confirmed: the damaged files move to a dated folder inside the data folder (nothing
   * is deleted: a backup restore or an expert may still want them), and the app goes back to first-run setup.
   */
  startAgain(): { movedTo: string | null } {
    if (this.open || !this.isDamaged)
      throw new AppFailure('RULE', 'Starting again is offered only when the database is missing or damaged. Nothing was changed.');
    this.lock('manual');
    const stamp = new Date(this.timers.now()).toISOString().replace(/[:.]/g, '-');
    const folder = path.join(this.files.dataDir, `damaged-${stamp}`);
    const f = this.files;
    const present = [f.database, `${f.database}-wal`, `${f.database}-shm`, f.keyFile, f.keyFileNext].filter((file) => fs.existsSync(file));
    if (present.length) {
      fs.mkdirSync(folder, { mode: 0o700 });
      for (const file of present) fs.renameSync(file, path.join(folder, path.basename(file)));
      fsyncDir(f.dataDir);
    }
    this.logger.warn('database.started_again', { moved: present.length });
    return { movedTo: present.length ? folder : null };
  }

  lock(reason: LockReason): void {
    this.lockRequests += 1;
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.damaged) {
      this.damaged.dataKey.fill(0);
      this.damaged = null;
    }
    const open = this.open;
    if (!open) return;
    this.open = null;
    open.recoveryDataKey?.fill(0);
    open.dataKey.fill(0);
    for (const listener of this.lockListeners) listener();
    try {
      open.db.close();
    } catch {
      // Closing can fail only if the handle is already gone; the session is locked either way.
    }
    this.logger.info('vault.locked', { reason });
    this.emit({ type: 'locked', reason });
  }

  /** Called on every lock, before the database closes (the job runner stops its workers here). */
  onLock(listener: () => void): void {
    this.lockListeners.push(listener);
  }

  /** The database file and a copy of its key for a job's own connection; the caller must zero the copy. */
  jobAccess(): JobAccess {
    // The integrity check runs on a fresh connection in the damaged state too: the key is kept for it.
    if (!this.open && this.damaged) return { databaseFile: this.files.database, dataKey: Buffer.from(this.damaged.dataKey) };
    this.db();
    return { databaseFile: this.files.database, dataKey: Buffer.from(this.open!.dataKey) };
  }

  /** Any activity pushes the auto-lock back. */
  touch(): void {
    if (this.open) this.resetIdleTimer();
  }

  /** Re-reads the auto-lock time after settings change; cached so that every call does not query it. */
  refreshSettings(): void {
    if (this.open) {
      const settings = readGeneralSettings(this.open.db);
      this.autoLockMinutes = settings.autoLockMinutes;
      for (const listener of this.settingsListeners) listener(settings);
    }
    this.resetIdleTimer();
  }

  /** Called with the general settings on unlock and after each change (screen privacy listens here). */
  onSettings(listener: (settings: GeneralSettings) => void): void {
    this.settingsListeners.push(listener);
  }

  private resetIdleTimer(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.open) return;
    this.idleTimer = this.timers.setTimeout(() => this.lock('idle'), this.autoLockMinutes * 60_000);
  }
}
