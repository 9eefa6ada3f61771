import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/*
 * Runs the store worker (store-worker.ts) in a child process and SIGKILLs it at a random moment. The worker is
 * bundled once with esbuild into plain JavaScript so that each of the hundreds of restarts costs a Node start, not
 * a TypeScript compile; the native SQLCipher module stays external and loads from node_modules.
 */

const ROOT = path.resolve(import.meta.dirname, '../../../..');

export async function bundleWorker(): Promise<string> {
  const outfile = path.join(ROOT, 'test-results', 'crash-worker', `store-worker-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'store-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['@signalapp/sqlcipher'],
    logLevel: 'silent',
    // Bundled ESM has no `require`; a dependency that calls it gets Node's own.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

export interface Commit {
  operation: string;
  firstAuditId: number;
  lastAuditId: number;
}

export interface KillRun {
  commits: Commit[];
  /** What the worker wrote to stderr: empty unless it failed on its own. */
  stderr: string;
  killed: boolean;
}

/**
 * Starts the worker and kills it with SIGKILL `jitterMs` after it has reported `afterCommits` commits (0: after it is
 * ready), so that every kill lands in the middle of work without the test depending on how fast the machine is.
 */
export function runAndKill(worker: string, env: Record<string, string>, afterCommits: number, jitterMs: number): Promise<KillRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    // A worker that never gets ready (it failed to open the store) must not hang the test.
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const commits = out.split('\nCOMMIT ').length - 1;
      if (timer === null && out.includes('READY\n') && commits >= afterCommits) timer = setTimeout(() => child.kill('SIGKILL'), jitterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp);
      if (timer) clearTimeout(timer);
      const commits = out
        .split('\n')
        .filter((l) => l.startsWith('COMMIT '))
        .map((l) => {
          const [, operation, first, last] = l.split(' ');
          return { operation: operation!, firstAuditId: Number(first), lastAuditId: Number(last) };
        });
      resolve({ commits, stderr, killed: signal === 'SIGKILL' });
    });
  });
}

export function removeWorker(worker: string): void {
  fs.rmSync(worker, { force: true });
}
