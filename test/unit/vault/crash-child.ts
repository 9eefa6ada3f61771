// Run by crash-during-key-changes.test.ts in a child process: performs one operation through the registry and is
// killed with SIGKILL right after the named durable step, as a power cut or a crash would stop it.
import { createAppCore } from '../../../main/app/core';
import type { DurableStep } from '../../../main/app/session';

const [dataDir, operation, crashAt, ...args] = process.argv.slice(2) as [string, string, DurableStep, ...string[]];
const core = createAppCore({
  paths: { dataDir },
  version: '0.0.0-test',
  dialogs: { chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null },
  isTrustedSender: () => true,
  emit: () => undefined,
  afterStep: (step) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
const sender = { url: 'app://reciprocal/index.html', isMainFrame: true };
const call = (channel: string, payload: unknown) => core.registry.dispatch(channel, payload, sender);

const [a = '', b = ''] = args;
if (operation === 'setup') {
  await call('vault.create', { coordinatorName: 'Crash Test', passphrase: a, confirmPassphrase: a });
} else if (operation === 'change-passphrase') {
  await call('vault.unlock', { passphrase: a });
  await call('vault.changePassphrase', { current: a, passphrase: b, confirmPassphrase: b });
} else if (operation === 'new-recovery-key') {
  await call('vault.unlock', { passphrase: a });
  const res = await call('vault.newRecoveryKey', { current: a });
  if (res.ok) process.stdout.write(JSON.stringify(res.value));
}
// Reaching here means the step named was never reached: the parent test fails on exit code 0.
core.close();
