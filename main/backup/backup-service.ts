import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  BACKUP_EXTENSION,
  DEFAULT_SCHEDULE,
  scheduleSettingsSchema,
  type BackupRecordView,
  type BackupStatus,
  type ScheduleSettings,
  type ScheduleView,
} from '../../contract/backup-types';
import type { AppEvent } from '../../contract/events';
import type { DataFiles } from '../app/data-files';
import type { AppServices } from '../app/services';
import type { Db } from '../db/types';
import { AppFailure, fileFailure } from '../errors';
import type { Timers } from '../ports';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { cloudSyncWarning } from './cloud-sync';
import { FAILED_SUFFIX, PARTIAL_SUFFIX } from './make-backup';
import { readIdentity } from './identity';
import { insertRecord, lastVerifiedBackup, markDeleted, verifiedBackups } from './records-repo';
import { backupDue, beyondRetention, BackupScheduler, overdueWarning, scheduleReady } from './schedule';

const SCHEDULE_KEY = 'backups.schedule';
const PASSPHRASE_KEY = 'backups.passphrase';

export function readSchedule(db: Db): ScheduleSettings {
  return readSetting(db, SCHEDULE_KEY, scheduleSettingsSchema, DEFAULT_SCHEDULE);
}
export function writeSchedule(db: Db, value: ScheduleSettings): void {
  writeSetting(db, SCHEDULE_KEY, value);
}
/** The backup passphrase is kept in the encrypted store so that scheduled backups run unattended. */
export function readBackupPassphrase(db: Db): string | null {
  return readSetting(db, PASSPHRASE_KEY, z.string().nullable(), null);
}
export function writeBackupPassphrase(db: Db, passphrase: string): void {
  writeSetting(db, PASSPHRASE_KEY, passphrase);
}

export function backupFileName(now: Date, kind: 'backup' | 'share'): string {
  return `reciprocal-${kind}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z${BACKUP_EXTENSION}`;
}

const taken = (file: string) => [file, `${file}${PARTIAL_SUFFIX}`, `${file}${FAILED_SUFFIX}`].some((f) => fs.existsSync(f));

/** A name that does not overwrite anything already in the folder (nor a file set aside as failed). */
function freshPath(folder: string, name: string): string {
  let candidate = path.join(folder, name);
  for (let i = 2; taken(candidate); i++) candidate = path.join(folder, name.replace(BACKUP_EXTENSION, `-${i}${BACKUP_EXTENSION}`));
  return candidate;
}

