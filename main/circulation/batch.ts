import fs from 'node:fs';
import path from 'node:path';
import type { BatchCandidate, BatchItemResult, CirculationPlan, CirculationRecord } from '../../contract/circulation';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { defineJob } from '../jobs/job-kind';
import { buildPack } from './pack';
import { generatePassphrase } from './passphrase';
import { planCirculation, type PlanEnv } from './plan';
import type { PreparedPack } from './send';

/*
 * "Circulate everything approved": one pack per approved case that has never been circulated.
 *
 * Two phases, so that main's event loop is never held for long:
 * 1. `circulation.packs`, a job on the job runner (main/jobs/): in its worker thread, on its own read-only
 *    connection, it plans each case and makes its pack (the slow, CPU-bound part), reporting progress.
 * 2. Back on main, each pack is recorded as sent in its own transaction (the same `recordSent` as a single send,
 *    which re-plans and refuses if anything changed since the worker read it), and its file written, yielding to
 *    the event loop after each. Stopping half-way leaves every case either fully sent and recorded or untouched.
 */

/** A batch records no override reasons: a case that needs one is circulated from its own page. */
function batchBlock(plan: CirculationPlan): string | null {
  if (plan.blockedBecause !== null) return plan.blockedBecause;
  return plan.needsOverride === null ? null : `${plan.needsOverride.message} Circulate it from its case page.`;
}

export function batchCandidates(db: Db, env: PlanEnv): BatchCandidate[] {
  const rows = db
    .prepare("SELECT id, approved_on FROM cases WHERE state = 'approved' AND circulated_on IS NULL ORDER BY approved_on, ref_year, ref_seq")
    .all<{ id: number; approved_on: string | null }>();
  return rows.map((r) => {
    const { plan } = planCirculation(db, r.id, env);
    return { caseId: r.id, reference: plan.reference, approvedOn: r.approved_on, recipients: plan.recipients.length, blockedBecause: batchBlock(plan) };
  });
}

export interface PackJobInput {
  caseIds: number[];
  encrypt: boolean;
  env: PlanEnv;
}

/** A pack made in the worker, or why the case was left out. Plain data: it crosses back to main by cloning. */
export type GeneratedPack =
  | { caseId: number; reference: string; status: 'made'; planKey: string; bytes: Uint8Array; pages: number; sha256: string; passphrase: string | null }
  | { caseId: number; reference: string; status: 'skipped'; message: string };

export interface Progress {
  onProgress(done: number, total: number, label?: string): void;
  throwIfCancelled(): void;
}

export async function generatePacks(db: Db, input: PackJobInput, progress: Progress): Promise<GeneratedPack[]> {
  const out: GeneratedPack[] = [];
  const total = input.caseIds.length;
  progress.onProgress(0, total, `Making ${total} ${total === 1 ? 'pack' : 'packs'}`);
  for (const [index, caseId] of input.caseIds.entries()) {
    progress.throwIfCancelled();
    let planned;
    try {
      planned = planCirculation(db, caseId, input.env);
    } catch (err) {
      if (!(err instanceof AppFailure)) throw err;
      out.push({ caseId, reference: `case ${caseId}`, status: 'skipped', message: err.message });
      continue;
    }
    const { plan } = planned;
    const blocked = batchBlock(plan);
    if (blocked !== null) {
      out.push({ caseId, reference: plan.reference, status: 'skipped', message: `${blocked} Nothing was sent.` });
    } else {
      const passphrase = input.encrypt ? generatePassphrase() : null;
      const pack = await buildPack({
        view: planned.view,
        circulatedOn: input.env.today,
        kind: plan.kind,
        sequence: planned.sequence,
        newBoroughs: plan.newBoroughs,
        changes: plan.changes,
        passphrase: passphrase ?? undefined,
      });
      out.push({
        caseId,
        reference: plan.reference,
        status: 'made',
        planKey: plan.planKey,
        bytes: pack.bytes,
        pages: pack.pages,
        sha256: pack.sha256,
        passphrase,
      });
    }
    progress.onProgress(index + 1, total, `Made ${index + 1} of ${total}`);
  }
  return out;
}

/** Reads only (planning and making packs), so cancelling can stop the worker at once. */
export const circulationPacksJob = defineJob({
  label: 'Making the property requests',
  cancel: 'terminate',
  run: (ctx, input: PackJobInput) => generatePacks(ctx.db, input, ctx),
});

export interface RecordDeps {
  db(): Db;
  /** Records one prepared pack as sent, in one transaction; returns the record. */
  record(prepared: PreparedPack, file: string): Promise<CirculationRecord>;
}

export interface RecordOptions {
  folder: string;
  env: PlanEnv;
  onProgress(done: number, total: number, label: string): void;
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

export async function recordPacks(
  deps: RecordDeps,
  packs: readonly GeneratedPack[],
  options: RecordOptions,
): Promise<{ results: BatchItemResult[]; stoppedEarly: boolean }> {
  const results: BatchItemResult[] = [];
  const total = packs.length;
  for (const [index, made] of packs.entries()) {
    if (options.signal.aborted) return { results, stoppedEarly: true };
    const base = { caseId: made.caseId, reference: made.reference, fileName: null, recipients: 0, passphrase: null };
    if (made.status === 'skipped') {
      results.push({ ...base, status: 'skipped', message: made.message });
    } else {
      try {
        const planned = planCirculation(deps.db(), made.caseId, options.env);
        if (planned.plan.planKey !== made.planKey) {
          throw new AppFailure('CONFLICT', 'The case or the directory changed while its pack was being made. Nothing was sent; circulate it from its page.');
        }
        const pack = { bytes: Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength), pages: made.pages, sha256: made.sha256 };
        const record = await deps.record({ planned, pack, passphrase: made.passphrase }, freeName(options.folder, `${made.reference} property request`));
        const partners = new Set(record.recipients.map((r) => r.partnerId)).size;
        results.push({
          ...base,
          status: 'sent',
          message: `Saved and recorded as sent to ${partners} ${partners === 1 ? 'partner' : 'partners'}.`,
          fileName: record.fileName,
          recipients: partners,
          passphrase: made.passphrase,
        });
      } catch (err) {
        if (!(err instanceof AppFailure)) throw err;
        results.push({ ...base, status: err.code === 'RULE' ? 'skipped' : 'failed', message: err.message });
      }
    }
    options.onProgress(index + 1, total, `Recorded ${index + 1} of ${total}`);
    await yieldToEventLoop();
  }
  return { results, stoppedEarly: false };
}
