import { AppFailure, fileFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import type { Clipboard, Timers } from '../ports';
import { writeFileAtomic } from '../vault/atomic-write';
import { normaliseRecoveryKey } from '../vault/recovery-key';
import type { AppServices } from './services';

/** Long enough to paste it into a password manager; short enough not to sit in the clipboard all day. */
export const CLIPBOARD_CLEAR_SECONDS = 120;

function validKey(input: string): string {
  const key = normaliseRecoveryKey(input);
  if (!key)
    throw new AppFailure('VALIDATION', 'That is not a recovery key. Nothing was copied or saved.', { fields: { recoveryKey: 'That is not a recovery key' } });
  return key;
}

export function recoveryKeyFileText(key: string, savedAt: Date): string {
  return [
    'Reciprocal recovery key',
    '',
    `    ${key}`,
    '',
    `Saved on ${savedAt.toISOString().slice(0, 10)}. This key opens the encrypted Reciprocal database if the passphrase is`,
    'forgotten. Keep this file somewhere safe and apart from the laptop (a USB stick in a locked drawer, as your',
    'organisation requires), and delete any other copy. A new recovery key made in Settings replaces this one.',
    '',
  ].join('\n');
}

/**
 * Copy and "Save as a file" for the recovery key on show. The renderer sends the key back (main does not keep it);
 * only a well-formed key is accepted. Neither is audited as a change of the store, but saving is, when unlocked,
 * because a copy of the key now exists outside the app.
 */
export function registerRecoveryKeyHandlers(
  registry: IpcRegistry,
  services: AppServices,
  deps: { clipboard: Clipboard; timers: Timers; isUnlocked(): boolean },
): void {
  registry.register('vault.copyRecoveryKey', (req) => {
    const key = validKey(req.recoveryKey);
    deps.clipboard.writeText(key);
    deps.timers.setTimeout(() => {
      void Promise.resolve(deps.clipboard.readText()).then((text) => {
        if (text === key) deps.clipboard.writeText('');
      });
    }, CLIPBOARD_CLEAR_SECONDS * 1000);
    services.logger.info('vault.recovery_key_copied');
    return { clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS };
  });

  registry.register('vault.saveRecoveryKey', async (req) => {
    const key = validKey(req.recoveryKey);
    const file = await services.dialogs.chooseSaveFile({
      title: 'Save the recovery key',
      defaultName: 'Reciprocal recovery key.txt',
      filters: [{ name: 'Text file', extensions: ['txt'] }],
    });
    if (!file) return { cancelled: true as const };
    try {
      writeFileAtomic(file, recoveryKeyFileText(key, services.now()));
    } catch (err) {
      throw fileFailure(err, 'save') ?? err;
    }
    if (deps.isUnlocked()) {
      services.change((tx) => tx.audit({ action: 'vault.recovery_key_saved', entityType: 'vault', summary: 'Recovery key saved to a file' }));
    }
    services.logger.info('vault.recovery_key_saved');
    const fileName = file.split(/[\\/]/).pop() ?? file;
    return { cancelled: false as const, fileName };
  });
}
