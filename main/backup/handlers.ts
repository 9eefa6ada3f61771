import path from 'node:path';
import type { BackupContact } from '../../contract/backup-types';
import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import { AppFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import { backupFileName, readSchedule, writeBackupPassphrase, writeSchedule, type BackupService } from './backup-service';
import { addContact, getContact, listContacts, newIdentity, qrSvg, readIdentity, removeContact, saveIdentity, type StoredIdentity } from './identity';
import { insertRecord, listRecords } from './records-repo';
import type { RestoreService } from './restore-service';

/** The coordinator's key pair is made the first time it is asked for, in one audited change. */
async function ensureIdentity(services: AppServices): Promise<StoredIdentity> {
  const existing = readIdentity(services.db());
  if (existing) return existing;
  const made = await newIdentity(services.now());
  return services.change((tx) => {
    const again = readIdentity(tx.db);
    if (again) return again;
    saveIdentity(tx.db, made);
    tx.audit({ action: 'backups.identity_created', entityType: 'backup_identity', summary: `Own key for shares created (${made.publicKey.slice(0, 12)}…)` });
    return made;
  });
}

/** Handlers for backups, shares and restore (issue 12). */
export function registerBackupHandlers(registry: IpcRegistry, services: AppServices, backups: BackupService, restores: RestoreService): void {
  registry.register('backups.status', () => {
    const status = backups.status();
    // The shell asks for the status as soon as it opens: a backup missed while locked starts now.
    void backups.tick();
    return status;
  });
  registry.register('backups.getSchedule', () => backups.scheduleView(services.db()));
  registry.register('backups.updateSchedule', (req) => {
    services.change((tx) => {
      const before = readSchedule(tx.db);
      const after = { ...before, ...(req.cadence ? { cadence: req.cadence } : {}), ...(req.keep ? { keep: req.keep } : {}) };
      writeSchedule(tx.db, after);
      const changes = diffFields(before, after, ['cadence', 'keep']);
      tx.audit({ action: 'backups.schedule_changed', entityType: 'settings', entityId: 'backups', summary: 'Backup schedule changed', changes });
    });
    return backups.scheduleView(services.db());
  });
  registry.register('backups.chooseFolder', async () => {
    const folder = await services.dialogs.chooseFolder({ title: 'Choose the folder for backups' });
    if (!folder) return { cancelled: true as const };
    services.change((tx) => {
      const before = readSchedule(tx.db);
      writeSchedule(tx.db, { ...before, folder });
      tx.audit({
        action: 'backups.folder_chosen',
        entityType: 'settings',
        entityId: 'backups',
        summary: 'Backup folder chosen',
        changes: [{ field: 'folder', before: before.folder, after: folder }],
      });
    });
    return backups.scheduleView(services.db());
  });
  registry.register('backups.setPassphrase', (req) => {
    services.change((tx) => {
      writeBackupPassphrase(tx.db, req.passphrase);
      // The passphrase itself is never written to the audit log.
      tx.audit({ action: 'backups.passphrase_set', entityType: 'settings', entityId: 'backups', summary: 'Backup passphrase set' });
    });
    return backups.scheduleView(services.db());
  });
  registry.register('backups.runNow', () => backups.run('manual'));
  registry.register('backups.list', () => listRecords(services.db()));

  registry.register('backups.identity', async () => {
    const identity = await ensureIdentity(services);
    return { publicKey: identity.publicKey, qrSvg: await qrSvg(identity.publicKey) };
  });
  registry.register('backups.contacts', () => listContacts(services.db()));
  registry.register('backups.addContact', (req) =>
    services.change((tx) => {
      const own = readIdentity(tx.db);
      if (own?.publicKey === req.publicKey) {
        throw new AppFailure('RULE', 'That is your own key. Add colleagues’ keys here; shares can include your own key with a tick. Nothing was changed.', {
          fields: { publicKey: 'This is your own key' },
        });
      }
      const contact = addContact(tx.db, req, tx.now);
      tx.audit({ action: 'backups.contact_added', entityType: 'backup_contact', entityId: contact.id, summary: `${contact.name} added to the address book` });
      return contact;
    }),
  );
  registry.register('backups.removeContact', (req) =>
    services.change((tx) => {
      const contact = removeContact(tx.db, req.id, tx.now);
      tx.audit({
        action: 'backups.contact_removed',
        entityType: 'backup_contact',
        entityId: contact.id,
        summary: `${contact.name} removed from the address book`,
      });
      return null;
    }),
  );
  registry.register('backups.share', async (req) => {
    const db = services.db();
    const contacts: BackupContact[] = req.contactIds.map((id) => getContact(db, id));
    if (contacts.length === 0 && !req.includeMe) {
      throw new AppFailure('VALIDATION', 'Choose at least one colleague to make the share for. Nothing was written.', {
        fields: { contactIds: 'Choose a colleague' },
      });
    }
    const own = req.includeMe ? await ensureIdentity(services) : null;
    const now = services.now();
    const dest = await services.dialogs.chooseSaveFile({
      title: 'Save the share',
      defaultName: backupFileName(now, 'share'),
      filters: [{ name: 'Reciprocal share', extensions: ['age'] }],
    });
    if (!dest) return { cancelled: true as const };
    const recipients = [...contacts.map((c) => c.publicKey), ...(own ? [own.publicKey] : [])];
    const made = await services.jobs.run('backup.write', {
      workRoot: backups.workRoot,
      dest,
      target: { recipients },
      kind: 'share',
      appVersion: backups.appVersion,
      createdBy: services.actor(),
      now: now.toISOString(),
      verifyWith: own ? { identity: own.secret } : null,
      demo: backups.demo,
    });
    const names = [...contacts.map((c) => c.name), ...(own ? ['you'] : [])];
    return services.change((tx) => {
      const record = insertRecord(tx.db, {
        kind: 'share',
        trigger: 'manual',
        filePath: made.file,
        createdAt: made.manifest.createdAt,
        size: made.size,
        sha256: made.sha256,
        auditHead: made.manifest.auditHead,
        verified: made.problems.length === 0,
        problem: made.problems.length ? made.problems.join(' ') : null,
        recipients: names,
      });
      tx.audit({
        action: 'backups.shared',
        entityType: 'backup',
        entityId: record.id,
        summary: `Share ${path.basename(dest)} made for ${names.join(', ')}`,
        changes: [{ field: 'recipients', before: null, after: recipients }],
      });
      return record;
    });
  });

  registry.register('restore.choose', () => restores.choose());
  registry.register('restore.open', (req) => restores.open(req.token, req.passphrase));
  registry.register('restore.confirm', (req) => restores.confirm(req));
  registry.register('restore.cancel', (req) => {
    restores.cancel(req.token);
    return null;
  });
  registry.register('shares.open', () => restores.openShare());
  registry.register('shares.current', () => restores.currentShare());
  registry.register('shares.close', () => {
    restores.closeShare();
    return null;
  });
}
