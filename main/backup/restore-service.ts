import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BACKUP_EXTENSION, type RestorePreview, type ShareView } from '../../contract/backup-types';
import type { DataFiles } from '../app/data-files';
import type { AppServices } from '../app/services';
import { latestVersion } from '../db/migrate';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import type { AgeIdentity, OpenedArchive } from './archive';
import { readIdentity } from './identity';
import { swapIn } from './restore';
import type { OpenJobOutput } from './restore-job';
import { openSnapshot } from './verify';

const FILTERS = [{ name: 'Reciprocal backup or share', extensions: ['age'] }];

interface PendingRestore {
  file: string;
  dir: string | null;
  opened: OpenedArchive | null;
}

const fromJob = (o: OpenJobOutput): OpenedArchive => ({
  manifest: o.manifest,
  snapshotFile: o.snapshotFile,
  snapshotKey: Buffer.from(o.snapshotKey.buffer, o.snapshotKey.byteOffset, o.snapshotKey.byteLength),
});

export interface RestoreDeps {
  services: AppServices;
  isUnlocked(): boolean;
  lock(): void;
  files: DataFiles;
}

/**
 * Restore works with or without an open store (first run, damaged store, or from Settings): it reads the backup with
 * its passphrase, or with the coordinator's own key while unlocked. The current data is not touched until confirm.
 */
export class RestoreService {
  private pending = new Map<string, PendingRestore>();
  private share: { dir: string; db: Db; view: ShareView } | null = null;

  constructor(private readonly deps: RestoreDeps) {}

  async choose(): Promise<{ token: string; fileName: string } | { cancelled: true }> {
    const file = await this.deps.services.dialogs.chooseOpenFile({ title: 'Choose a backup to restore', filters: FILTERS });
    if (!file) return { cancelled: true };
    const token = randomBytes(16).toString('hex');
    this.pending.set(token, { file, dir: null, opened: null });
    return { token, fileName: path.basename(file) };
  }

  private get(token: string): PendingRestore {
    const p = this.pending.get(token);
    if (!p) throw new AppFailure('NOT_FOUND', 'Choose the backup file again: this restore was cancelled or has finished.');
    return p;
  }

  private ownKey(): AgeIdentity {
    if (!this.deps.isUnlocked()) throw new AppFailure('VALIDATION', 'Enter the backup passphrase.', { fields: { passphrase: 'Enter the backup passphrase' } });
    const identity = readIdentity(this.deps.services.db());
    if (!identity) throw new AppFailure('RULE', 'You have no key yet, so no share can have been made for you. Enter the backup passphrase instead.');
    return { identity: identity.secret };
  }

  private clear(p: PendingRestore): void {
    p.opened?.snapshotKey.fill(0);
    if (p.dir) fs.rmSync(p.dir, { recursive: true, force: true });
    p.dir = null;
    p.opened = null;
  }

  async open(token: string, passphrase: string | undefined): Promise<RestorePreview> {
    const p = this.get(token);
    this.clear(p);
    const key: AgeIdentity = passphrase ? { passphrase } : this.ownKey();
    p.dir = fs.mkdtempSync(path.join(this.deps.files.dataDir, '.restore-open-'));
    try {
      // Decrypting and checking a large backup takes a while: on the job runner, so the window keeps answering.
      const opened = fromJob(await this.deps.services.jobs.run('backup.open', { file: p.file, key, workDir: p.dir }));
      p.opened = opened;
      return { token, fileName: path.basename(p.file), manifest: opened.manifest, willMigrate: opened.manifest.schemaVersion < latestVersion() };
    } catch (err) {
      this.clear(p);
      this.deps.services.logger.info('restore.refused', { code: err instanceof AppFailure ? err.code : 'INTERNAL' });
      throw err;
    }
  }

