import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { RECIRCULATION_AUDIENCE_LABELS, type RecirculationAudience } from '../../contract/circulation';
import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import { readCasePolicy } from '../cases/policy';
import { AppFailure, fileFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import { writeFileAtomic } from '../vault/atomic-write';
import { batchCandidates, recordPacks } from './batch';
import { circulationPassphrase, insertExport, requestsReceived } from './circulation-store';
import { addressList } from './distribution';
import { distributionCsv } from './distribution-csv';
import { caseCirculations } from './history';
import { planCirculation, type PlanEnv } from './plan';
import { readCirculationPolicy, writeCirculationPolicy } from './policy';
import { preparePack, previewPack, recordSent, saveAndRecord, type PreparedPack } from './send';

const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];
const CSV_FILTERS = [{ name: 'CSV (UTF-8)', extensions: ['csv'] }];

/** Handlers for circulation (issue 9). Thin: the work is in the modules they call. */
export function registerCirculationHandlers(registry: IpcRegistry, services: AppServices): void {
  const env = (audience?: RecirculationAudience): PlanEnv => {
    const db = services.db();
    return { today: services.today(), casePolicy: readCasePolicy(db), policy: readCirculationPolicy(db), audience };
  };
  const caseEnv = (e: PlanEnv) => ({ today: e.today, policy: e.casePolicy });
  const record = (prepared: PreparedPack, file: string, e: PlanEnv, overrideReason?: string) =>
    saveAndRecord(file, prepared, (staged) => services.change((tx) => recordSent(tx, prepared, staged, { ...e, caseEnv: caseEnv(e), overrideReason })));
  const running = new Map<string, AbortController>();

  registry.register('circulation.plan', (req) => planCirculation(services.db(), req.caseId, env(req.audience)).plan);

  registry.register('circulation.preview', async (req) => {
    const pack = await previewPack(services.db(), req.caseId, env(req.audience));
    return { pdfBase64: pack.bytes.toString('base64'), pages: pack.pages, sha256: pack.sha256 };
  });

  registry.register('circulation.send', async (req) => {
    const e = env(req.audience);
    const first = planCirculation(services.db(), req.caseId, e);
    if (first.plan.planKey !== req.planKey) {
      throw new AppFailure('CONFLICT', 'The request or its distribution list has changed since it was shown. Nothing was sent; look at the list again.');
    }
    if (first.plan.blockedBecause !== null) throw new AppFailure('RULE', `${first.plan.blockedBecause} Nothing was sent.`);
    // Refused before the save dialog: a left or suspended home landlord needs the coordinator's recorded reason.
    if (first.plan.needsOverride !== null && (req.overrideReason ?? '').trim() === '') {
      throw new AppFailure('RULE', `${first.plan.needsOverride.message} Nothing was sent.`, { fields: { overrideReason: 'Record why you are going ahead' } });
    }
    const file = await services.dialogs.chooseSaveFile({
      title: 'Save the property request',
      defaultName: `${first.plan.reference} property request.pdf`,
      filters: PDF_FILTERS,
    });
    if (file === null) return { cancelled: true };
    const prepared = await preparePack(services.db(), req.caseId, e, { encrypt: req.encrypt });
    if (prepared.planned.plan.planKey !== req.planKey) {
      throw new AppFailure('CONFLICT', 'The request or its distribution list changed while the pack was being made. Nothing was sent; look at the list again.');
    }
    const circulation = await record(prepared, file, e, req.overrideReason);
    services.logger.info('circulation.sent', { caseId: req.caseId, circulationId: circulation.id, encrypted: prepared.passphrase === null ? 0 : 1 });
    return { cancelled: false, circulation, passphrase: prepared.passphrase };
  });

  registry.register('circulation.exportList', async (req) => {
    const { plan } = planCirculation(services.db(), req.caseId, env(req.audience));
    if (plan.recipients.length === 0) throw new AppFailure('RULE', 'The distribution list is empty, so there is nothing to export. Nothing was saved.');
    const file = await services.dialogs.chooseSaveFile({
      title: 'Export the distribution list',
      defaultName: `${plan.reference} distribution list.csv`,
      filters: CSV_FILTERS,
    });
    if (file === null) return { cancelled: true };
    const bytes = distributionCsv(plan);
    const rows = plan.recipients.reduce((n, r) => n + r.contacts.length, 0);
    return services.change((tx) => {
      insertExport(tx.db, {
        kind: 'distribution_list',
        at: tx.now.toISOString(),
        actor: tx.actor,
        caseId: req.caseId,
        fileName: path.basename(file),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
        holdsIdentity: false,
        encrypted: false,
      });
      tx.audit({
        action: 'circulation.list_exported',
        entityType: 'case',
        entityId: req.caseId,
        caseId: req.caseId,
        summary: `Case ${plan.reference}: distribution list exported (${plan.recipients.length} partners)`,
      });
      try {
        writeFileAtomic(file, bytes);
      } catch (err) {
        throw fileFailure(err, 'save') ?? err;
      }
      return { cancelled: false, fileName: path.basename(file), rows };
    });
  });

  registry.register('circulation.addressList', (req) => addressList(planCirculation(services.db(), req.caseId, env(req.audience)).plan.recipients));

  registry.register('circulation.history', (req) => caseCirculations(services.db(), req.caseId));

  registry.register('circulation.revealPassphrase', (req) =>
    services.change((tx) => {
      const found = circulationPassphrase(tx.db, req.circulationId);
      if (found === null) throw new AppFailure('NOT_FOUND', 'That circulation could not be found. Nothing was shown.');
      if (found.passphrase === null) throw new AppFailure('RULE', 'That pack was not encrypted, so it has no passphrase.');
      const reference = tx.db.prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([found.caseId]) as string;
      // Reading a secret back out is recorded, as a change would be.
      tx.audit({
        action: 'circulation.passphrase_shown',
        entityType: 'circulation',
        entityId: req.circulationId,
        caseId: found.caseId,
        summary: `Case ${reference}: passphrase of circulation ${found.sequence} shown again`,
      });
      return { passphrase: found.passphrase };
    }),
  );

  registry.register('circulation.partnerRequests', (req) => requestsReceived(services.db(), req.partnerId));

  registry.register('circulation.batchCandidates', () => batchCandidates(services.db(), env()));

  registry.register('circulation.batchRun', async (req) => {
    if (running.has(req.task)) throw new AppFailure('CONFLICT', 'That batch is already running.');
    const e = env();
    const folder = await services.dialogs.chooseSaveFile({
      title: 'Name a new folder for the packs',
      defaultName: `Property requests ${e.today}`,
      filters: [],
    });
    if (folder === null) return { cancelled: true };
    const controller = new AbortController();
    running.set(req.task, controller);
    try {
      let packs;
      try {
        // The packs are made in a worker thread; cancelling there stops it and nothing is sent.
        packs = await services.jobs.run('circulation.packs', { caseIds: req.caseIds, encrypt: req.encrypt, env: e });
      } catch (err) {
        if (err instanceof AppFailure && err.code === 'CANCELLED')
          return { cancelled: false, folderName: path.basename(folder), results: [], stoppedEarly: true, sent: 0, skipped: 0 };
        throw err;
      }
      if (controller.signal.aborted) return { cancelled: false, folderName: path.basename(folder), results: [], stoppedEarly: true, sent: 0, skipped: 0 };
      try {
        fs.mkdirSync(folder, { recursive: true });
      } catch (err) {
        throw fileFailure(err, 'save') ?? err;
      }
      const { results, stoppedEarly } = await recordPacks({ db: () => services.db(), record: (prepared, file) => record(prepared, file, e) }, packs, {
        folder,
        env: e,
        signal: controller.signal,
        onProgress: (done, total, label) => services.emit({ type: 'progress', taskId: req.task, kind: 'circulation.record', done, total, label }),
      });
      const sent = results.filter((r) => r.status === 'sent').length;
      services.logger.info('circulation.batch', { sent, total: req.caseIds.length, stopped: stoppedEarly ? 1 : 0 });
      return { cancelled: false, folderName: path.basename(folder), results, stoppedEarly, sent, skipped: results.length - sent };
    } finally {
      running.delete(req.task);
    }
  });

  registry.register('circulation.batchCancel', (req) => {
    const controller = running.get(req.task);
    controller?.abort();
    return { cancelled: controller !== undefined };
  });

  registry.register('circulation.getPolicy', () => readCirculationPolicy(services.db()));

  registry.register('circulation.updatePolicy', (req) =>
    services.change((tx) => {
      const before = readCirculationPolicy(tx.db);
      const changes = diffFields(before, req, ['showRiskCategory', 'recirculationAudience']);
      writeCirculationPolicy(tx.db, req);
      tx.audit({
        action: 'settings.circulation_policy_updated',
        entityType: 'settings',
        entityId: 'circulation.policy',
        summary:
          changes.length === 0
            ? 'Circulation policy saved with no change'
            : `Circulation policy: risk category ${req.showRiskCategory ? 'shown' : 'not shown'}; re-circulation to ${RECIRCULATION_AUDIENCE_LABELS[req.recirculationAudience].toLowerCase()}`,
        changes,
      });
      return req;
    }),
  );
}
