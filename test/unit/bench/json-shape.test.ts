import { describe, expect, it } from 'vitest';
import { benchJsonProblems } from '../../../test/bench/json-shape';

/** The CI smoke run of the bench passes only when its JSON holds every figure the shape asks for. */
const row = (over: Record<string, unknown> = {}) => ({
  workload: 'Case list: first page',
  encrypted_ms: 3.1,
  plaintext_ms: 3.0,
  ratio: 1.03,
  budget_ms: 50,
  ok: true,
  cold: { encrypted_ms: 9, plaintext_ms: 8, ratio: 1.1 },
  memory_security_off: null,
  runs: 7,
  ...over,
});
const bulk = { workload: 'Backup', ms: 900, budgetMs: 5000, ok: true };
const run = (rows: unknown[]) => ({
  scale: 'small',
  cases: 250,
  audit_entries: 2000,
  rows,
  bulk: [bulk, bulk, bulk, bulk, bulk],
  main_peak_rss_mb: 500,
  seconds: 50,
});

describe('the bench JSON check', () => {
  it('accepts a run with every figure', () => {
    expect(benchJsonProblems(run(Array.from({ length: 24 }, () => row())))).toEqual([]);
  });

  it('says which workload lost its encrypted/plaintext ratio', () => {
    const rows = [...Array.from({ length: 23 }, () => row()), row({ workload: 'Search: by name', ratio: null })];
    expect(benchJsonProblems(run(rows))).toEqual(['No ratio for: Search: by name']);
  });

  it('refuses a run with missing workloads or a figure that is not a number', () => {
    expect(benchJsonProblems(run([row()])).join(' ')).toMatch(/^rows:/);
    const bad = run(Array.from({ length: 24 }, () => row({ encrypted_ms: null })));
    expect(benchJsonProblems(bad).join(' ')).toMatch(/rows\.0\.encrypted_ms/);
  });
});
