import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/audit';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import type { AppEvent } from '../../../contract/events';
import type { JobInfo } from '../../../contract/jobs';

let t: TestCore;
afterEach(() => t?.cleanup());

/**
 * A store big enough that both checks take a while: 20,000 audit entries and about 24 MB of settings rows (every page
 * is decrypted and its HMAC checked). Written straight to the database, as seeding; the audit chain stays valid.
 */
function makeLarge(core: TestCore): void {
  const db = core.core.services.db();
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 3000; i++) insert.run([`bulk.${i}`, JSON.stringify(randomBytes(6000).toString('base64'))]);
    for (let i = 0; i < 20_000; i++)
      appendAudit(db, 'Seeder', new Date(), { action: 'seed.entry', entityType: 'seed', entityId: i, summary: `Seed entry ${i}` });
  })();
}

const jobEvents = (events: AppEvent[]) => events.filter((e): e is Extract<AppEvent, { type: 'job' }> => e.type === 'job');

describe('the job runner', () => {
  it('runs the integrity check in a worker and reports its progress and its end on the event channel', async () => {
    t = createTestCore();
    await setUp(t);
    const res = await t.call('database.integrityCheck');
    expect(res).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    const progress = t.events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.type === 'progress' && e.label)).toEqual(
      expect.arrayContaining(['Checking every encrypted page', 'Checking the database structure']),
    );
    expect(jobEvents(t.events)).toEqual([expect.objectContaining({ kind: 'database.integrity', outcome: 'finished' })]);
    expect((await t.call('jobs.status')).value).toEqual({ jobs: [] });
  });

  it('finds a break in the audit chain from the worker', async () => {
    t = createTestCore();
    await setUp(t);
    await t.call('settings.updateGeneral', { autoLockMinutes: 9 });
    const db = t.core.services.db();
    // The log is append-only by trigger; a tamperer with the key would drop the trigger first.
    const trigger = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%UPDATE%' AND tbl_name = 'audit_log'", { pluck: true })
      .get();
    db.exec(`DROP TRIGGER ${String(trigger)}`);
    db.prepare("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2").run();
    const res = await t.call('audit.verify');
    expect(res).toMatchObject({ ok: true, value: { ok: false, firstBadId: 2, problem: 'Entry 2 was changed after it was written.' } });
  });

  it('keeps answering IPC while the integrity check runs on a large store, and the check can be cancelled', async () => {
    t = createTestCore();
    await setUp(t);
    makeLarge(t);
    let settled = false;
    const check = t.call('database.integrityCheck').finally(() => (settled = true));

    // Each of these is answered while the check is still running in its worker.
    const settings = await t.call('settings.getGeneral');
    expect(settings).toMatchObject({ ok: true, value: { coordinatorName: 'Sam Coordinator' } });
    const update = await t.call('settings.updateGeneral', { autoLockMinutes: 7 });
    expect(update.ok).toBe(true);
    const status = await t.call('jobs.status');
    const jobs = (status.value as { jobs: JobInfo[] }).jobs;
    expect(settled).toBe(false);
    expect(jobs).toEqual([expect.objectContaining({ kind: 'database.integrity', state: 'running', label: expect.any(String) })]);

    // A second check of the same kind is refused while the first runs.
    expect((await t.call('database.integrityCheck')).error).toMatchObject({ code: 'CONFLICT' });

    expect(await t.call('jobs.cancel', { jobId: jobs[0]!.jobId })).toEqual({ ok: true, value: { cancelled: true } });
    expect((await check).error).toMatchObject({ code: 'CANCELLED', message: 'The job was cancelled. Nothing was changed.' });
    expect(jobEvents(t.events).at(-1)).toMatchObject({ jobId: jobs[0]!.jobId, outcome: 'cancelled' });
    expect((await t.call('jobs.status')).value).toEqual({ jobs: [] });
    expect(await t.call('jobs.cancel', { jobId: jobs[0]!.jobId })).toEqual({ ok: true, value: { cancelled: false } });

    // The write made meanwhile is kept, and a check run to its end passes.
    expect((await t.call('settings.getGeneral')).value).toMatchObject({ autoLockMinutes: 7 });
    expect(await t.call('database.integrityCheck')).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('stops the audit chain check cooperatively, from inside its synchronous loop', async () => {
    t = createTestCore();
    await setUp(t);
    makeLarge(t);
    const verify = t.call('audit.verify');
    const { jobs } = (await t.call('jobs.status')).value as { jobs: JobInfo[] };
    expect(jobs).toEqual([expect.objectContaining({ kind: 'audit.chain' })]);
    await t.call('jobs.cancel', { jobId: jobs[0]!.jobId });
    expect((await verify).error).toMatchObject({ code: 'CANCELLED' });
    expect(jobEvents(t.events).at(-1)).toMatchObject({ kind: 'audit.chain', outcome: 'cancelled' });
    // Run whole, it verifies every entry.
    const whole = await t.call('audit.verify');
    expect(whole).toMatchObject({ ok: true, value: { ok: true } });
    expect((whole.value as { entries: number }).entries).toBeGreaterThan(20_000);
    expect(t.events.some((e) => e.type === 'progress' && e.kind === 'audit.chain' && e.done > 0)).toBe(true);
  });

  it('stops every job when the app locks, and refuses to start one while locked', async () => {
    t = createTestCore();
    await setUp(t);
    makeLarge(t);
    const check = t.call('database.integrityCheck');
    await t.call('jobs.status');
    await t.call('session.lock');
    expect((await check).error).toMatchObject({ code: 'LOCKED' });
    expect((await t.call('jobs.status')).value).toEqual({ jobs: [] });
    expect((await t.call('database.integrityCheck')).error).toMatchObject({ code: 'LOCKED' });
  });

  it('never writes the data key or the job input to the log', async () => {
    t = createTestCore();
    await setUp(t);
    await t.call('database.integrityCheck');
    const log = fs.readFileSync(t.core.logFile, 'utf8');
    expect(log).toContain('"event":"job.ended"');
    expect(log).not.toMatch(/[0-9a-f]{64}/);
  });

  it('refuses a job id that is not one of its own', async () => {
    t = createTestCore();
    await setUp(t);
    expect((await t.call('jobs.cancel', { jobId: '../../etc' })).error).toMatchObject({ code: 'VALIDATION' });
  });
});
