import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AppServices } from '../app/services';
import type { IpcRegistry } from '../ipc/registry';
import { AppFailure } from '../errors';
import { insertExport } from '../circulation/circulation-store';
import { generatePassphrase } from '../circulation/passphrase';
import { commitStaged, discardStaged, stageFile, type StagedFile } from '../circulation/staged-file';

/**
 * `rights.subjectAccess`: the coordinator chooses where the PDF goes (the JSON goes beside it), the job makes both
 * files in its worker, and one transaction renames them into place, records both in `exports` (holds identity,
 * encrypted) and writes the audit entry. A failure anywhere leaves no file and no row.
 */
export function registerSubjectAccessHandler(registry: IpcRegistry, services: AppServices): void {
  registry.register('rights.subjectAccess', async (req) => {
    const reference = services.db().prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([req.caseId]) as string | undefined;
    if (reference === undefined) throw new AppFailure('NOT_FOUND', 'That case could not be found. Nothing was exported.');
    const file = await services.dialogs.chooseSaveFile({
      title: 'Save the subject access export',
      defaultName: `subject-access-${reference}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (file === null) return { cancelled: true, files: [], passphrase: null };
    const pdfFile = file.toLowerCase().endsWith('.pdf') ? file : `${file}.pdf`;
    const jsonFile = `${pdfFile.slice(0, -'.pdf'.length)}.json.age`;
    const passphrase = generatePassphrase();
    const made = await services.jobs.run('rights.subjectAccess', { caseId: req.caseId, producedOn: services.today(), passphrase });
    const staged: StagedFile[] = [];
    const placed: string[] = [];
    try {
      staged.push(await stageFile(pdfFile, made.pdf), await stageFile(jsonFile, made.json));
      return services.change((tx) => {
        for (const [i, bytes] of [made.pdf, made.json].entries()) {
          insertExport(tx.db, {
            kind: 'full_record',
            at: tx.now.toISOString(),
            actor: tx.actor,
            caseId: req.caseId,
            fileName: path.basename(staged[i]!.file),
            sha256: createHash('sha256').update(bytes).digest('hex'),
            bytes: bytes.length,
            holdsIdentity: true,
            encrypted: true,
          });
        }
        tx.audit({
          action: 'case.subject_access_exported',
          entityType: 'case',
          entityId: req.caseId,
          caseId: req.caseId,
          summary: `Case ${made.reference}: subject access export made (encrypted PDF and JSON)`,
        });
        for (const s of staged) {
          commitStaged(s);
          placed.push(s.file);
        }
        return { cancelled: false, files: staged.map((s) => path.basename(s.file)), passphrase };
      });
    } catch (err) {
      // The transaction rolled back: no file may stay that looks like a finished export.
      for (const s of staged) discardStaged(s);
      for (const f of placed) fs.rmSync(f, { force: true });
      throw err;
    }
  });
}
