/**
 * Circulation packs at scale: "Circulate everything approved" for 200 cases through the real core (the packs made
 * by the job runner's worker thread, then each recorded as sent on main), and the longest stall of main's event
 * loop while it runs, sampled every millisecond. Its own small store: the packs depend on the cases circulated,
 * not on how many others the store holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppCore } from '../../main/app/core';
import type { Dialogs } from '../../main/ports';
import { buildPack } from '../../main/circulation/pack';
import { readCirculationView } from '../../main/circulation/circulation-view';
import { aDistinctApplicant, aReferral } from '../unit/cases/referral-builder';
import { stallMeter } from './measure';
import type { BulkRow } from './report';

const CASES = Number(process.env.BENCH_PACKS ?? 200);
const SENDER = { url: 'app://reciprocal/index.html', isMainFrame: true };

export async function circulationBench(): Promise<BulkRow[]> {
  const rows: BulkRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-packs-'));
  const saves: string[] = [];
  const dialogs: Dialogs = { chooseOpenFile: async () => null, chooseSaveFile: async () => saves.shift() ?? null, chooseFolder: async () => null };
  const core = createAppCore({ paths: { dataDir: path.join(dir, 'data') }, version: 'bench', dialogs, isTrustedSender: () => true, emit: () => undefined });
  const call = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const res = await core.registry.dispatch(channel, payload, SENDER);
    if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
    return res.value as T;
  };
  try {
    await call('vault.create', { coordinatorName: 'Bench', passphrase: 'a long bench passphrase', confirmPassphrase: 'a long bench passphrase' });
    const landlord = await call<{ id: number }>('partners.create', {
      name: 'Hackney Council',
      type: 'local_authority',
      status: 'active',
      statusChangedOn: '2020-04-01',
      joinedOn: '2020-04-01',
      stockBoroughs: ['E09000012'],
      contacts: [{ kind: 'named_lead', name: 'Dana Lead', email: 'dana@example.gov.uk' }],
    });
    // Forty partners with stock across the requested boroughs, as in the real directory.
    for (let i = 0; i < 40; i++) {
      await call('partners.create', {
        name: `Partner ${i}`,
        type: 'housing_association',
        status: 'active',
        statusChangedOn: '2020-04-01',
        joinedOn: '2020-04-01',
        stockBoroughs: [['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'][i % 5]],
        contacts: [
          { kind: 'named_lead', name: `Lead ${i}`, email: `lead${i}@example.org` },
          { kind: 'lettings', name: `Lettings ${i}`, email: `let${i}@example.org`, secureEmail: `let${i}@example.org.cjsm.net` },
        ],
      });
    }
    const ids: number[] = [];
    for (let i = 0; i < CASES; i++) {
      const { id } = await call<{ id: number }>('cases.create', {
        ...aReferral({ applicant: aDistinctApplicant(i), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord.id } }),
      });
      await call('cases.transition', { id, to: 'awaiting_landlord_approval' });
      await call('cases.transition', { id, to: 'approved' });
      ids.push(id);
    }

    const db = core.services.db();
    const view = readCirculationView(db, ids[0]!, { today: core.services.today(), showRiskCategory: false });
    let start = performance.now();
    await buildPack({ view, circulatedOn: core.services.today(), kind: 'first', sequence: 1, newBoroughs: [], changes: [] });
    const plain = performance.now() - start;
    start = performance.now();
    await buildPack({
      view,
      circulatedOn: core.services.today(),
      kind: 'first',
      sequence: 1,
      newBoroughs: [],
      changes: [],
      passphrase: 'abacus zoom able acid acorn',
    });
    const encrypted = performance.now() - start;

    for (const encrypt of [false, true]) {
      const folder = path.join(dir, `packs-${encrypt ? 'encrypted' : 'plain'}`);
      saves.push(folder);
      const batch = encrypt ? ids.slice(CASES / 2) : ids.slice(0, CASES / 2);
      const meter = stallMeter();
      start = performance.now();
      // Status calls while it runs, as the renderer makes them: each arrives as its own task (IPC messages do), every
      // 10 ms until the batch ends, and each must be answered. (A probe awaiting calls back to back for 200 ms was a
      // chain of microtasks that itself held the event loop, so the stall meter measured the probe.)
      let finished = false;
      let slowestAnswer = 0;
      const answered = (async () => {
        let calls = 0;
        while (!finished) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          const t0 = performance.now();
          await call('session.status');
          slowestAnswer = Math.max(slowestAnswer, performance.now() - t0);
          calls++;
        }
        return calls;
      })();
      const outcome = await call<{ sent: number }>('circulation.batchRun', { task: `bench-${encrypt}`, encrypt, caseIds: batch }).finally(() => {
        finished = true;
      });
      const ms = performance.now() - start;
      const stall = meter.stop();
      const kind = encrypt ? 'encrypted' : 'plain';
      rows.push({
        workload: `Circulation: batch of ${batch.length} ${kind} packs`,
        ms,
        // The bench's own: a pack a working day for a year would be ~250; at 200 ms a pack the batch is a short wait.
        budgetMs: 200 * batch.length,
        note: `${(ms / batch.length).toFixed(0)} ms a pack, ${outcome.sent} sent, ${await answered} IPC calls answered meanwhile (slowest answer ${slowestAnswer.toFixed(0)} ms)`,
      });
      // The window must never freeze: main's longest stall while the batch runs.
      rows.push({ workload: `Circulation: longest main stall (${kind} batch)`, ms: stall, budgetMs: 100 });
    }
    rows.push({ workload: 'Circulation: one pack, plain (on main)', ms: plain, budgetMs: null });
    rows.push({ workload: 'Circulation: one pack, encrypted (on main)', ms: encrypted, budgetMs: null });
    return rows;
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
