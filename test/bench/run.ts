/**
 * `npm run bench` (issue 14). For each scale: the synthetic scheme made by the demo generator through the IPC registry
 * (cached), then every store workload through the registry on the encrypted store and on a plaintext copy of the same
 * data, interleaved, warm and cold; the same again in a second process with `cipher_memory_security = OFF`; then the
 * bulk work (create, open, backup, verification, restore, packs, import, the generator itself) against its budgets.
 *
 *   npm run bench -- [--scale small|real|stress|huge|all] [--seed N] [--json FILE] [--runs N] [--renderer] [--check] [--fresh]
 *
 * `--renderer` adds the renderer's figures (Playwright in Chromium over a copy of the largest scale's store; needs
 * `npm run build` first).
 *
 * Timings on a shared machine are noisy: read the ratios and the budget verdicts, not the last decimal.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openEncrypted } from '../../main/db/open';
import type { Db } from '../../main/db/types';
import { SCALE_NAMES, type ScaleName } from '../../main/demo/scales';
import { jobKinds, type JobKindName } from '../../main/jobs/kinds';
import { backupBench } from './backup-bench';
import { benchJsonProblems } from './json-shape';
import { circulationBench } from './circulation';
import { directoryBench } from './directory-and-vault';
import { connector, median, timed, traceStatements, type ConnectionKind, type Connector } from './measure';
import { formatScale, formatScaling, verdict, type BulkRow, type ScaleResult, type StoreRow } from './report';
import { BENCH_END, BENCH_PASSPHRASE, SENDER, benchCore, benchStore, dataKey, type BenchStore } from './store';
import { WORKLOADS, choosePicks, type Call, type Picks, type Workload } from './workloads';

interface Args {
  scale: ScaleName | 'all';
  seed: number;
  json: string | null;
  runs: number;
  renderer: boolean;
  /** After writing the JSON, check that it holds every figure (the CI smoke run); exits 1 if not. */
  check: boolean;
  /** Build the store anew in a temporary cache, removed at the end (the smoke run's proof that the build works). */
  fresh: boolean;
  /** Internal: the second process, whose encrypted connections run without memory security. */
  pass: 'main' | 'memsec-off';
  out: string | null;
}

/** A whole number of at least `min`, or a message that says which option was wrong (NaN would run nothing). */
function whole(option: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`${option} must be a whole number of at least ${min}, not "${text}"`);
  return n;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scale: 'stress', seed: 20261127, json: null, runs: 7, renderer: false, check: false, fresh: false, pass: 'main', out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scale') {
      const v = value();
      if (v !== 'all' && !SCALE_NAMES.includes(v as ScaleName)) throw new Error(`--scale must be one of ${SCALE_NAMES.join(', ')} or all`);
      args.scale = v as ScaleName | 'all';
    } else if (a === '--seed') args.seed = whole(a, value(), 0);
    else if (a === '--json') args.json = value();
    else if (a === '--runs') args.runs = whole(a, value(), 1);
    else if (a === '--renderer') args.renderer = true;
    else if (a === '--check') args.check = true;
    else if (a === '--fresh') args.fresh = true;
    else if (a === '--pass') args.pass = value() === 'memsec-off' ? 'memsec-off' : 'main';
    else if (a === '--out') args.out = value();
    else throw new Error(`Unknown option ${a}`);
  }
  return args;
}

const log = (line: string) => console.warn(line);
/** The table and the summary go to stdout (progress goes to stderr), so `npm run bench > table.txt` keeps just them. */
const print = (text: string) => void process.stdout.write(`${text}\n`);

/** A registry whose `services.db()` is whichever connection the bench points it at, and whose jobs run inline on it. */
function registryOn(tmp: string) {
  let current: Db | null = null;
  const core = benchCore(tmp, () => BENCH_END);
  const services = core.services as { db: () => Db; jobs: unknown };
  services.db = () => {
    if (!current) throw new Error('No connection chosen');
    return current;
  };
  services.jobs = {
    run: async (kind: JobKindName, input: unknown) => {
      const ctx = {
        db: services.db(),
        onProgress: () => undefined,
        signal: new AbortController().signal,
        throwIfCancelled: () => undefined,
        // No job the bench runs inline asks main for anything (only the demo fill does).
        ask: () => Promise.reject(new Error('The bench runs jobs inline: nothing to ask.')),
      };
      const job = jobKinds[kind] as unknown as { run(c: typeof ctx, i: unknown): unknown };
      return job.run(ctx, input);
    },
  };
  const call: Call = async <T>(channel: string, payload: unknown = {}) => {
    const res = await core.registry.dispatch(channel, payload, SENDER);
    if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
    return res.value as T;
  };
  return { call, use: (db: Db) => (current = db), close: () => core.close() };
}

