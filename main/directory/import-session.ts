import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_IMPORT_MESSAGES, type ImportLineMessage, type ImportOutcome, type ImportPreview } from '../../contract/partners';
import type { ChangeContext } from '../app/services';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { CSV_MAX_BYTES } from './csv';
import { parseDirectoryCsv } from './csv-format';
import type { DirectoryRow, LineMessage } from './csv-format';
import { planImport } from './import-plan';
import type { ImportPlan } from './import-plan';
import { changedFieldNames, describePartnerChanges, partnerFieldChanges } from './partner-changes';
import { allPartners, insertPartner, updatePartner } from './partners-repo';

// The two steps of a directory import. The preview parses and plans with nothing written, and keeps the parsed rows
// for the confirm step. The confirm re-plans against the directory as it is then, inside the one transaction that
// writes it, and refuses if the plan differs from what the coordinator saw.

interface PendingImport {
  token: string;
  rows: DirectoryRow[];
  signature: string;
}

// Keyed by the open database handle: locking closes the handle, so a preview never outlives the session that made
// it (and the parsed contact details go with it).
const pending = new WeakMap<Db, PendingImport>();

function signature(plan: ImportPlan): string {
  return JSON.stringify([plan.toAdd.map((a) => a.partner), plan.toUpdate.map((u) => [u.id, u.after])]);
}

function lineMessages(messages: readonly LineMessage[]): ImportLineMessage[] {
  return messages.map((m) => ({ line: m.line ?? null, partnerName: null, message: m.message }));
}

/** The first MAX_IMPORT_MESSAGES messages, errors first, and a count of the rest. */
export function boundedMessages(errors: ImportLineMessage[], warnings: ImportLineMessage[]) {
  const shownErrors = errors.slice(0, MAX_IMPORT_MESSAGES);
  const shownWarnings = warnings.slice(0, MAX_IMPORT_MESSAGES - shownErrors.length);
  return {
    errors: shownErrors,
    warnings: shownWarnings,
    errorCount: errors.length,
    errorsNotShown: errors.length - shownErrors.length,
    warningsNotShown: warnings.length - shownWarnings.length,
  };
}

/** Reads and plans the file. Returns a preview; only remembers it when there is something the file could change. */
export function previewImport(db: Db, file: string): ImportPreview {
  // Whatever this preview turns out to be, an earlier one is no longer what the coordinator is looking at.
  pending.delete(db);
  const fileName = path.basename(file);
  const stat = fs.statSync(file);
  // A device or a pipe reports no size and never ends: reading one would hang the app.
  if (!stat.isFile()) {
    return { cancelled: false, status: 'file_error', fileName, line: null, message: 'That is not a file. Choose the CSV file to import.' };
  }
  const size = stat.size;
  if (size > CSV_MAX_BYTES) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    return {
      cancelled: false,
      status: 'file_error',
      fileName,
      line: null,
      message: `The file is ${mb(size)}; the largest file that can be imported is ${mb(CSV_MAX_BYTES)}.`,
    };
  }
  const parsed = parseDirectoryCsv(fs.readFileSync(file));
  if (!parsed.ok) {
    return { cancelled: false, status: 'file_error', fileName, line: parsed.error.line ?? null, message: parsed.error.message };
  }
  const existing = allPartners(db);
  const plan = planImport(parsed.rows, existing);
  const token = randomUUID();
  pending.set(db, { token, rows: parsed.rows, signature: signature(plan) });
  return {
    cancelled: false,
    status: 'ready',
    token,
    fileName,
    toAdd: plan.toAdd.map((a) => ({
      name: a.partner.name,
      lines: a.lines,
      type: a.partner.type,
      status: a.partner.status,
      stockBoroughs: a.partner.stockBoroughs,
      contacts: a.partner.contacts.length,
    })),
    toUpdate: plan.toUpdate.map((u) => ({ id: u.id, name: u.after.name, lines: u.lines, changes: describePartnerChanges(u.before, u.after) })),
    unchanged: plan.unchanged,
    ...boundedMessages(
      plan.errors.map((e) => ({ line: e.line, partnerName: e.partnerName ?? null, message: e.reason })),
      [...lineMessages(parsed.warnings), ...lineMessages(plan.warnings)],
    ),
  };
}

export function forgetImport(db: Db): void {
  pending.delete(db);
}

/** Writes the previewed import. Call inside `services.change`: all of it, with its audit entries, or none. */
export function confirmImport(tx: ChangeContext, token: string): ImportOutcome {
  const current = pending.get(tx.db);
  if (current === undefined || current.token !== token) {
    throw new AppFailure('CONFLICT', 'This import preview is no longer current. Choose the file again to see a new preview. Nothing was changed.');
  }
  const plan = planImport(current.rows, allPartners(tx.db));
  if (signature(plan) !== current.signature) {
    throw new AppFailure('CONFLICT', 'The directory has changed since the preview. Choose the file again to see a new preview. Nothing was changed.');
  }
  for (const add of plan.toAdd) {
    const partner = insertPartner(tx.db, add.partner, tx.now);
    tx.audit({
      action: 'partner.created',
      entityType: 'partner',
      entityId: partner.id,
      summary: `Partner ${partner.name} added by import`,
      changes: partnerFieldChanges(null, partner),
    });
  }
  for (const update of plan.toUpdate) {
    const after = updatePartner(tx.db, update.after, tx.now);
    const changes = partnerFieldChanges(update.before, after);
    tx.audit({
      action: 'partner.updated',
      entityType: 'partner',
      entityId: after.id,
      summary: `Partner ${after.name} updated by import: ${changedFieldNames(changes)}`,
      changes,
    });
  }
  const skipped = new Set(plan.errors.map((e) => e.partnerName ?? `line ${e.line}`)).size;
  tx.audit({
    action: 'directory.imported',
    entityType: 'directory',
    summary: `Directory import: ${plan.toAdd.length} added, ${plan.toUpdate.length} updated, ${plan.unchanged} unchanged, ${skipped} skipped`,
  });
  return { added: plan.toAdd.length, updated: plan.toUpdate.length, skippedPartners: skipped };
}