  async confirm(req: { token: string; passphrase: string; acceptDemo?: boolean | undefined }): Promise<{ recoveryKey: string }> {
    const p = this.get(req.token);
    if (!p.opened) throw new AppFailure('RULE', 'Open the backup with its passphrase first, and check what it holds. Nothing was changed.');
    if (p.opened.manifest.demo && !req.acceptDemo) {
      throw new AppFailure(
        'RULE',
        'This backup was made from a demonstration store: its cases are made up. Confirm that you want demonstration data in place of your own. Nothing was changed.',
        { fields: { acceptDemo: 'Confirm that you want demonstration data' } },
      );
    }
    const result = await this.restore(p.opened, req.passphrase);
    this.clear(p);
    this.pending.delete(req.token);
    this.deps.services.logger.info('backup.restored', { schema: p.opened?.manifest.schemaVersion ?? 0 });
    return result;
  }

  /**
   * The new store is built and checked beside the live one by a job; only then is the live store closed, its files
   * moved into a safety copy and the new ones moved in (renames, on main), and checked again in place by a second job.
   * The safety copy is dropped once that passes; on any failure, or a kill, the previous data goes back.
   */
  private async restore(opened: OpenedArchive, passphrase: string): Promise<{ recoveryKey: string }> {
    const { files, services } = this.deps;
    const now = services.now();
    const stage = fs.mkdtempSync(path.join(files.dataDir, '.restore-stage-'));
    const dataKey = randomBytes(32);
    try {
      const staged = await services.jobs.run('restore.stage', {
        snapshotFile: opened.snapshotFile,
        snapshotKey: new Uint8Array(opened.snapshotKey),
        manifest: opened.manifest,
        stage,
        dataKey: new Uint8Array(dataKey),
        passphrase,
        now: now.toISOString(),
      });
      this.closeShare();
      this.deps.lock();
      const swap = swapIn(files, stage, now, randomBytes(3).toString('hex'));
      try {
        await services.jobs.run('restore.check', { file: files.database, dataKey: new Uint8Array(dataKey), manifest: opened.manifest });
      } catch (err) {
        swap.rollBack();
        throw err;
      }
      swap.keep();
      return staged;
    } finally {
      dataKey.fill(0);
      fs.rmSync(stage, { recursive: true, force: true });
    }
  }

  cancel(token: string): void {
    const p = this.pending.get(token);
    if (p) this.clear(p);
    this.pending.delete(token);
  }

  /** A colleague's share, opened read-only in its own folder under the data folder; the live store is not touched. */
  async openShare(): Promise<ShareView | { cancelled: true }> {
    const key = this.ownKey();
    const file = await this.deps.services.dialogs.chooseOpenFile({ title: 'Open a share made for you', filters: FILTERS });
    if (!file) return { cancelled: true };
    this.closeShare();
    const root = path.join(this.deps.files.dataDir, 'shares');
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const dir = fs.mkdtempSync(path.join(root, `${path.basename(file, BACKUP_EXTENSION).slice(0, 60)}-`));
    try {
      const opened = fromJob(await this.deps.services.jobs.run('backup.open', { file, key, workDir: dir }));
      const db = openSnapshot(opened.snapshotFile, opened.snapshotKey, { readOnly: true });
      opened.snapshotKey.fill(0);
      const view: ShareView = {
        fileName: path.basename(file),
        folder: dir,
        manifest: opened.manifest,
        cases: db
          .prepare('SELECT reference, state, received_on AS receivedOn, next_due_on AS nextDueOn FROM cases ORDER BY ref_year, ref_seq LIMIT 1000')
          .all() as never,
        partners: db.prepare('SELECT name, status FROM partners ORDER BY name COLLATE NOCASE LIMIT 1000').all() as never,
      };
      this.share = { dir, db, view };
      this.deps.services.logger.info('share.opened', { cases: view.cases.length });
      return view;
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  currentShare(): ShareView | null {
    return this.share?.view ?? null;
  }

  closeShare(): void {
    const s = this.share;
    this.share = null;
    if (!s) return;
    try {
      s.db.close();
    } catch {
      // already closed
    }
    fs.rmSync(s.dir, { recursive: true, force: true });
  }

  /** Locking forgets everything opened: a share's data and any restore half-way through. */
  onLocked(): void {
    this.closeShare();
    for (const p of this.pending.values()) this.clear(p);
    this.pending.clear();
  }
}
