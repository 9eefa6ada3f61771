import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { LockReason, SessionStatus } from '../../contract/session';
import type { AppEvent } from '../../contract/events';
import { AppFailure, errorCodeOf } from '../errors';
import type { Logger } from '../log/logger';
import type { Timers } from '../ports';
import { openEncrypted, installSqlcipherLogger } from '../db/open';
import { migrate } from '../db/migrate';
import type { Db } from '../db/types';
import { createKeyFile, KeyFileError, readKeyFile, rewrapSlot, unwrapKey, writeKeyFile, type KeyFile } from '../vault/key-file';
import { generateRecoveryKey, normaliseRecoveryKey } from '../vault/recovery-key';
import { UnlockThrottle } from '../vault/throttle';
import { appendAudit } from '../audit/audit';
import { readGeneralSettings, writeGeneralSetting } from '../settings/settings-repo';
import type { DataFiles } from './data-files';
import type { JobAccess } from '../jobs/runner';

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

  constructor(
    private readonly files: DataFiles,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly emit: (event: AppEvent) => void,
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

  private isSetUp(): boolean {
    return fs.existsSync(this.files.keyFile) || fs.existsSync(this.files.database);
  }

  status(): SessionStatus {
    const state = this.open ? 'unlocked' : this.isSetUp() ? 'locked' : 'needs-setup';
    return {
      state,
      mustChangePassphrase: Boolean(this.open?.recoveryDataKey),
      retryAfterMs: this.open ? 0 : this.throttle.retryAfterMs(),
      coordinatorName: this.open ? readGeneralSettings(this.open.db).coordinatorName : null,
    };
  }

  get isUnlocked(): boolean {
    return this.open !== null;
  }

  /** The open database for feature handlers; refuses while locked or while a new passphrase is owed. */
  db(): Db {
    if (!this.open) throw new AppFailure('LOCKED', 'Reciprocal is locked. Unlock it to continue.');
    if (this.open.recoveryDataKey) throw new AppFailure('LOCKED', 'Set a new passphrase before continuing.');
    return this.open.db;
  }

  create(coordinatorName: string, passphrase: string): Promise<{ recoveryKey: string }> {
    return this.serial(async () => {
      if (this.isSetUp()) throw new AppFailure('ALREADY_SET_UP', 'Reciprocal is already set up on this computer. Unlock it instead.');
      const dataKey = randomBytes(32);
      const recoveryKey = generateRecoveryKey();
      const requests = this.lockRequests;
      try {
        const keyFile = await createKeyFile(dataKey, passphrase, recoveryKey, new Date(this.timers.now()));
        writeKeyFile(this.files.keyFile, keyFile);
        const db = openEncrypted(this.files.database, dataKey);
        try {
          migrate(db);
          db.transaction(() => {
            writeGeneralSetting(db, 'coordinatorName', coordinatorName);
            appendAudit(db, coordinatorName, new Date(this.timers.now()), {
              action: 'vault.created',
              entityType: 'vault',
              summary: 'Encrypted database created',
            });
          })();
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
        for (const f of [this.files.keyFile, this.files.database, `${this.files.database}-wal`, `${this.files.database}-shm`]) fs.rmSync(f, { force: true });
        throw err;
      } finally {
        dataKey.fill(0);
      }
    });
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
      if (err instanceof KeyFileError) throw new AppFailure('DATABASE_UNREADABLE', `${err.message} Restore reciprocal.key.json from your backup.`);
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

  /** Opens and migrates; on any failure the key is zeroed and nothing stays open. */
  private openWith(dataKey: Buffer, keepKey: boolean): void {
    let db: Db | null = null;
    try {
      db = openEncrypted(this.files.database, dataKey);
      migrate(db);
    } catch (err) {
      db?.close();
      dataKey.fill(0);
      throw err;
    }
    this.open = { db, dataKey, recoveryDataKey: keepKey ? Buffer.from(dataKey) : null };
    this.refreshSettings();
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
      this.checkThrottle();
      const keyFile = this.loadKeyFile();
      const requests = this.lockRequests;
      const dataKey = await unwrapKey(keyFile, passphrase, 'passphrase');
      if (!dataKey) this.failedAttempt('WRONG_PASSPHRASE', 'That passphrase is not right. Check Caps Lock and try again.');
      this.refuseIfLockedMeanwhile(requests, dataKey);
      this.openWith(dataKey, false);
      this.throttle.recordSuccess();
      this.logger.info('vault.unlocked', { via: 'passphrase' });
      return this.status();
    });
  }

  unlockWithRecoveryKey(input: string): Promise<SessionStatus> {
    return this.serial(async () => {
      if (this.open) return this.status();
      this.checkThrottle();
      const recoveryKey = normaliseRecoveryKey(input);
      if (!recoveryKey) this.failedAttempt('WRONG_RECOVERY_KEY', 'That is not a recovery key: it has 32 letters and digits in groups of four.');
      const keyFile = this.loadKeyFile();
      const requests = this.lockRequests;
      const dataKey = await unwrapKey(keyFile, recoveryKey, 'recovery');
      if (!dataKey) this.failedAttempt('WRONG_RECOVERY_KEY', 'That recovery key does not match this database. Check each group of four and try again.');
      this.refuseIfLockedMeanwhile(requests, dataKey);
      this.openWith(dataKey, true);
      this.throttle.recordSuccess();
      this.logger.info('vault.unlocked', { via: 'recovery-key' });
      return this.status();
    });
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
      this.writeKeyFileAudited(open, next, 'vault.passphrase_reset', 'Passphrase replaced after unlocking with the recovery key');
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
      this.writeKeyFileAudited(open, next, 'vault.passphrase_changed', 'Passphrase changed');
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
      this.writeKeyFileAudited(open, next, 'vault.recovery_key_replaced', 'Recovery key replaced; the old one no longer works');
      return { recoveryKey };
    });
  }

  /** The key file is replaced inside the audit entry's transaction: if it cannot be written, no entry says it was. */
  private writeKeyFileAudited(open: Open, next: KeyFile, action: string, summary: string): void {
    const db = open.db;
    const actor = readGeneralSettings(db).coordinatorName;
    db.transaction(() => {
      appendAudit(db, actor, new Date(this.timers.now()), { action, entityType: 'vault', summary });
      writeKeyFile(this.files.keyFile, next);
    })();
  }

  lock(reason: LockReason): void {
    this.lockRequests += 1;
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
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
    this.db();
    return { databaseFile: this.files.database, dataKey: Buffer.from(this.open!.dataKey) };
  }

  /** Any activity pushes the auto-lock back. */
  touch(): void {
    if (this.open) this.resetIdleTimer();
  }

  /** Re-reads the auto-lock time after settings change; cached so that every call does not query it. */
  refreshSettings(): void {
    if (this.open) this.autoLockMinutes = readGeneralSettings(this.open.db).autoLockMinutes;
    this.resetIdleTimer();
  }

  private resetIdleTimer(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.open) return;
    this.idleTimer = this.timers.setTimeout(() => this.lock('idle'), this.autoLockMinutes * 60_000);
  }
}
