import { spawn } from 'node:child_process';

/** What one run of a kill-test worker did before it ended. */
export interface Run {
  /** Lines the worker began with "DONE ": pieces of work it reported finished. */
  done: number;
  stderr: string;
  killed: boolean;
  /** From READY to the first DONE, when one came: how long one piece of work takes here. */
  firstMs: number | null;
}

/**
 * Starts a worker (`node <args>`), and kills it with SIGKILL `afterMs` after it says READY, or after its first DONE
 * when `afterMs` is null (a calibration run: how long one piece of work takes on this machine).
 */
export function runAndKill(args: string[], env: Record<string, string>, afterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let readyAt = 0;
    let firstMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!readyAt && out.includes('READY\n')) {
        readyAt = Date.now();
        if (afterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
      if (firstMs === null && out.includes('DONE ')) {
        firstMs = Date.now() - readyAt;
        if (afterMs === null) child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp);
      if (timer) clearTimeout(timer);
      const done = out.split('\n').filter((line) => line.startsWith('DONE ')).length;
      resolve({ done, stderr, killed: signal === 'SIGKILL', firstMs });
    });
  });
}
