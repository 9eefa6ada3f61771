/**
 * The bench's data: a synthetic scheme made by the demo generator through the app's own IPC registry (every rule,
 * every audit entry), once per scale and seed, kept in a cache folder so that reruns start at once. Next to the
 * encrypted store sits a plaintext copy of the same pages' content (`sqlcipher_export`), for the interleaved
 * plaintext runs that give the encryption's cost.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IsoDate } from '../../contract/calendar-date';
import { createAppCore, type AppCore } from '../../main/app/core';
import { dataFiles } from '../../main/app/data-files';
import { latestVersion } from '../../main/db/migrate';
import type { Db } from '../../main/db/types';
import { circulateForDemo } from '../../main/demo/demo-circulation';
import { generateScheme, type GeneratedSummary } from '../../main/demo/generator';
import type { ScaleName } from '../../main/demo/scales';
import type { SenderInfo } from '../../main/ipc/registry';
import type { Logger } from '../../main/log/logger';
import { readKeyFile, unwrapKey } from '../../main/vault/key-file';

export const BENCH_PASSPHRASE = 'a long passphrase for the bench store';
export const SENDER: SenderInfo = { url: 'app://reciprocal/index.html', isMainFrame: true };
/** The generator's last day, fixed so that a cached store and a fresh one are the same data. */
export const BENCH_END: IsoDate = '2026-11-27';

export interface StoreMeta {
  scale: ScaleName;
  seed: number;
  schema: number;
  summary: GeneratedSummary;
  cases: number;
  enquiries: number;
  auditEntries: number;
  encryptedBytes: number;
  plaintextBytes: number;
  buildSeconds: number;
  /** Registry calls the generator made, and the batch size it committed them in. */
  calls: number;
  batch: number;
}

export interface BenchStore {
  dir: string;
  database: string;
  plaintext: string;
  keyFile: string;
  meta: StoreMeta;
  cached: boolean;
}

const cacheRoot = () => process.env.BENCH_CACHE ?? path.join(os.tmpdir(), 'reciprocal-bench-cache');

/** Changes to the generator or the schema make new data: both are in the cache key. */
function generatorHash(): string {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const demo = path.join(here, '../../main/demo');
  const h = createHash('sha256');
  for (const f of fs.readdirSync(demo).sort()) h.update(f).update(fs.readFileSync(path.join(demo, f)));
  return h.digest('hex').slice(0, 10);
}

export function storeDir(scale: ScaleName, seed: number): string {
  return path.join(cacheRoot(), `${scale}-seed${seed}-schema${latestVersion()}-gen${generatorHash()}`);
}

/** The data key, unwrapped from the key file with the passphrase (scrypt): what an unlock does. */
export async function dataKey(keyFile: string): Promise<Buffer> {
  const key = await unwrapKey(readKeyFile(keyFile), BENCH_PASSPHRASE, 'passphrase');
  if (!key) throw new Error('The bench store did not open with its passphrase');
  return key;
}

export function benchCore(dataDir: string, today: () => IsoDate, options: { memorySecurity?: false; logger?: Logger } = {}): AppCore {
  return createAppCore({
    ...options,
    paths: { dataDir },
    version: 'bench',
    dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
    isTrustedSender: () => true,
    emit: () => undefined,
    today,
  });
}

/**
 * The bulk path. Each registry call still runs its own `services.change` (its transaction becomes a savepoint, so a
 * refused call rolls back alone), but `BATCH` calls are committed together with `synchronous = OFF`: at 50,000 cases
 * the commits, not the domain functions, were most of the time. A crash while building only means building again.
 */
const BATCH = 2000;

function batched(db: Db): { begin(): void; commitIfDue(): void; finish(): void } {
  const original = db.transaction.bind(db);
  let open = false;
  let calls = 0;
  // Prepared once: `exec` would parse each statement again on every call (about 65 µs a call at 30,000 calls).
  const st = (sql: string) => db.prepare(sql);
  const [begin, commit, savepoint, release, rollbackTo] = ['BEGIN', 'COMMIT', 'SAVEPOINT bench', 'RELEASE bench', 'ROLLBACK TO bench'].map(st);
  const savepointed = <R>(fn: (...args: unknown[]) => R) =>
    ((...args: unknown[]): R => {
      if (!open) return (original(fn) as (...a: unknown[]) => R)(...args);
      // Nested savepoints may share a name: RELEASE and ROLLBACK TO act on the innermost one.
      savepoint!.run();
      try {
        const result = fn(...args);
        release!.run();
        return result;
      } catch (err) {
        rollbackTo!.run();
        release!.run();
        throw err;
      }
    }) as ReturnType<Db['transaction']>;
  (db as { transaction: unknown }).transaction = savepointed;
  return {
    begin() {
      if (open) return;
      begin!.run();
      open = true;
    },
    commitIfDue() {
      if (++calls % BATCH !== 0 || !open) return;
      commit!.run();
      open = false;
    },
    finish() {
      if (open) commit!.run();
      open = false;
      delete (db as { transaction?: unknown }).transaction;
    },
  };
}

