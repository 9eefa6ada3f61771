import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../../main/audit/row-check';
import { openEncrypted } from '../../../../main/db/open';
import { checkIntegrity } from '../../../../main/db/integrity';
import { migrate } from '../../../../main/db/migrate';
import { openTestDb, type TestDb } from '../../helpers/test-db';
import { bundleWorker, removeWorker, runAndKill, type Commit } from './crash-harness';

/*
 * Crash safety: the store, writing cases, transitions, notes and partners through the real handlers in a child
 * process, is killed with SIGKILL at random moments and reopened each time. Every reopen must pass SQLite's and
 * SQLCipher's integrity checks; every change the worker reported as committed must be there, entry for entry; and
 * none may be half-applied: the audit check (chain plus every row against its audit history) must hold, which fails
 * for a state without its audit entry or an entry without its state.
 * RECIPROCAL_KILLS sets the number of kills: 30 for `npm test`, 500 in `npm run test:soak`.
 */

const KILLS = Number(process.env['RECIPROCAL_KILLS'] ?? 30);

describe('the store survives being killed at any moment', () => {
  let worker: string;
  let t: TestDb;
  beforeAll(async () => {
    worker = await bundleWorker();
    t = openTestDb();
    t.db.close();
  });
  afterAll(() => {
    removeWorker(worker);
    t.cleanup();
  });

  it(`${KILLS} kills: every reopen is intact, every reported commit is there, none is half-applied`, { timeout: 60_000 + KILLS * 10_000 }, async () => {
    const reported: (Commit & { hash: string })[] = [];
    let totalCommits = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const seed = (Date.now() ^ (kill * 2654435761)) >>> 0;
      // Sometimes while it opens the store, mostly after a few commits, at a random point of the next change.
      const afterCommits = Math.random() < 0.2 ? 0 : 1 + Math.floor(Math.random() * 15);
      const jitterMs = Math.random() * 15;
      const env = { RECIPROCAL_CRASH_DB: t.file, RECIPROCAL_CRASH_KEY: t.key.toString('hex'), RECIPROCAL_CRASH_SEED: String(seed) };
      const run = await runAndKill(worker, env, afterCommits, jitterMs);
      const context = `kill ${kill + 1} (seed ${seed}, after ${afterCommits} commits and ${jitterMs.toFixed(1)} ms)`;
      expect(run.stderr, context).toBe('');
      expect(run.killed, context).toBe(true);

      const db = openEncrypted(t.file, t.key);
      try {
        migrate(db);
        expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok');
        expect(checkIntegrity({ db, onProgress: () => undefined, throwIfCancelled: () => undefined }), context).toEqual({ ok: true, problems: [] });
        // What the worker reported in this run and every earlier run is still there, unchanged.
        const hashOf = db.prepare('SELECT hash FROM audit_log WHERE id = ?', { pluck: true });
        for (const commit of run.commits) {
          for (let id = commit.firstAuditId; id <= commit.lastAuditId; id++)
            expect(hashOf.get([id]), `${context}: ${commit.operation} entry ${id}`).toBeTypeOf('string');
          reported.push({ ...commit, hash: hashOf.get([commit.lastAuditId]) as string });
        }
        for (const commit of reported) expect(hashOf.get([commit.lastAuditId]), `${context}: earlier ${commit.operation}`).toBe(commit.hash);
        const audit = verifyAuditLog(db);
        expect(audit.problem, context).toBeNull();
        expect(audit.ok, context).toBe(true);
        totalCommits += run.commits.length;
      } finally {
        db.close();
      }
    }
    // The kills landed while work was going on, not only before it started.
    expect(totalCommits).toBeGreaterThanOrEqual(KILLS / 2);
    const db = openEncrypted(t.file, t.key);
    const cases = Number(db.prepare('SELECT count(*) FROM cases', { pluck: true }).get());
    db.close();
    expect(cases).toBeGreaterThan(0);
    expect(fs.existsSync(t.file)).toBe(true);
  });
});
