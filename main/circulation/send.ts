import path from 'node:path';
import { boroughName } from '../../contract/boroughs';
import type { CirculationRecord } from '../../contract/circulation';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { transitionCase, type CaseEnv, type CaseTx } from '../cases/case-actions';
import { insertCirculation, insertExport, listCirculations } from './circulation-store';
import { buildPack, type Pack } from './pack';
import { generatePassphrase } from './passphrase';
import { planCirculation, type PlanEnv, type PlannedCirculation } from './plan';
import { commitStaged, discardStaged, stageFile, type StagedFile } from './staged-file';

/*
 * Making a pack and recording it as sent. The pack is made first (the slow part, outside any transaction); then
 * one transaction re-reads the plan, refuses if it changed, moves the case to 'Circulated' through the lifecycle's
 * own transition (so every rule and gate on that move applies), records the circulation, its boroughs, its frozen
 * recipients and the export, writes the file, and writes the audit entries. If any step fails, none of it happened:
 * the file is written beforehand under a temporary name and renamed into place as the transaction's last step, so
 * a failure anywhere rolls the transaction back and removes the file.
 */

export interface PreparedPack {
  planned: PlannedCirculation;
  pack: Pack;
  passphrase: string | null;
}

export function blockedFailure(planned: PlannedCirculation): AppFailure | null {
  const reason = planned.plan.blockedBecause;
  return reason === null ? null : new AppFailure('RULE', `${reason} Nothing was sent.`);
}

export async function preparePack(db: Db, caseId: number, env: PlanEnv, options: { encrypt: boolean }): Promise<PreparedPack> {
  const planned = planCirculation(db, caseId, env);
  const blocked = blockedFailure(planned);
  if (blocked) throw blocked;
  const passphrase = options.encrypt ? generatePassphrase() : null;
  const pack = await buildPack({
    view: planned.view,
    circulatedOn: env.today,
    kind: planned.plan.kind,
    sequence: planned.sequence,
    newBoroughs: planned.plan.newBoroughs,
    changes: planned.plan.changes,
    passphrase: passphrase ?? undefined,
  });
  return { planned, pack, passphrase };
}

/** The pack for the preview: the same content, never encrypted, never written anywhere. */
export async function previewPack(db: Db, caseId: number, env: PlanEnv): Promise<Pack> {
  const planned = planCirculation(db, caseId, env);
  return buildPack({
    view: planned.view,
    circulatedOn: env.today,
    kind: planned.plan.kind,
    sequence: planned.sequence,
    newBoroughs: planned.plan.newBoroughs,
    changes: planned.plan.changes,
  });
}

export function recordSent(
  tx: CaseTx,
  prepared: PreparedPack,
  staged: StagedFile,
  env: PlanEnv & { caseEnv: CaseEnv; overrideReason?: string | undefined },
): CirculationRecord {
  const { planned, pack, passphrase } = prepared;
  const file = staged.file;
  const caseId = planned.plan.caseId;
  const again = planCirculation(tx.db, caseId, env);
  if (again.plan.planKey !== planned.plan.planKey) {
    throw new AppFailure(
      'CONFLICT',
      `The request or its distribution list changed while the pack was being made (the case or the directory was edited). Nothing was sent or saved; look at the list again and send it from there.`,
    );
  }
  const blocked = blockedFailure(again);
  if (blocked) throw blocked;

  // The lifecycle's own move, with its checks, timeline line and audit entry.
  transitionCase(tx, { id: caseId, to: 'circulated', overrideReason: env.overrideReason }, env.caseEnv);

  const at = tx.now.toISOString();
  const fileName = path.basename(file);
  const exportId = insertExport(tx.db, {
    kind: 'pack',
    at,
    actor: tx.actor,
    caseId,
    fileName,
    sha256: pack.sha256,
    bytes: pack.bytes.length,
    holdsIdentity: false,
    encrypted: passphrase !== null,
  });
  const { plan } = planned;
  const circulationId = insertCirculation(tx.db, {
    caseId,
    sequence: planned.sequence,
    kind: plan.kind,
    audience: plan.audience,
    circulatedOn: env.today,
    at,
    actor: tx.actor,
    packSha256: pack.sha256,
    passphrase,
    exportId,
    changes: plan.changes,
    view: planned.view,
    boroughs: plan.boroughs,
    newBoroughs: plan.newBoroughs,
    recipients: plan.recipients,
  });
  const partners = plan.recipients.length;
  tx.audit({
    action: 'circulation.sent',
    entityType: 'circulation',
    entityId: circulationId,
    caseId,
    summary: `Case ${plan.reference}: ${plan.kind === 'first' ? 'request circulated' : 're-circulated'} to ${partners} ${partners === 1 ? 'partner' : 'partners'}${passphrase === null ? '' : ', encrypted'}`,
    changes: [
      { field: 'boroughs', before: null, after: plan.boroughs.map(boroughName) },
      { field: 'recipients', before: null, after: plan.recipients.map((r) => r.partnerName) },
      { field: 'packSha256', before: null, after: pack.sha256 },
      { field: 'fileName', before: null, after: fileName },
    ],
  });
  commitStaged(staged);
  const record = listCirculations(tx.db, caseId).find((c) => c.id === circulationId);
  if (!record) throw new Error('The circulation just recorded could not be read back');
  return record;
}

/**
 * Writes the pack beside `file` (off the event loop), then records it as sent with `record`, which renames it into
 * place as the last step of its transaction. If recording fails, the written copy is removed.
 */
export async function saveAndRecord(file: string, prepared: PreparedPack, record: (staged: StagedFile) => CirculationRecord): Promise<CirculationRecord> {
  const staged = await stageFile(file, prepared.pack.bytes);
  try {
    return record(staged);
  } catch (err) {
    discardStaged(staged);
    throw err;
  }
}