/** The build's log: warnings and errors to stderr; the app's per-action info lines (a file write each) are dropped. */
const buildLogger: Logger = {
  info: () => undefined,
  // SQLITE_SCHEMA is SQLite re-preparing a statement after the schema changed (the audit's temporary triggers): routine.
  warn: (event, data) => void (data?.code === 'SQLITE_SCHEMA' || console.warn(`warn ${event}`, data ?? '')),
  error: (event, data) => console.warn(`error ${event}`, data ?? ''),
};

/** The store for a scale, from the cache or made now. `log` gets progress lines. */
export async function benchStore(scale: ScaleName, seed: number, log: (line: string) => void): Promise<BenchStore> {
  const dir = storeDir(scale, seed);
  const files = dataFiles(path.join(dir, 'data'));
  const result = (meta: StoreMeta, cached: boolean): BenchStore => ({
    dir,
    database: files.database,
    plaintext: path.join(dir, 'plaintext.db'),
    keyFile: files.keyFile,
    meta,
    cached,
  });
  const metaFile = path.join(dir, 'meta.json');
  if (fs.existsSync(metaFile)) return result(JSON.parse(fs.readFileSync(metaFile, 'utf8')) as StoreMeta, true);

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(files.dataDir, { recursive: true });
  let today: IsoDate = BENCH_END;
  // Built with memory security off: the file is the same either way, and it halves the time a write takes (SQLCipher
  // makes the setting process-wide, and it can still be turned on afterwards, as the bench's main pass does).
  const core = benchCore(files.dataDir, () => today, { memorySecurity: false, logger: buildLogger });
  const call = (channel: string, payload: unknown, options?: { answer: boolean }) => core.registry.dispatch(channel, payload, SENDER, options);
  const made = await call('vault.create', { coordinatorName: 'Bench Coordinator', passphrase: BENCH_PASSPHRASE, confirmPassphrase: BENCH_PASSPHRASE });
  if (!made.ok) throw new Error(`vault.create: ${made.error.message}`);
  const db = core.services.db();
  db.pragma('synchronous = OFF');
  // A page cache that holds the whole store (1 GiB; the app keeps 64 MiB). Past 64 MiB of data every index page the
  // build touches is read back and decrypted again: the last years' calls were nearly twice the first years', and the
  // `stress` build is about a tenth faster with the larger cache. The build's own setting, like `synchronous`.
  db.pragma('cache_size = -1048576');
  const batch = batched(db);
  let calls = 0;
  const started = performance.now();
  let lastLog = started;
  try {
    const summary = await generateScheme(
      {
        call: async (channel, payload, options) => {
          batch.begin();
          const res = await call(channel, payload, options);
          calls++;
          batch.commitIfDue();
          return res as Awaited<ReturnType<Parameters<typeof generateScheme>[0]['call']>>;
        },
        setToday: (d) => void (today = d),
        // Cases are circulated as the demo fill does it: through the lifecycle, without a pack to save.
        circulate: async (caseId) => circulateForDemo(core.services, caseId),
      },
      {
        seed,
        scale,
        endOn: BENCH_END,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - lastLog < 15_000) return;
          lastLog = now;
          log(`  … ${scale}: day ${done} of ${total}, ${calls.toLocaleString('en-GB')} calls, ${((now - started) / 1000).toFixed(0)} s`);
        },
      },
    );
    batch.finish();
    const buildSeconds = (performance.now() - started) / 1000;
    db.pragma('synchronous = FULL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const plaintext = path.join(dir, 'plaintext.db');
    // The same schema and rows in an unencrypted file: SQLCipher's documented way to decrypt a copy.
    db.exec(`ATTACH DATABASE '${plaintext.replace(/'/g, "''")}' AS plaintext KEY ''`);
    db.prepare("SELECT sqlcipher_export('plaintext')").get();
    db.exec('DETACH DATABASE plaintext');
    const count = (sql: string) => db.prepare(sql, { pluck: true }).get() as number;
    const meta: StoreMeta = {
      scale,
      seed,
      schema: latestVersion(),
      summary,
      cases: count('SELECT count(*) FROM cases'),
      enquiries: count('SELECT count(*) FROM enquiries'),
      auditEntries: count('SELECT count(*) FROM audit_log'),
      encryptedBytes: fs.statSync(files.database).size,
      plaintextBytes: fs.statSync(plaintext).size,
      buildSeconds,
      calls,
      batch: BATCH,
    };
    core.close();
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    return result(meta, false);
  } catch (err) {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
