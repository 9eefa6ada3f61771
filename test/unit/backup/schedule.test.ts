import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupRecordView, BackupStatus, ScheduleView } from '../../../contract/backup-types';
import { backupDue, beyondRetention, overdueWarning } from '../../../main/backup/schedule';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { configureBackups, fakeClock, ok, refused, tempDir } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const daily = { cadence: 'daily' as const, folder: '/backups', keep: 14 };

describe('the schedule rules', () => {
  const t0 = Date.parse('2026-11-02T09:00:00Z');
  it('is due when set up and a full interval has passed, or when there is no backup yet', () => {
    expect(backupDue(daily, true, null, t0)).toBe(true);
    expect(backupDue(daily, false, null, t0)).toBe(false);
    expect(backupDue({ ...daily, folder: null }, true, null, t0)).toBe(false);
    expect(backupDue(daily, true, new Date(t0 - DAY + MIN).toISOString(), t0)).toBe(false);
    expect(backupDue(daily, true, new Date(t0 - DAY).toISOString(), t0)).toBe(true);
    expect(backupDue({ ...daily, cadence: 'weekly' }, true, new Date(t0 - 6 * DAY).toISOString(), t0)).toBe(false);
    expect(backupDue({ ...daily, cadence: 'weekly' }, true, new Date(t0 - 7 * DAY).toISOString(), t0)).toBe(true);
  });

  it('warns once a backup is more than an hour overdue, in plain words', () => {
    expect(overdueWarning({ ...daily, folder: null }, true, null, t0)).toMatch(/not set up/);
    expect(overdueWarning(daily, true, null, t0)).toBe('No backup has been made yet.');
    expect(overdueWarning(daily, true, new Date(t0 - DAY - 30 * MIN).toISOString(), t0)).toBeNull();
    expect(overdueWarning(daily, true, '2026-10-30T09:00:00.000Z', t0)).toBe('No backup since 30/10/2026: the daily backup is overdue.');
  });

  it('keeps the newest N', () => {
    expect(beyondRetention([5, 4, 3, 2, 1], 3)).toEqual([2, 1]);
    expect(beyondRetention([1], 3)).toEqual([]);
  });
});

describe('scheduled backups with a fake clock', () => {
  let t: TestCore | undefined;
  let folder: string | undefined;
  afterEach(() => {
    t?.cleanup();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('run daily while unlocked, catch up at the next unlock, and keep the newest N verified backups', async () => {
    const clock = fakeClock();
    t = createTestCore({ timers: clock });
    const core = t;
    await setUp(core);
    folder = tempDir('reciprocal-schedule-');
    await configureBackups(core, folder);
    await ok(core, 'settings.updateGeneral', { autoLockMinutes: 120 });
    expect((await ok<ScheduleView>(core, 'backups.updateSchedule', { keep: 2 })).keep).toBe(2);
    expect((await refused(core, 'backups.updateSchedule', { keep: 0 })).fields).toEqual({ keep: 'Keep at least 1 backup' });

    /** Time passes with the coordinator at work: activity every few minutes keeps the app unlocked. */
    const work = async (ms: number) => {
      for (let passed = 0; passed < ms; passed += 5 * MIN) {
        clock.advance(5 * MIN);
        await core.core.backups.idle();
        await ok(core, 'session.activity');
      }
    };
    const files = () =>
      fs
        .readdirSync(folder!)
        .filter((f) => f.endsWith('.plhr.age'))
        .sort();

    await work(5 * MIN);
    expect(files()).toHaveLength(1);
    await work(23 * HOUR);
    expect(files()).toHaveLength(1);
    await work(2 * HOUR);
    expect(files()).toHaveLength(2);
    const list = await ok<BackupRecordView[]>(core, 'backups.list');
    expect(list.map((r) => r.trigger)).toEqual(['schedule', 'schedule']);

    // Locked for three days: nothing runs, and the next unlock catches up at once.
    core.core.lock('manual');
    clock.advance(3 * DAY);
    await core.core.backups.idle();
    expect(files()).toHaveLength(2);
    await ok(core, 'vault.unlock', { passphrase: PASSPHRASE });
    const status = await ok<BackupStatus>(core, 'backups.status');
    expect(status.overdue).toMatch(/^No backup since \d\d\/\d\d\/2026: the daily backup is overdue\.$/);
    await core.core.backups.idle();
    // Retention: the third verified backup removed the oldest file, and its record says so.
    const kept = files();
    expect(kept).toHaveLength(2);
    const after = await ok<BackupRecordView[]>(core, 'backups.list');
    expect(after.map((r) => r.fileName).sort()).toEqual(kept);
    expect((await ok<BackupStatus>(core, 'backups.status')).overdue).toBeNull();
    const audit = await ok<{ entries: { action: string }[] }>(core, 'audit.list', { action: 'backup.pruned' });
    expect(audit.entries).toHaveLength(1);
  }, 180_000);

  it('a failed verification is reported and not counted towards the N kept', async () => {
    const clock = fakeClock();
    t = createTestCore({ timers: clock });
    await setUp(t);
    folder = tempDir('reciprocal-schedule-');
    await configureBackups(t, folder);
    await ok(t, 'backups.updateSchedule', { keep: 1 });
    const first = await ok<BackupRecordView>(t, 'backups.runNow');
    // A snapshot whose audit log no longer verifies writes a backup that fails its verification.
    const db = t.core.services.db();
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET summary = 'edited' WHERE id = 1");
    clock.advance(MIN);
    const failed = await ok<BackupRecordView>(t, 'backups.runNow');
    expect(failed.verified).toBe(false);
    expect(failed.problem).toMatch(/audit log does not verify/);
    const status = await ok<BackupStatus>(t, 'backups.status');
    expect(status.lastBackup?.id).toBe(first.id);
    // Keep = 1 and the failed one does not count: the verified first backup is still there.
    expect(fs.existsSync(first.filePath)).toBe(true);
    // The failed file is set aside under a name that no one (and no file picker for *.age) takes for a backup.
    expect(failed.filePath).toMatch(/\.plhr\.age\.failed$/);
    expect(fs.existsSync(failed.filePath)).toBe(true);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.plhr.age'))).toEqual([first.fileName]);
    expect(fs.readdirSync(folder).some((f) => f.endsWith('.partial'))).toBe(false);
  }, 120_000);

  it('refuses to back up before a folder and passphrase are set, or into a missing folder', async () => {
    t = createTestCore();
    await setUp(t);
    expect((await refused(t, 'backups.runNow')).message).toBe('Choose a backup folder and set a backup passphrase in Settings first. Nothing was written.');
    t.dialogs.folder.push(null);
    expect(await ok(t, 'backups.chooseFolder')).toEqual({ cancelled: true });
    const gone = tempDir('reciprocal-gone-');
    await configureBackups(t, gone);
    fs.rmSync(gone, { recursive: true });
    expect((await refused(t, 'backups.runNow')).message).toMatch(/cannot be found\. Connect the drive or choose another folder\. Nothing was written\.$/);
    expect(await ok(t, 'backups.list')).toEqual([]);
    expect((await refused(t, 'backups.setPassphrase', { passphrase: 'short', confirmPassphrase: 'short' })).fields?.['passphrase']).toMatch(/at least 12/);
  }, 60_000);
});
