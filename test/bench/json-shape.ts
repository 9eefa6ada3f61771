/**
 * The shape of `npm run bench -- --json FILE` (issue 14), checked by `--check`: the CI smoke run at `small` proves that
 * the bench still runs and still writes every figure, without judging the times themselves.
 */
import { z } from 'zod';

const ms = z.number().finite().nonnegative();
const ratio = z.number().finite().positive().nullable();
const side = z.object({ encrypted_ms: ms, plaintext_ms: ms.nullable(), ratio });

const storeRow = z.object({
  workload: z.string().min(1),
  encrypted_ms: ms,
  plaintext_ms: ms.nullable(),
  ratio,
  budget_ms: ms.nullable(),
  ok: z.boolean(),
  cold: side.nullable(),
  memory_security_off: side.nullable(),
  runs: z.number().int().positive(),
});

const bulkRow = z.object({ workload: z.string().min(1), ms, budgetMs: ms.nullable(), ok: z.boolean() });

const scale = z.object({
  scale: z.string(),
  cases: z.number().int().positive(),
  audit_entries: z.number().int().positive(),
  rows: z.array(storeRow).min(20),
  bulk: z.array(bulkRow).min(5),
});

const oneScale = scale.extend({ main_peak_rss_mb: ms, seconds: ms });
const allScales = z.object({ scale: z.literal('all'), scales: z.array(scale).min(2) });

/** Problems with a written bench file, in words; empty when every figure is there. */
export function benchJsonProblems(json: unknown): string[] {
  // Chosen by the scale, not as a union, so that a problem is reported where it is rather than as "invalid input".
  const all = typeof json === 'object' && json !== null && (json as { scale?: unknown }).scale === 'all';
  const parsed = all ? allScales.safeParse(json) : oneScale.safeParse(json);
  if (parsed.success) {
    const rows = 'rows' in parsed.data ? parsed.data.rows : parsed.data.scales.flatMap((s) => s.rows);
    // The encryption's cost is the point of the table: every store workload but the encrypted-only ones has a ratio.
    const missing = rows.filter((r) => r.plaintext_ms !== null && r.ratio === null).map((r) => r.workload);
    return missing.length ? [`No ratio for: ${missing.join(', ')}`] : [];
  }
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
