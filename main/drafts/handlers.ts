import type { AppServices } from '../app/services';
import type { IpcRegistry } from '../ipc/registry';
import { deleteDraft, findDraft, listDrafts, parseDraftKey, writeDraft } from './drafts-repo';

function what(key: string, reference: string | null): string {
  return parseDraftKey(key).kind === 'referral' ? 'a new referral' : `changes to ${reference ?? 'a case'}`;
}

/**
 * Drafts of unsaved forms (issue 7, "no lost typing"). Starting and ending a draft are audited, so the log shows
 * that an intake was begun and what became of it. The saves in between, a second or so after each pause in typing,
 * are the form's scratch state rather than a change to any record, so they are written in one transaction of their
 * own without an audit entry each: the log would otherwise hold an entry for every few keystrokes.
 */
export function registerDraftHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('drafts.save', (req) => {
    const db = services.db();
    if (findDraft(db, req.key) !== null) {
      db.transaction(() => writeDraft(db, req.key, req.body, services.now()))();
    } else {
      services.change((tx) => {
        writeDraft(tx.db, req.key, req.body, tx.now);
        const { caseId } = parseDraftKey(req.key);
        const reference = caseId === null ? null : (findDraft(tx.db, req.key)?.reference ?? null);
        tx.audit({ action: 'draft.started', entityType: 'draft', entityId: req.key, caseId, summary: `Draft of ${what(req.key, reference)} kept` });
      });
    }
    const draft = findDraft(db, req.key);
    if (draft === null) throw new Error('The draft was not written');
    const { body: _body, ...summary } = draft;
    return summary;
  });

  registry.register('drafts.get', (req) => findDraft(services.db(), req.key));

  registry.register('drafts.list', () => listDrafts(services.db()));

  registry.register('drafts.discard', (req) => {
    const db = services.db();
    const draft = findDraft(db, req.key);
    if (draft === null) return { discarded: false };
    services.change((tx) => {
      deleteDraft(tx.db, req.key);
      tx.audit({
        action: req.saved ? 'draft.saved' : 'draft.discarded',
        entityType: 'draft',
        entityId: req.key,
        caseId: draft.caseId,
        summary: req.saved ? `Draft of ${what(req.key, draft.reference)} saved` : `Draft of ${what(req.key, draft.reference)} discarded`,
      });
    });
    return { discarded: true };
  });
}