/** One-off store workloads beside the screens' ones: opening (scrypt included) and SQLCipher's page check. */
type Direct = (c: Connector, db: Db, store: BenchStore, kind: ConnectionKind) => Promise<unknown>;
const EXTRA: (Workload & { direct: Direct; encryptedOnly?: boolean })[] = [
  {
    name: 'Open: unlock (scrypt) and first read',
    budgetMs: null,
    runs: 3,
    run: async () => undefined,
    direct: async (c, _db, store, kind) => {
      // The plaintext side opens its file and reads; the encrypted side unwraps the key as an unlock does.
      const key = kind === 'plaintext' ? null : await dataKey(store.keyFile);
      const fresh = key ? openEncrypted(store.database, key, { mustExist: true, memorySecurity: c.memorySecurity }) : c.open('plaintext');
      fresh.prepare('SELECT count(*) FROM cases').get();
      fresh.close();
      key?.fill(0);
    },
  },
  {
    name: 'cipher_integrity_check (every page HMAC)',
    budgetMs: null,
    runs: 3,
    encryptedOnly: true,
    run: async () => undefined,
    direct: async (_c, db) => db.pragma('cipher_integrity_check'),
  },
];

/**
 * How many times to run a workload, from how long its warm-up took: the bench must finish in minutes at `stress`,
 * where a whole-store check takes many seconds. Light reads get every run and three cold ones; a workload of a
 * second or so gets three and one cold; a multi-second one is measured once (its warm-up).
 */
function runsFor(firstMs: number, runs: number): { runs: number; coldRuns: number; heavy: boolean } {
  if (firstMs > HEAVY_MS) return { runs: 1, coldRuns: 0, heavy: true };
  if (firstMs > 300) return { runs: Math.min(runs, 3), coldRuns: 1, heavy: false };
  return { runs, coldRuns: Math.min(3, runs), heavy: false };
}
const HEAVY_MS = 2000;

