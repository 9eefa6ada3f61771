import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFiles } from '../../../../main/app/data-files';
import { verifyAuditLog } from '../../../../main/audit/row-check';
import { openEncrypted } from '../../../../main/db/open';
import type { Logger } from '../../../../main/log/logger';
import { isOurTempName, removeStaleTemps } from '../../../../main/privacy/stale-temp';
import { readKeyFile, unwrapKey } from '../../../../main/vault/key-file';
import { PASSPHRASE } from '../../helpers/test-core';
import { tempDir } from '../../backup/helpers';
import { aMarkedCase, rightsWorld, type RightsWorld } from '../../rights/rights-fixture';
import { fingerprint } from '../db-fingerprint';
import { runAndKill } from './run-and-kill';

/*
 * Issue 15: a SIGKILL part-way through a circulation pack, a report export or a ledger statement export, made by the
 * real app core through the registry in a child process (export-worker.ts), leaves the live data intact and usable,
 * and no half-written output under a finished name:
 *  - the store passes integrity_check, cipher_integrity_check and the audit check, and changed only by whole exports
 *    (the packs' referrals and circulations, the export records and their audit entries);
 *  - every export the store records is in the folder, byte for byte what it recorded (SHA-256);
 *  - every file with a finished name is complete (qpdf --check for a PDF; a CSV ends its last line);
 *  - anything else is a hidden temporary file of our naming pattern, and the clean-up removes every one of them.
 * RECIPROCAL_KILLS sets the kills (a tenth of it for each export kind: 3 each in `npm test`, 50 in `npm run test:soak`).
 */

const KILLS = Math.max(2, Math.round(Number(process.env['RECIPROCAL_KILLS'] ?? 30) / 10));
const WORKER = path.join(import.meta.dirname, 'export-worker.ts');
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('kills during pack, report and statement exports leave the data intact and no output that looks complete', () => {
  let w: RightsWorld;
  let key: Buffer;
  let database: string;
  const folders: string[] = [];

  beforeAll(async () => {
    w = await rightsWorld('2026-03-02');
    // A move, so that the home landlord's statement has lines.
    await aMarkedCase(w, 'qxk', 2, '2026-03-02', 'moved');
    w.t.core.close();
    database = dataFiles(w.t.dataDir).database;
    key = (await unwrapKey(readKeyFile(dataFiles(w.t.dataDir).keyFile), PASSPHRASE, 'passphrase'))!;
  }, 300_000);
  afterAll(() => {
    w?.cleanup();
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  });

  /** The store after a kill: intact, and the export records it holds (file name → SHA-256). */
  function checkStore(context: string): { print: Record<string, string>; recorded: Map<string, string>; statements: number } {
    const db = openEncrypted(database, key, { mustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
      expect(db.pragma('cipher_integrity_check'), context).toEqual([]);
      expect(verifyAuditLog(db).problem, context).toBeNull();
      const recorded = new Map(
        db
          .prepare("SELECT file_name, sha256 FROM exports WHERE kind = 'pack' OR kind = 'report'")
          .all<{ file_name: string; sha256: string }>()
          .map((r) => [r.file_name, r.sha256]),
      );
      const statements = Number(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'ledger.statement_exported'", { pluck: true }).get());
      return { print: fingerprint(db), recorded, statements };
    } finally {
      db.close();
    }
  }

  function checkFolder(out: string, store: ReturnType<typeof checkStore>, context: string): number {
    const names = fs.readdirSync(out);
    const hashes = new Map<string, string>();
    let complete = 0;
    for (const name of names) {
      const file = path.join(out, name);
      if (name.startsWith('.')) {
        expect(isOurTempName(name), `${context}: ${name}`).toBe(true);
        continue;
      }
      const bytes = fs.readFileSync(file);
      hashes.set(name, sha256(bytes));
      if (name.endsWith('.pdf')) {
        // qpdf exits non-zero on a damaged or truncated file (0, or 3 for warnings only).
        let status = 0;
        try {
          execFileSync('qpdf', ['--check', '--password=', file], { stdio: 'ignore' });
        } catch (err) {
          status = (err as { status: number }).status;
        }
        expect(status === 0 || status === 3, `${context}: ${name} is a complete PDF`).toBe(true);
      } else {
        expect(bytes.length > 0 && bytes[bytes.length - 1] === 0x0a, `${context}: ${name} ends its last line`).toBe(true);
      }
      complete++;
    }
    // Every export the store recorded is there, exactly as recorded.
    for (const [name, hash] of store.recorded) if (names.includes(name)) expect(hashes.get(name), `${context}: ${name}`).toBe(hash);
    // A statement's record holds the digest of its content, not of the file: each one recorded has its file.
    expect(names.filter((n) => n.startsWith('statement-')).length, `${context}: every recorded statement is in the folder`).toBeGreaterThanOrEqual(
      store.statements,
    );
    return complete;
  }

  for (const mode of ['pack', 'report', 'statement'] as const) {
    it(`${KILLS} kills during ${mode} exports`, { timeout: 120_000 + KILLS * 90_000 }, async () => {
      const out = tempDir(`reciprocal-kill-${mode}-`);
      folders.push(out);
      const env = {
        RECIPROCAL_EXPORT_MODE: mode,
        RECIPROCAL_EXPORT_DATA: w.t.dataDir,
        RECIPROCAL_EXPORT_DIR: out,
        RECIPROCAL_EXPORT_PARTNER: String(w.partnerId),
      };
      const calibration = await runAndKill(['--import', 'tsx', WORKER], env, null);
      expect(calibration.stderr).toBe('');
      expect(calibration.done).toBeGreaterThan(0);
      let before = checkStore('calibration');
      const recordedBefore = [...before.recorded.keys()].filter((n) => n.startsWith(mode)).length + before.statements;
      expect(recordedBefore).toBeGreaterThan(0);
      const span = 1.5 * (calibration.firstMs ?? 3000);
      let complete = 0;
      let temps = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const afterMs = Math.random() * span;
        const run = await runAndKill(['--import', 'tsx', WORKER], env, afterMs);
        const context = `${mode} kill ${kill + 1} after ${afterMs.toFixed(0)} ms`;
        expect(run.stderr, context).toBe('');
        expect(run.killed, context).toBe(true);
        const store = checkStore(context);
        // Only whole exports changed the store: the tables an export writes, nothing else.
        const allowed = mode === 'pack' ? null : ['exports', 'audit_log'];
        if (allowed) {
          const changed = Object.keys(store.print).filter((table) => store.print[table] !== before.print[table]);
          expect(
            changed.filter((table) => !allowed.includes(table)),
            context,
          ).toEqual([]);
        }
        before = store;
        complete += checkFolder(out, store, context);
        temps += fs.readdirSync(out).filter(isOurTempName).length;
        // What the app does at start and unlock: our temporary files of a run that is over are removed.
        removeStaleTemps([out], new Date(Date.now() + 1000), quiet);
        expect(
          fs.readdirSync(out).filter((n) => n.startsWith('.')),
          context,
        ).toEqual([]);
      }
      expect(complete).toBeGreaterThan(0);
      // Not asserted (a kill may land between files), but worth seeing when the test is tuned.
      void temps;
    });
  }
});
