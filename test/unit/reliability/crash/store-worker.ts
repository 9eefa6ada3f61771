import fs from 'node:fs';
import { openEncrypted } from '../../../../main/db/open';
import { migrate } from '../../../../main/db/migrate';
import { createServices } from '../../../../main/app/services';
import type { Session } from '../../../../main/app/session';
import { IpcRegistry } from '../../../../main/ipc/registry';
import { registerDirectoryHandlers } from '../../../../main/directory/handlers';
import { registerCaseHandlers } from '../../../../main/cases/handlers';
import type { Logger } from '../../../../main/log/logger';
import { CRASH_OPERATIONS, type CrashState } from './crash-operations';

/*
 * The child process of the crash test: opens the store, then writes through the real handlers as fast as it can
 * until it is killed. After each change commits it reports the audit entries that change wrote, with a synchronous
 * write to stdout, so that whatever the parent has read was committed. Environment: RECIPROCAL_CRASH_DB (file),
 * RECIPROCAL_CRASH_KEY (hex), RECIPROCAL_CRASH_SEED.
 */

const file = process.env['RECIPROCAL_CRASH_DB']!;
const key = Buffer.from(process.env['RECIPROCAL_CRASH_KEY']!, 'hex');
let seed = Number(process.env['RECIPROCAL_CRASH_SEED'] ?? 1) >>> 0 || 1;
const random = () => {
  // xorshift32: reproducible from the seed the parent prints when a check fails.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;
const db = openEncrypted(file, key);
migrate(db);
const session = { db: () => db, refreshSettings: () => undefined } as unknown as Session;
const services = createServices({
  session,
  now: () => new Date(),
  today: () => '2026-03-10',
  dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
  logger: quiet,
  emit: () => undefined,
  // The worker exercises the handlers' own transactions; no handler it calls starts long work.
  jobs: { run: () => Promise.reject(new Error('No jobs in the crash worker')) },
});
const registry = new IpcRegistry({ isTrustedSender: () => true, logger: quiet });
registerDirectoryHandlers(registry, services);
registerCaseHandlers(registry, services);

const sender = { url: 'app://reciprocal/index.html', isMainFrame: true };
const call = (channel: string, payload: unknown) => registry.dispatch(channel, payload, sender);
const lastAudit = () => Number(db.prepare('SELECT coalesce(max(id), 0) FROM audit_log', { pluck: true }).get());

const state: CrashState = {
  partners: db.prepare('SELECT id FROM partners', { pluck: true }).all() as number[],
  cases: db.prepare('SELECT id, state, state_before_hold AS stateBeforeHold FROM cases').all() as CrashState['cases'],
  random,
};
const total = CRASH_OPERATIONS.reduce((n, op) => n + op.weight, 0);

fs.writeSync(1, 'READY\n');
for (;;) {
  let roll = random() * total;
  const op = CRASH_OPERATIONS.find((o) => (roll -= o.weight) < 0) ?? CRASH_OPERATIONS[0]!;
  const before = lastAudit();
  const committed = await op.run(call, state);
  const after = lastAudit();
  if (committed && after > before) fs.writeSync(1, `COMMIT ${op.name} ${before + 1} ${after}\n`);
}