async function storePass(
  store: BenchStore,
  memorySecurity: boolean,
  runs: number,
  withCold: boolean,
  /** Left out of this pass: the memory-security-off pass skips what the main pass found heavy (its figures stand). */
  skip: ReadonlySet<string> = new Set(),
): Promise<{ rows: StoreRow[]; picks: Picks; heavy: string[] }> {
  const key = await dataKey(store.keyFile);
  const c = connector(store, key, memorySecurity);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-registry-'));
  const reg = registryOn(tmp);
  const enc = c.open('encrypted');
  const plain = c.open('plaintext');
  const rows: StoreRow[] = [];
  const heavy: string[] = [];
  reg.use(plain);
  const picks = await choosePicks(plain, reg.call, BENCH_END);
  try {
    const all = [...EXTRA, ...WORKLOADS] as (Workload & { direct?: Direct; encryptedOnly?: boolean })[];
    for (const w of all) {
      if (skip.has(w.name)) {
        log(`  ${w.name}: left out of this pass (a whole-store pass; the main pass measured it)`);
        continue;
      }
      const once = (db: Db, kind: ConnectionKind = db === plain ? 'plaintext' : 'encrypted') => {
        reg.use(db);
        return timed(() => (w.direct ? w.direct(c, db, store, kind) : w.run(reg.call, picks)));
      };
      const e: number[] = [];
      const p: number[] = [];
      // The warm-up run says how heavy the workload is at this scale (see `runsFor`).
      const first = await once(enc);
      const plan = runsFor(first, Math.min(runs, w.runs ?? runs));
      const firstPlain = w.encryptedOnly ? null : await once(plain);
      if (plan.heavy) {
        heavy.push(w.name);
        // A whole-store pass takes seconds and reads more than the page cache holds: warm and cold are alike, and
        // the warm-up is its one measured run.
        e.push(first);
        if (firstPlain !== null) p.push(firstPlain);
      }
      const n = plan.heavy ? 0 : plan.runs;
      // Interleaved, alternating which goes first, so that the machine's noise falls on both alike.
      for (let i = 0; i < n; i++) {
        if (i % 2 === 0 || w.encryptedOnly) {
          e.push(await once(enc));
          if (!w.encryptedOnly) p.push(await once(plain));
        } else {
          p.push(await once(plain));
          e.push(await once(enc));
        }
      }
      let cold: StoreRow['cold'] = null;
      if (withCold && !plan.heavy) {
        const ce: number[] = [];
        const cp: number[] = [];
        for (let i = 0; i < plan.coldRuns; i++) {
          for (const kind of w.encryptedOnly ? (['encrypted'] as const) : (['encrypted', 'plaintext'] as const)) {
            const fresh = c.open(kind);
            try {
              (kind === 'encrypted' ? ce : cp).push(await once(fresh, kind));
            } finally {
              fresh.close();
            }
          }
        }
        cold = { encrypted_ms: median(ce), plaintext_ms: cp.length ? median(cp) : null, ratio: cp.length ? median(ce) / median(cp) : null };
      }
      const em = median(e);
      const pm = p.length ? median(p) : null;
      const row: StoreRow = {
        workload: w.name,
        encrypted_ms: em,
        plaintext_ms: pm,
        ratio: pm ? em / pm : null,
        budget_ms: w.budgetMs,
        ok: verdict(em, w.budgetMs),
        cold,
        memory_security_off: null,
        runs: plan.heavy ? 1 : n,
      };
      if ((!row.ok || w.plans) && !w.direct) {
        const fresh = c.open('encrypted');
        try {
          reg.use(fresh);
          await w.run(reg.call, picks);
          row.plans = await traceStatements(fresh, () => w.run(reg.call, picks));
        } finally {
          fresh.close();
        }
      }
      rows.push(row);
      log(`  ${w.name}: ${em.toFixed(1)} ms encrypted, ${pm === null ? '–' : pm.toFixed(1)} ms plaintext${row.ok ? '' : '  (budget missed)'}`);
    }
  } finally {
    enc.close();
    plain.close();
    reg.close();
    key.fill(0);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { rows, picks, heavy };
}

/** The second process: SQLCipher's memory security is process-wide and cannot be turned off once on. */
function memsecOffPass(args: Args, scale: ScaleName, heavy: readonly string[]): StoreRow[] | null {
  const out = path.join(os.tmpdir(), `reciprocal-bench-memsec-${process.pid}-${scale}.json`);
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', self, '--pass', 'memsec-off', '--scale', scale, '--seed', String(args.seed), '--runs', String(args.runs), '--out', out],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, BENCH_SKIP: JSON.stringify(heavy) } },
  );
  if (child.status !== 0 || !fs.existsSync(out)) {
    log(`  (the memory-security-off pass failed: exit ${String(child.status)})`);
    return null;
  }
  const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as StoreRow[];
  fs.rmSync(out, { force: true });
  return rows;
}

