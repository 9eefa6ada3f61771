import { diffFields } from '../audit/audit';
import type { IpcRegistry } from '../ipc/registry';
import type { AppServices } from '../app/services';
import { readGeneralSettings, writeGeneralSetting } from './settings-repo';
import type { GeneralSettings } from '../../contract/settings';

export function registerSettingsHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('settings.getGeneral', () => readGeneralSettings(services.db()));
  registry.register('settings.updateGeneral', (req) => {
    const result = services.change((tx) => {
      const before = readGeneralSettings(tx.db);
      // A field sent as `undefined` passes `.partial()` but means "not sent": it must not overwrite the stored value.
      const sent = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) as Partial<GeneralSettings>;
      const after: GeneralSettings = { ...before, ...sent };
      const changes = diffFields(before, after, ['coordinatorName', 'autoLockMinutes', 'hideFromScreenCapture']);
      for (const change of changes) writeGeneralSetting(tx.db, change.field as keyof GeneralSettings, after[change.field as keyof GeneralSettings] as never);
      tx.audit({
        action: 'settings.updated',
        entityType: 'settings',
        entityId: 'general',
        summary: changes.length ? 'General settings changed' : 'General settings saved with no change',
        changes,
      });
      return after;
    });
    services.settingsChanged();
    return result;
  });
}
