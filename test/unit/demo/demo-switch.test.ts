import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, type DemoFillResult, type DemoStatus } from '../../../contract/demo';
import type { AppEvent } from '../../../contract/events';
import type { JobInfo } from '../../../contract/jobs';
import { CoreHost, demoDataDir } from '../../../main/app/core-host';
import { APP_SENDER, PASSPHRASE } from '../helpers/test-core';

/*
 * "Try it with demo data" (issue 14): the host swaps the whole app onto the demonstration store, in its own folder
 * with its own key, without opening or changing the real store, and "Leave demo" gives the real store back as it was.
 * The fill runs on the job runner: main answers other calls while it runs, and it can be cancelled.
 */

interface Host {
  host: CoreHost;
  dataDir: string;
  events: AppEvent[];
  call(channel: string, payload?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

const hosts: Host[] = [];
afterEach(() => {
  while (hosts.length) {
    const h = hosts.pop()!;
    h.host.close();
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  }
});

function makeHost(scale: 'tiny' | 'small' = 'tiny'): Host {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-demo-switch-'));
  const events: AppEvent[] = [];
  const host = new CoreHost({
    dataDir,
    version: '0.0.0-test',
    dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
    isTrustedSender: (s) => s.isMainFrame && s.url.startsWith('app://reciprocal/'),
    emit: (e) => events.push(e),
    today: () => '2026-11-30',
    demoScale: scale,
  });
  const h: Host = { host, dataDir, events, call: (channel, payload = {}) => host.dispatch(channel, payload, APP_SENDER) as ReturnType<Host['call']> };
  hosts.push(h);
  return h;
}

async function ok<T>(h: Host, channel: string, payload: unknown = {}): Promise<T> {
  const res = await h.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} refused: ${res.error?.message}`);
  return res.value as T;
}

/** Every file of the real store (not the demo folder, not the logs), with its SHA-256. */
function realStoreFiles(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dataDir)) {
    const file = path.join(dataDir, name);
    if (name === 'demo' || !fs.statSync(file).isFile()) continue;
    out[name] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

describe('"Try it with demo data"', () => {
  it('opens the demonstration store from the first run without making a real store, and leaves it back to the first run', async () => {
    const h = makeHost();
    expect(await ok<DemoStatus>(h, 'demo.status')).toMatchObject({ demo: false, canSwitch: true });
    const before = realStoreFiles(h.dataDir);

    const entered = await ok<DemoStatus>(h, 'demo.enter');
    expect(entered).toMatchObject({ demo: true, passphrase: DEMO_PASSPHRASE, filled: false, scale: 'tiny' });
    // Open at once, with no recovery key to confirm: its passphrase is fixed and shown on the banner.
    expect(await ok(h, 'session.status')).toMatchObject({ state: 'unlocked', recoveryKeyUnconfirmed: false });
    expect(fs.existsSync(path.join(demoDataDir(h.dataDir), 'reciprocal.db'))).toBe(true);
    expect(realStoreFiles(h.dataDir)).toEqual(before);
    expect(fs.existsSync(path.join(h.dataDir, 'reciprocal.db'))).toBe(false);

    expect(await ok<DemoStatus>(h, 'demo.leave')).toMatchObject({ demo: false });
    expect(await ok(h, 'session.status')).toMatchObject({ state: 'needs-setup' });
    expect(realStoreFiles(h.dataDir)).toEqual(before);
    // The real first run still works afterwards.
    expect((await h.call('vault.create', { coordinatorName: 'Sam Coordinator', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE })).ok).toBe(true);
    expect(await ok<DemoStatus>(h, 'demo.status')).toMatchObject({ demo: false, filled: false });
  }, 120_000);

  it('leaves a locked real store untouched while the demo is filled, and gives it back locked with none of the demo data', async () => {
    const h = makeHost();
    await ok(h, 'vault.create', { coordinatorName: 'Sam Coordinator', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    // Refused while the real store is open: the coordinator locks first.
    const open = await h.call('demo.enter');
    expect(open).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await ok<DemoStatus>(h, 'demo.status')).toMatchObject({ demo: false });
    await ok(h, 'session.lock');
    const before = realStoreFiles(h.dataDir);

    await ok(h, 'demo.enter');
    const made = await ok<DemoFillResult>(h, 'demo.fill', { scale: 'tiny', seed: 5 });
    expect(made.partners).toBe(77);
    expect(made.referrals).toBeGreaterThan(5);
    expect(await ok<DemoStatus>(h, 'demo.status')).toMatchObject({ demo: true, filled: true });
    // The fill ran on the job runner and said how far it had got.
    expect(h.events.some((e) => e.type === 'progress' && e.kind === 'demo.fill' && e.total > 0 && e.done === e.total)).toBe(true);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'job', kind: 'demo.fill', outcome: 'finished' }));
    expect(h.host.current.services.today()).toBe('2026-11-30');
    expect(realStoreFiles(h.dataDir)).toEqual(before);

    await ok(h, 'demo.leave');
    expect(await ok(h, 'session.status')).toMatchObject({ state: 'locked' });
    expect(realStoreFiles(h.dataDir)).toEqual(before);
    await ok(h, 'vault.unlock', { passphrase: PASSPHRASE });
    const partners = h.host.current.services.db().prepare('SELECT count(*) FROM partners', { pluck: true }).get();
    expect(partners).toBe(0);
    // Back in the demo, the same made-up scheme is there, opened with the demo's own key.
    await ok(h, 'session.lock');
    expect(await ok<DemoStatus>(h, 'demo.enter')).toMatchObject({ demo: true, filled: true });
  }, 300_000);

  it('keeps answering while the demo fill runs on the job runner, and stops it on cancel', async () => {
    const h = makeHost('small');
    await ok(h, 'demo.enter');
    let ended = false;
    const fill = h.call('demo.fill', { scale: 'small', seed: 2 }).finally(() => (ended = true));
    await expect.poll(() => h.events.some((e) => e.type === 'progress' && e.kind === 'demo.fill' && e.done > 3), { timeout: 120_000 }).toBe(true);
    // Main's event loop is free between the fill's steps: other calls are answered while it runs.
    const { jobs } = await ok<{ jobs: JobInfo[] }>(h, 'jobs.status');
    expect(await ok(h, 'session.status')).toMatchObject({ state: 'unlocked' });
    expect(await ok(h, 'cases.list', {})).toBeTruthy();
    expect(ended).toBe(false);
    const job = jobs.find((j) => j.kind === 'demo.fill');
    expect(job).toBeDefined();
    expect(await ok(h, 'jobs.cancel', { jobId: job!.jobId })).toEqual({ cancelled: true });
    const res = await fill;
    expect(res).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(res.error!.message).toMatch(/keeps the made-up cases made so far/);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'job', kind: 'demo.fill', outcome: 'cancelled' }));
    expect(h.host.current.services.today()).toBe('2026-11-30');
    expect(await ok(h, 'jobs.status')).toEqual({ jobs: [] });
  }, 300_000);
});