async function bulkPass(store: BenchStore): Promise<BulkRow[]> {
  const rows: BulkRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-bulk-'));
  try {
    // Create: a new store through vault.create (two scrypt derivations, the migrations, the first audit entry).
    const createTimes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const core = benchCore(path.join(tmp, `create-${i}`), () => BENCH_END);
      createTimes.push(
        await timed(async () => {
          const res = await core.registry.dispatch(
            'vault.create',
            { coordinatorName: 'Bench', passphrase: BENCH_PASSPHRASE, confirmPassphrase: BENCH_PASSPHRASE },
            SENDER,
          );
          if (!res.ok) throw new Error(res.error.message);
        }),
      );
      core.close();
    }
    rows.push({ workload: 'Create a store: scrypt, migrations, first audit entry', ms: median(createTimes), budgetMs: null });
    const m = store.meta;
    rows.push({
      workload: 'Generator: the scheme through the registry (a call)',
      ms: (m.buildSeconds * 1000) / m.calls,
      budgetMs: 10,
      note: `${m.calls.toLocaleString('en-GB')} calls in ${m.buildSeconds.toFixed(0)} s, ${((m.buildSeconds * 1000) / m.cases).toFixed(0)} ms a case, committed ${m.batch} calls at a time`,
    });
    const key = await dataKey(store.keyFile);
    const db = openEncrypted(store.database, key, { mustExist: true });
    try {
      rows.push(...(await backupBench(db, tmp)));
    } finally {
      db.close();
      key.fill(0);
    }
    rows.push(...(await circulationBench()));
    rows.push(...directoryBench());
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.fresh && args.pass === 'main') {
    // The memory-security-off child inherits the variable, so it reads the store this run made.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-fresh-'));
    process.env.BENCH_CACHE = root;
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    // A signal skips 'exit' handlers: tidy the fresh store away then too (the exit code says which signal).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
    if (args.check && !args.json) args.json = path.join(root, 'bench.json');
  }
  if (args.check && !args.json) throw new Error('--check reads the JSON it writes: give --json FILE (or --fresh)');
  const scales = args.scale === 'all' ? SCALE_NAMES : [args.scale];
  if (args.pass === 'memsec-off') {
    const store = await benchStore(scales[0]!, args.seed, log);
    log(`Memory security OFF pass (${scales[0]!}), in its own process:`);
    const skip = new Set(JSON.parse(process.env.BENCH_SKIP ?? '[]') as string[]);
    const { rows } = await storePass(store, false, args.runs, false, skip);
    fs.writeFileSync(args.out ?? 'memsec-off.json', JSON.stringify(rows));
    return;
  }
  const started = performance.now();
  const results: ScaleResult[] = [];
  const checkProblems: string[] = [];
  for (const scale of scales) {
    // Where the bench's own minutes go, so that a slow run says which part was slow.
    const phases: Record<string, number> = {};
    let phaseStart = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round((now - phaseStart) / 100) / 10;
      phaseStart = now;
    };
    log(`Scale ${scale}: the store…`);
    const store = await benchStore(scale, args.seed, log);
    phase('store');
    log(`  ${store.cached ? 'from the cache' : 'made'} (${store.meta.cases.toLocaleString('en-GB')} cases) at ${store.dir}`);
    log('Memory security ON (the app), warm and cold, encrypted and plaintext interleaved:');
    const { rows, picks, heavy } = await storePass(store, true, args.runs, true);
    phase('memory_security_on');
    const off = memsecOffPass(args, scale, heavy);
    // The smoke run must not pass with a column missing: a failed second process leaves every `mem-off` figure null.
    if (off === null) checkProblems.push(`the memory-security-off pass failed at ${scale}`);
    phase('memory_security_off');
    for (const row of rows) {
      const o = off?.find((r) => r.workload === row.workload);
      row.memory_security_off = o ? { encrypted_ms: o.encrypted_ms, plaintext_ms: o.plaintext_ms, ratio: o.ratio } : null;
    }
    log('Bulk work…');
    const bulkRows = await bulkPass(store);
    phase('bulk');
    if (args.renderer && scale === scales.at(-1)) {
      log('Renderer (Playwright, Chromium)…');
      // Imported by path: it is compiled with the DOM types (tsconfig.e2e.json), which main's code must not see.
      const renderer = (await import(new URL('../e2e/bench/renderer-bench.ts', import.meta.url).href)) as {
        rendererBench(s: BenchStore, surname: string): Promise<BulkRow[]>;
      };
      try {
        bulkRows.push(...(await renderer.rendererBench(store, picks.surname)));
      } catch (err) {
        // The store figures stand on their own: a failure in the browser part is reported, not fatal.
        log(`  The renderer figures failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      phase('renderer');
    }
    const bulk = bulkRows.map((b) => ({ ...b, ok: verdict(b.ms, b.budgetMs) }));
    const m = store.meta;
    const result: ScaleResult = {
      scale,
      cases: m.cases,
      enquiries: m.enquiries,
      audit_entries: m.auditEntries,
      encrypted_mb: m.encryptedBytes / 2 ** 20,
      plaintext_mb: m.plaintextBytes / 2 ** 20,
      store: { cached: store.cached, build_seconds: m.buildSeconds, calls: m.calls, ms_per_call: (m.buildSeconds * 1000) / m.calls },
      rows,
      bulk,
      phases_s: phases,
    };
    results.push(result);
    print(`\n${formatScale(result)}\n`);
  }
  if (results.length > 1) print(`${formatScaling(results)}\n`);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const seconds = (performance.now() - started) / 1000;
  print(`Main process peak resident memory ${peakMb.toFixed(0)} MB; the bench took ${seconds.toFixed(0)} s on ${os.cpus().length} cores.`);
  if (args.json) {
    const json =
      results.length === 1 ? { ...results[0], main_peak_rss_mb: peakMb, seconds } : { scale: 'all', scales: results, main_peak_rss_mb: peakMb, seconds };
    fs.writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    print(`Wrote ${args.json}`);
    if (args.check) {
      const problems = [...checkProblems, ...benchJsonProblems(JSON.parse(fs.readFileSync(args.json, 'utf8')))];
      if (problems.length) {
        console.error(`The bench's JSON is incomplete:\n  ${problems.join('\n  ')}`);
        process.exitCode = 1;
      } else print('The JSON holds every figure (--check).');
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
