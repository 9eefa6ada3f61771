import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import type { IpcRegistry } from '../ipc/registry';
import { readListPrivacy, writeListPrivacy } from './list-privacy';

/** "Show applicant names in lists": a setting like the others, audited. */
export function registerPrivacyHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('privacy.get', () => readListPrivacy(services.db()));
  registry.register('privacy.update', (req) =>
    services.change((tx) => {
      const before = readListPrivacy(tx.db);
      const changes = diffFields(before, req, ['showNamesInLists']);
      writeListPrivacy(tx.db, req);
      tx.audit({
        action: 'settings.privacy_updated',
        entityType: 'settings',
        entityId: 'privacy.lists',
        summary:
          changes.length === 0
            ? 'List privacy saved with no change'
            : req.showNamesInLists
              ? 'Lists now show applicant names'
              : 'Lists now hide applicant names',
        changes,
      });
      return req;
    }),
  );
}