/** A backup killed part-way leaves `reciprocal-backup-….plhr.age.partial`: never a backup, removed at the next run. */
function removeStalePartials(folder: string): void {
  for (const name of fs.readdirSync(folder)) {
    if (name.startsWith('reciprocal-backup-') && name.endsWith(`${BACKUP_EXTENSION}${PARTIAL_SUFFIX}`)) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** Why a backup was not written, in words about the backup folder; the live data is never touched by a failed backup. */
function backupFailure(err: unknown, folder: string): AppFailure {
  const failure = err instanceof AppFailure ? err : fileFailure(err, 'save');
  if (failure?.code === 'DISK_FULL') {
    return new AppFailure(
      'DISK_FULL',
      `The disk holding the backup folder ${folder} is full, so no backup was written. Free some space there, or choose another folder. Your data is unchanged.`,
    );
  }
  if (failure?.code === 'IO' && !(err instanceof AppFailure)) {
    return new AppFailure(
      'IO',
      `The backup could not be written to ${folder}: the folder is read-only or you do not have permission to write there. Choose another folder in Settings. Your data is unchanged.`,
    );
  }
  return failure ?? new AppFailure('IO', 'The backup could not be written. Nothing was changed.');
}

export interface BackupDeps {
  services: AppServices;
  isUnlocked(): boolean;
  files: DataFiles;
  appVersion: string;
  /** The demonstration store (issue 14): every backup and share it makes says so in its manifest. */
  demo?: boolean;
  timers: Timers;
  emit(event: AppEvent): void;
}

/** Backups of this store: the schedule, "Back up now", verification and retention. One backup runs at a time. */
export class BackupService {
  private running: Promise<BackupRecordView> | null = null;
  private lastError: string | null = null;
  private ticking: Promise<void> = Promise.resolve();
  readonly scheduler: BackupScheduler;

  constructor(private readonly deps: BackupDeps) {
    this.scheduler = new BackupScheduler(deps.timers, () => this.tick());
  }

  get appVersion(): string {
    return this.deps.appVersion;
  }

  get demo(): boolean {
    return this.deps.demo ?? false;
  }

  get workRoot(): string {
    return path.join(this.deps.files.dataDir, '.backup-work');
  }

  scheduleView(db: Db): ScheduleView {
    return { ...readSchedule(db), hasPassphrase: readBackupPassphrase(db) !== null, dataFolderWarning: cloudSyncWarning(this.deps.files.dataDir) };
  }

  status(): BackupStatus {
    const db = this.deps.services.db();
    const schedule = readSchedule(db);
    const hasPassphrase = readBackupPassphrase(db) !== null;
    const last = lastVerifiedBackup(db);
    const overdue = overdueWarning(schedule, hasPassphrase, last?.createdAt ?? null, this.deps.timers.now());
    return {
      lastBackup: last,
      overdue: this.lastError && overdue ? `${overdue} The last attempt failed: ${this.lastError}` : overdue,
      ready: scheduleReady(schedule, hasPassphrase),
      running: this.running !== null,
      dataFolderWarning: cloudSyncWarning(this.deps.files.dataDir),
    };
  }

  /** One check of the schedule; a missed backup is due at once, so the first check after an unlock catches up. */
  tick(): Promise<void> {
    const run = async () => {
      if (!this.deps.isUnlocked() || this.running) return;
      const db = this.deps.services.db();
      const last = lastVerifiedBackup(db);
      if (!backupDue(readSchedule(db), readBackupPassphrase(db) !== null, last?.createdAt ?? null, this.deps.timers.now())) return;
      try {
        await this.run('schedule');
      } catch {
        // Recorded in lastError and the log by run(); the next check tries again.
      }
    };
    this.ticking = this.ticking.then(run, run);
    return this.ticking;
  }

  run(trigger: 'schedule' | 'manual'): Promise<BackupRecordView> {
    if (this.running) throw new AppFailure('CONFLICT', 'A backup is already being made. Wait for it to finish.');
    const running = this.write(trigger).finally(() => {
      this.running = null;
      // After the record is written (the job's own end event comes before it).
      this.deps.emit({ type: 'backups.changed' });
    });
    this.running = running;
    return running;
  }

  private async write(trigger: 'schedule' | 'manual'): Promise<BackupRecordView> {
    const { services } = this.deps;
    const db = services.db();
    const schedule = readSchedule(db);
    const passphrase = readBackupPassphrase(db);
    if (!schedule.folder || !passphrase) {
      throw new AppFailure('RULE', 'Choose a backup folder and set a backup passphrase in Settings first. Nothing was written.');
    }
    if (!fs.existsSync(schedule.folder) || !fs.statSync(schedule.folder).isDirectory()) {
      const message = `The backup folder ${schedule.folder} cannot be found. Connect the drive or choose another folder. Nothing was written.`;
      this.lastError = message;
      throw new AppFailure('IO', message);
    }
    const now = services.now();
    let made;
    try {
      removeStalePartials(schedule.folder);
      const dest = freshPath(schedule.folder, backupFileName(now, 'backup'));
      made = await services.jobs.run('backup.write', {
        workRoot: this.workRoot,
        dest,
        target: { passphrase },
        kind: 'backup',
        appVersion: this.deps.appVersion,
        createdBy: services.actor(),
        now: now.toISOString(),
        verifyWith: { passphrase },
        demo: this.demo,
      });
    } catch (err) {
      const failure = backupFailure(err, schedule.folder);
      this.lastError = failure.message;
      services.logger.warn('backup.failed', { trigger, code: failure.code });
      throw failure;
    }
    const verified = made.problems.length === 0;
    const record = services.change((tx) => {
      const r = insertRecord(tx.db, {
        kind: 'backup',
        trigger,
        filePath: made.file,
        createdAt: made.manifest.createdAt,
        size: made.size,
        sha256: made.sha256,
        auditHead: made.manifest.auditHead,
        verified,
        problem: verified ? null : made.problems.join(' '),
        recipients: [],
      });
      tx.audit({
        action: verified ? 'backup.created' : 'backup.failed_verification',
        entityType: 'backup',
        entityId: r.id,
        summary: verified
          ? `Backup ${r.fileName} written and verified (${trigger === 'schedule' ? 'scheduled' : 'backed up now'})`
          : `Backup ${r.fileName} failed verification: set aside under that name and not counted as a backup`,
      });
      return r;
    });
    services.logger.info('backup.written', { trigger, verified: verified ? 1 : 0, bytes: made.size });
    if (!verified) {
      this.lastError = `The backup ${record.fileName} failed verification: ${record.problem}`;
      return record;
    }
    this.lastError = null;
    this.prune(schedule.keep);
    return record;
  }

  /** Keeps the newest `keep` verified backups; only files this app wrote (recorded, named *.plhr.age) are removed. */
  private prune(keep: number): void {
    const { services } = this.deps;
    const old = beyondRetention(verifiedBackups(services.db()), keep);
    if (old.length === 0) return;
    services.change((tx) => {
      for (const r of old) {
        if (r.filePath.endsWith(BACKUP_EXTENSION)) fs.rmSync(r.filePath, { force: true });
        markDeleted(tx.db, r.id, tx.now.toISOString());
      }
      tx.audit({
        action: 'backup.pruned',
        entityType: 'backup',
        summary: `${old.length} old backup${old.length === 1 ? '' : 's'} removed, keeping the newest ${keep}`,
        changes: [{ field: 'removed', before: old.map((r) => r.fileName), after: null }],
      });
    });
  }

  /** Waits for the schedule check and any backup under way (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    await this.ticking;
    await this.running?.catch(() => undefined);
  }

  hasIdentity(db: Db): boolean {
    return readIdentity(db) !== null;
  }
}
