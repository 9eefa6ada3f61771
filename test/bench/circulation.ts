/**
 * Circulation packs at scale: "Circulate everything approved" for 200 cases through the real core (the packs made
 * by the job runner's worker thread, then each recorded as sent on main), and the longest stall of main's event
 * loop while it runs, sampled every millisecond. Figures only, no pass or fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppCore } from '../../main/app/core';
import type { Dialogs } from '../../main/ports';
import { buildPack } from '../../main/circulation/pack';
import { readCirculationView } from '../../main/circulation/circulation-view';
import { aReferral } from '../unit/cases/referral-builder';

const CASES = Number(process.env.BENCH_PACKS ?? 200);
const SENDER = { url: 'app://reciprocal/index.html', isMainFrame: true };

/** The longest gap between 1 ms timer ticks: how long main's event loop was busy at a stretch. */
function stallMeter() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop(): number {
      clearInterval(timer);
      return longest;
    },
  };
}

export async function circulationBench(): Promise<void> {
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
        ...aReferral({ currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord.id } }),
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
      // A status call while it runs, as the renderer would make: it must be answered.
      const answered = (async () => {
        let calls = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < 200) {
          await call('session.status');
          calls++;
        }
        return calls;
      })();
      const outcome = await call<{ sent: number }>('circulation.batchRun', { task: `bench-${encrypt}`, encrypt, caseIds: batch });
      const ms = performance.now() - start;
      const stall = meter.stop();
      console.warn(
        `Circulation: batch of ${batch.length} ${encrypt ? 'encrypted' : 'plain'} packs`.padEnd(48) +
          `${ms.toFixed(0).padStart(8)} ms (${(ms / batch.length).toFixed(1)} ms a case, ${outcome.sent} sent; longest main stall ${stall.toFixed(1)} ms; ${await answered} IPC calls answered meanwhile)`,
      );
    }
    console.warn(`${'Circulation: one pack, plain / encrypted (on main)'.padEnd(48)} ${plain.toFixed(1).padStart(8)} ms / ${encrypted.toFixed(1)} ms`);
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void circulationBench();
