import { hasTable, type NotRecordedModel, type SourceContext, type TableModel } from '../model';

/**
 * The ledger part: each partner's position at the period's end and its change over the period. The ledger belongs to
 * its own issue; until `ledger_entries` is in the store this part says so plainly rather than deriving a position
 * from moves, which would leave out opening balances and adjustments and so give a wrong number.
 */
export function ledger(ctx: SourceContext): TableModel {
  const missing: NotRecordedModel = {
    kind: 'not_recorded',
    id: 'ledger',
    title: 'The ledger',
    note: hasTable(ctx.db, 'ledger_entries')
      ? 'The ledger is kept, but this report does not read it yet: it is added when the ledger work is merged.'
      : 'Not recorded yet: the ledger is not kept in this version of the app.',
  };
  return missing;
}
