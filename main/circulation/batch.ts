import fs from 'node:fs';
import path from 'node:path';
import type { BatchCandidate, BatchItemResult, CirculationRecord } from '../../contract/circulation';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { planCirculation, type PlanEnv } from './plan';
import { preparePack, type PreparedPack } from './send';

/*
 * "Circulate everything approved": one pack per approved case that has never been circulated, each saved into one
 * folder and recorded as sent in its own transaction, so that stopping half-way (or one case failing) leaves every
 * case either fully sent and recorded or untouched.
 *
 * Written as a function of `{ onProgress, signal }` so that it can move onto the job runner (main/jobs/) when that
 * lands. Until then it runs on main as an async loop that yields to the event loop after every pack, so IPC is
 * answered and the window keeps drawing while it runs (`npm run bench` measures the longest stall).
 */

export function batchCandidates(db: Db, env: PlanEnv): BatchCandidate[] {
  const rows = db
    .prepare("SELECT id, approved_on FROM cases WHERE state = 'approved' AND circulated_on IS NULL ORDER BY approved_on, ref_year, ref_seq")
    .all<{ id: number; approved_on: string | null }>();
  return rows.map((r) => {
    const { plan } = planCirculation(db, r.id, env);
    return { caseId: r.id, reference: plan.reference, approvedOn: r.approved_on, recipients: plan.recipients.length, blockedBecause: plan.blockedBecause };
  });
}

export interface BatchProgress {
  done: number;
  total: number;
  label: string;
}

export interface BatchDeps {
  db(): Db;
  /** Records one prepared pack as sent, in one transaction; returns the record. */
  record(prepared: PreparedPack, file: string): CirculationRecord;
}

export interface BatchOptions {
  caseIds: readonly number[];
  encrypt: boolean;
  folder: string;
  env: PlanEnv;
  onProgress(progress: BatchProgress): void;
  signal: AbortSignal;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A file name in `folder` that is not taken yet: a pack already saved there is never overwritten. */
function freeName(folder: string, base: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`;
    if (!fs.existsSync(path.join(folder, name))) return path.join(folder, name);
  }
}

export async function runBatch(deps: BatchDeps, options: BatchOptions): Promise<{ results: BatchItemResult[]; stoppedEarly: boolean }> {
  const results: BatchItemResult[] = [];
  const total = options.caseIds.length;
  options.onProgress({ done: 0, total, label: `Making ${total} ${total === 1 ? 'pack' : 'packs'}` });
  for (const [index, caseId] of options.caseIds.entries()) {
    if (options.signal.aborted) return { results, stoppedEarly: true };
    let reference = `case ${caseId}`;
    try {
      const prepared = await preparePack(deps.db(), caseId, options.env, { encrypt: options.encrypt });
      reference = prepared.planned.plan.reference;
      const file = freeName(options.folder, `${reference} property request`);
      const record = deps.record(prepared, file);
      const partners = new Set(record.recipients.map((r) => r.partnerId)).size;
      results.push({
        caseId,
        reference,
        status: 'sent',
        message: `Saved and recorded as sent to ${partners} ${partners === 1 ? 'partner' : 'partners'}.`,
        fileName: record.fileName,
        recipients: partners,
        passphrase: prepared.passphrase,
      });
    } catch (err) {
      if (!(err instanceof AppFailure)) throw err;
      const planned = err.code === 'NOT_FOUND' ? null : planCirculation(deps.db(), caseId, options.env);
      reference = planned?.plan.reference ?? reference;
      results.push({
        caseId,
        reference,
        status: err.code === 'RULE' ? 'skipped' : 'failed',
        message: err.message,
        fileName: null,
        recipients: 0,
        passphrase: null,
      });
    }
    options.onProgress({ done: index + 1, total, label: `${reference}: ${results.at(-1)?.status === 'sent' ? 'sent' : 'not sent'}` });
    await yieldToEventLoop();
  }
  return { results, stoppedEarly: false };
}
