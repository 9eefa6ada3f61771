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

export function benchCore(dataDir: string, today: () => IsoDate): AppCore {
  return createAppCore({
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
const BATCH = 500;

function batched(db: Db): { begin(): void; commitIfDue(): void; finish(): void } {
  const original = db.transaction.bind(db);
  let open = false;
  let calls = 0;
  let depth = 0;
  const savepointed = <R>(fn: (...args: unknown[]) => R) =>
    ((...args: unknown[]): R => {
      if (!open) return (original(fn) as (...a: unknown[]) => R)(...args);
      const name = `bench_${++depth}`;
      db.exec(`SAVEPOINT ${name}`);
      try {
        const result = fn(...args);
        db.exec(`RELEASE ${name}`);
        return result;
      } catch (err) {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
        throw err;
      } finally {
        depth--;
      }
    }) as ReturnType<Db['transaction']>;
  (db as { transaction: unknown }).transaction = savepointed;
  return {
    begin() {
      if (open) return;
      db.exec('BEGIN');
      open = true;
    },
    commitIfDue() {
      if (++calls % BATCH !== 0 || !open) return;
      db.exec('COMMIT');
      open = false;
    },
    finish() {
      if (open) db.exec('COMMIT');
      open = false;
      delete (db as { transaction?: unknown }).transaction;
    },
  };
}

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
  const core = benchCore(files.dataDir, () => today);
  const call = (channel: string, payload: unknown) => core.registry.dispatch(channel, payload, SENDER);
  const made = await call('vault.create', { coordinatorName: 'Bench Coordinator', passphrase: BENCH_PASSPHRASE, confirmPassphrase: BENCH_PASSPHRASE });
  if (!made.ok) throw new Error(`vault.create: ${made.error.message}`);
  const db = core.services.db();
  db.pragma('synchronous = OFF');
  const batch = batched(db);
  let calls = 0;
  const started = performance.now();
  let lastLog = started;
  try {
    const summary = await generateScheme(
      {
        call: async (channel, payload) => {
          batch.begin();
          const res = await call(channel, payload);
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
