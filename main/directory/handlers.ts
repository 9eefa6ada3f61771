import path from 'node:path';
import { PARTNER_STATUS_LABELS, type ImportPreview } from '../../contract/partners';
import type { AppServices } from '../app/services';
import { listAudit } from '../audit/audit';
import { fileFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import { writeFileAtomic } from '../vault/atomic-write';
import { exportDirectory } from './csv-format';
import { confirmImport, forgetImport, previewImport } from './import-session';
import { changedFieldNames, partnerFieldChanges } from './partner-changes';
import { allPartners, coverageByBorough, getPartner, insertPartner, listPartners, setPartnerStatus, updatePartner } from './partners-repo';
import { registeredCheck } from './registered-check';

const CSV_FILTERS = [{ name: 'CSV (UTF-8)', extensions: ['csv'] }];

/** Handlers for the partners directory (issue 3). Each change is one transaction with its audit entry. */
export function registerDirectoryHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('partners.list', (req) => listPartners(services.db(), req));

  registry.register('partners.get', (req) => {
    const db = services.db();
    const partner = getPartner(db, req.id);
    const history = listAudit(db, { entityType: 'partner', entityId: String(req.id), limit: 50 }).map((e) => ({
      at: e.at,
      actor: e.actor,
      summary: e.summary,
    }));
    return { partner, history };
  });

  registry.register('partners.create', (req) =>
    services.change((tx) => {
      const partner = insertPartner(tx.db, req, tx.now);
      tx.audit({
        action: 'partner.created',
        entityType: 'partner',
        entityId: partner.id,
        summary: `Partner ${partner.name} added`,
        changes: partnerFieldChanges(null, partner),
      });
      return partner;
    }),
  );

  registry.register('partners.update', (req) =>
    services.change((tx) => {
      const before = getPartner(tx.db, req.id);
      const after = updatePartner(tx.db, req, tx.now);
      const changes = partnerFieldChanges(before, after);
      const summary = changes.length > 0 ? `Partner ${after.name} updated: ${changedFieldNames(changes)}` : `Partner ${after.name} saved with no change`;
      tx.audit({ action: 'partner.updated', entityType: 'partner', entityId: after.id, summary, changes });
      return after;
    }),
  );

  registry.register('partners.setStatus', (req) =>
    services.change((tx) => {
      const before = getPartner(tx.db, req.id);
      const after = setPartnerStatus(tx.db, req.id, req.status, req.statusChangedOn, tx.now);
      tx.audit({
        action: 'partner.status_changed',
        entityType: 'partner',
        entityId: after.id,
        summary: `Partner ${after.name} status: ${PARTNER_STATUS_LABELS[before.status]} → ${PARTNER_STATUS_LABELS[after.status]}`,
        changes: partnerFieldChanges(before, after),
      });
      return after;
    }),
  );

  registry.register('partners.registeredCheck', (req) => registeredCheck(services.db(), req.name));

  registry.register('partners.coverage', () => coverageByBorough(services.db()));

  registry.register('partners.importPreview', async () => {
    const file = await services.dialogs.chooseOpenFile({ title: 'Import partners and contacts', filters: CSV_FILTERS });
    if (file === null) return { cancelled: true };
    const db = services.db();
    let preview: ImportPreview;
    try {
      preview = previewImport(db, file);
    } catch (err) {
      const failure = fileFailure(err, 'read');
      if (failure === null) throw err;
      forgetImport(db);
      return { cancelled: false, status: 'file_error', fileName: path.basename(file), line: null, message: failure.message };
    }
    if (preview.cancelled === false && preview.status === 'ready') {
      services.logger.info('partners.import_previewed', { add: preview.toAdd.length, update: preview.toUpdate.length, errors: preview.errors.length });
    }
    return preview;
  });

  registry.register('partners.importConfirm', (req) => {
    const outcome = services.change((tx) => confirmImport(tx, req.token));
    forgetImport(services.db());
    services.logger.info('partners.imported', { added: outcome.added, updated: outcome.updated, skipped: outcome.skippedPartners });
    return outcome;
  });

  registry.register('partners.export', async () => {
    const file = await services.dialogs.chooseSaveFile({
      title: 'Export the directory',
      defaultName: `reciprocal-partners-${services.today()}.csv`,
      filters: CSV_FILTERS,
    });
    if (file === null) return { cancelled: true };
    return services.change((tx) => {
      const partners = allPartners(tx.db);
      const rows = partners.reduce((n, p) => n + Math.max(1, p.contacts.length), 0);
      // Written inside the transaction: if the file cannot be written, the audit entry is rolled back with it.
      try {
        writeFileAtomic(file, exportDirectory(partners));
      } catch (err) {
        throw fileFailure(err, 'save') ?? err;
      }
      tx.audit({ action: 'directory.exported', entityType: 'directory', summary: `Directory exported: ${partners.length} partners` });
      return { cancelled: false, fileName: path.basename(file), partners: partners.length, rows };
    });
  });
}
