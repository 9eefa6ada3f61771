/** The bench's figures: one row per workload, printed as a table and written as JSON (issue 14's shape). */
import type { TracedStatement } from './measure';

export interface StoreRow {
  workload: string;
  encrypted_ms: number;
  plaintext_ms: number | null;
  ratio: number | null;
  budget_ms: number | null;
  ok: boolean;
  cold: { encrypted_ms: number; plaintext_ms: number | null; ratio: number | null } | null;
  /** The same workload in a separate process whose encrypted connections have `cipher_memory_security = OFF`. */
  memory_security_off: { encrypted_ms: number; plaintext_ms: number | null; ratio: number | null } | null;
  runs: number;
  /** When the budget was missed, or for a workload that always shows them: the statements it spent its time in, with their query plans. */
  plans?: TracedStatement[];
}

/** A bulk or one-off workload: timed once, encrypted only (it makes or moves whole stores). */
export interface BulkRow {
  workload: string;
  ms: number;
  budgetMs: number | null;
  peakMb?: number;
  note?: string;
}

export interface ScaleResult {
  scale: string;
  cases: number;
  enquiries: number;
  audit_entries: number;
  encrypted_mb: number;
  plaintext_mb: number;
  store: { cached: boolean; build_seconds: number; calls: number; ms_per_call: number };
  rows: StoreRow[];
  bulk: (BulkRow & { ok: boolean })[];
  /** Seconds spent in each part of the bench at this scale: the store (built or from the cache), each pass. */
  phases_s: Record<string, number>;
}

const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function verdict(ms: number, budget: number | null): boolean {
  return budget === null || ms <= budget;
}

/** The table, as plain text: also what goes into the README. */
export function formatScale(r: ScaleResult): string {
  const lines: string[] = [];
  lines.push(
    `Scale ${r.scale}: ${r.cases.toLocaleString('en-GB')} cases, ${r.enquiries.toLocaleString('en-GB')} enquiries, ` +
      `${r.audit_entries.toLocaleString('en-GB')} audit entries; encrypted ${r.encrypted_mb.toFixed(0)} MB, plaintext ${r.plaintext_mb.toFixed(0)} MB`,
  );
  lines.push(
    `Store ${r.store.cached ? 'from the cache' : 'made now'}: built by the generator in ${r.store.build_seconds.toFixed(0)} s ` +
      `(${r.store.calls.toLocaleString('en-GB')} registry calls, ${r.store.ms_per_call.toFixed(1)} ms a call)`,
  );
  lines.push(
    `This run's time: ${Object.entries(r.phases_s)
      .map(([name, sec]) => `${name.replaceAll('_', ' ')} ${sec.toFixed(0)} s`)
      .join(', ')}`,
  );
  lines.push('');
  const head = [
    pad('Workload', 46),
    lpad('enc ms', 8),
    lpad('plain', 8),
    lpad('ratio', 6),
    lpad('cold enc', 9),
    lpad('cold pl', 8),
    lpad('ratio', 6),
    lpad('mem-off', 8),
    lpad('ratio', 6),
    lpad('budget', 7),
    '  ok',
  ].join(' ');
  lines.push(head);
  lines.push('-'.repeat(head.length));
  for (const row of r.rows) {
    lines.push(
      [
        pad(row.workload, 46),
        lpad(f(row.encrypted_ms), 8),
        lpad(f(row.plaintext_ms), 8),
        lpad(f(row.ratio, 2), 6),
        lpad(f(row.cold?.encrypted_ms), 9),
        lpad(f(row.cold?.plaintext_ms), 8),
        lpad(f(row.cold?.ratio, 2), 6),
        lpad(f(row.memory_security_off?.encrypted_ms), 8),
        lpad(f(row.memory_security_off?.ratio, 2), 6),
        lpad(row.budget_ms === null ? '–' : String(row.budget_ms), 7),
        row.ok ? '  ok' : '  MISSED',
      ].join(' '),
    );
  }
  lines.push('');
  // As wide as the longest workload's name, so that a long one does not push its figures out of their column.
  const width = Math.max(52, ...r.bulk.map((b) => b.workload.length));
  const bulkHead = `${pad('Bulk and one-off work (encrypted)', width)} ${lpad('ms', 9)} ${lpad('budget', 8)}   ok`;
  lines.push(bulkHead);
  lines.push('-'.repeat(bulkHead.length));
  for (const b of r.bulk) {
    lines.push(
      `${pad(b.workload, width)} ${lpad(f(b.ms, 0), 9)} ${lpad(b.budgetMs === null ? '–' : String(b.budgetMs), 8)} ${b.ok ? '  ok' : '  MISSED'}${b.note ? `   ${b.note}` : ''}`,
    );
  }
  const missed = r.rows.filter((row) => !row.ok && row.plans?.length);
  if (missed.length) {
    lines.push('');
    lines.push('Budgets missed: the statements each spent its time in, with EXPLAIN QUERY PLAN');
    for (const row of missed) {
      lines.push('');
      lines.push(`${row.workload} (${f(row.encrypted_ms)} ms, budget ${String(row.budget_ms)} ms)`);
      for (const st of row.plans ?? []) {
        lines.push(`  ${f(st.ms)} ms in ${st.calls} call(s): ${st.sql.length > 220 ? `${st.sql.slice(0, 220)}…` : st.sql}`);
        for (const p of st.plan) lines.push(`      ${p}`);
      }
    }
  }
  // The list, search and audit workloads show their plans whatever their time: the plan, not a noisy millisecond
  // figure on a shared machine, is what says a read will not grow with the data.
  const planned = r.rows.filter((row) => row.ok && row.plans?.length);
  if (planned.length) {
    lines.push('');
    lines.push('Query plans of the list, search and audit workloads (EXPLAIN QUERY PLAN of the statements each spent its time in)');
    for (const row of planned) {
      lines.push('');
      lines.push(`${row.workload} (${f(row.encrypted_ms)} ms)`);
      for (const st of row.plans ?? []) {
        lines.push(`  ${f(st.ms)} ms in ${st.calls} call(s): ${st.sql.length > 220 ? `${st.sql.slice(0, 220)}…` : st.sql}`);
        for (const p of st.plan) lines.push(`      ${p}`);
      }
    }
  }
  return lines.join('\n');
}

/** At `--scale all`: each workload's encrypted warm median at every scale, so growth with the data shows at once. */
export function formatScaling(results: ScaleResult[]): string {
  const lines = ['Scaling (encrypted, warm median ms)', ''];
  const head = [pad('Workload', 46), ...results.map((r) => lpad(`${r.scale} ${(r.cases / 1000).toFixed(1)}k`, 12))].join(' ');
  lines.push(head, '-'.repeat(head.length));
  for (const row of results[0]?.rows ?? []) {
    lines.push([pad(row.workload, 46), ...results.map((r) => lpad(f(r.rows.find((x) => x.workload === row.workload)?.encrypted_ms), 12))].join(' '));
  }
  return lines.join('\n');
}
