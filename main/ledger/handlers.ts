import path from 'node:path';
import { formatUkDate } from '../../contract/dates';
import type { StatementLine } from '../../contract/ledger';
import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import { fileFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import { writeFileAtomic } from '../vault/atomic-write';
import { ledgerTable } from './balances';
import { capStanding, caseCapStanding, overrideCap, partnersAtCap } from './cap';
import { readLedgerPolicy, writeLedgerPolicy } from './ledger-policy';
import { partnerName } from './ledger-store';
import { addManualEntry, reverseEntry } from './manual-entries';
import { statement, statementLine } from './statement';
import { refuseFutureDates } from '../past-dates';

/** Handlers for the ledger (issue 11). Thin: the work is in the modules they call. */
export function registerLedgerHandlers(registry: IpcRegistry, services: AppServices): void {
  const lineFor = (partnerId: number, entryId: number): StatementLine => {
    const line = statementLine(services.db(), partnerId, entryId, services.today());
    if (!line) throw new Error('The new entry is missing from its statement');
    return line;
  };

  registry.register('ledger.table', (req) =>
    ledgerTable(services.db(), { asOf: req.asOf ?? services.today(), bedrooms: req.bedrooms ?? null, cap: readLedgerPolicy(services.db()).cap }),
  );
  registry.register('ledger.statement', (req) =>
    statement(services.db(), req.partnerId, req.asOf ?? services.today(), {
      ...(req.after ? { after: req.after } : {}),
      ...(req.limit ? { limit: req.limit } : {}),
    }),
  );
  registry.register('ledger.addEntry', (req) => {
    refuseFutureDates(req, services.today());
    const id = services.change((tx) => addManualEntry(tx, req));
    services.logger.info('ledger.entry_added', { entryId: id });
    return lineFor(req.partnerId, id);
  });
  registry.register('ledger.reverse', (req) => {
    refuseFutureDates(req, services.today());
    const { id, partnerId } = services.change((tx) => {
      const newId = reverseEntry(tx, req, services.today());
      const row = tx.db.prepare('SELECT coalesce(from_partner_id, to_partner_id) FROM ledger_entries WHERE id = ?', { pluck: true }).get([newId]) as number;
      return { id: newId, partnerId: row };
    });
    services.logger.info('ledger.entry_reversed', { entryId: id });
    return lineFor(partnerId, id);
  });
  registry.register('ledger.partnerCap', (req) => capStanding(services.db(), req.partnerId));
  registry.register('ledger.caseCap', (req) => caseCapStanding(services.db(), req.caseId));
  registry.register('ledger.atCap', () => partnersAtCap(services.db()));
  registry.register('ledger.overrideCap', (req) => services.change((tx) => overrideCap(tx, req.caseId, req.reason)));

  registry.register('ledger.exportStatement', async (req) => {
    const asOf = req.asOf ?? services.today();
    const partner = partnerName(services.db(), req.partnerId);
    const slug = partner.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const file = await services.dialogs.chooseSaveFile({
      title: 'Export the statement',
      defaultName: `ledger-statement-${slug}-${asOf}.${req.format}`,
      filters: [req.format === 'csv' ? { name: 'CSV (UTF-8)', extensions: ['csv'] } : { name: 'PDF', extensions: ['pdf'] }],
    });
    if (file === null) return { cancelled: true };
    // Read and laid out in a worker (main/jobs), with progress and Cancel; the file and its audit entry go together.
    const out = await services.jobs.run('ledger.statementExport', { partnerId: req.partnerId, asOf, format: req.format, password: req.password });
    return services.change((tx) => {
      try {
        writeFileAtomic(file, Buffer.from(out.bytes));
      } catch (err) {
        throw fileFailure(err, 'save') ?? err;
      }
      tx.audit({
        action: 'ledger.statement_exported',
        entityType: 'partner',
        entityId: req.partnerId,
        summary: `Ledger statement for ${partner.name} as of ${formatUkDate(asOf)} exported as ${req.format.toUpperCase()}${req.format === 'pdf' && req.password !== '' ? ' (encrypted)' : ''}: ${out.lines} lines, SHA-256 ${out.sha256}`,
      });
      return { cancelled: false as const, file: path.basename(file), lines: out.lines, sha256: out.sha256 };
    });
  });

  registry.register('ledger.getPolicy', () => readLedgerPolicy(services.db()));
  registry.register('ledger.updatePolicy', (req) =>
    services.change((tx) => {
      const before = readLedgerPolicy(tx.db);
      const changes = diffFields(before, req, ['cap', 'bookHousingMoves']);
      writeLedgerPolicy(tx.db, req);
      tx.audit({
        action: 'settings.ledger_policy_updated',
        entityType: 'settings',
        entityId: 'ledger.policy',
        summary:
          changes.length === 0
            ? 'Ledger policy saved with no change'
            : `Ledger policy changed: ${changes.map((c) => `${c.field} ${String(c.before)} → ${String(c.after)}`).join(', ')}`,
        changes,
      });
      return req;
    }),
  );
}
