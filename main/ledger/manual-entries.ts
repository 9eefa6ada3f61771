import type { z } from 'zod';
import { LEDGER_KIND_LABELS, type manualEntrySchema, type reverseEntrySchema } from '../../contract/ledger';
import { formatUkDate } from '../../contract/dates';
import { missingCase } from '../../contract/missing-case';
import type { ChangeContext } from '../app/services';
import { AppFailure } from '../errors';
import { getEntry, insertEntry, partnerName, reversalOf, sideName } from './ledger-store';

/*
 * What a coordinator enters by hand, each with a reason and its audit entry:
 * - an opening balance, for a partner joining with a history from before this app (against the central pot);
 * - a property contributed to the pot outside a case (the partner is owed one, by the pot);
 * - a correction, between the partner and another partner or the pot;
 * - a reversal of any entry, which is how a mistake is undone: entries are never edited or deleted.
 */

type Tx = Pick<ChangeContext, 'db' | 'now' | 'actor' | 'audit'>;
const nothing = 'Nothing was changed.';

export function addManualEntry(tx: Tx, req: z.output<typeof manualEntrySchema>): number {
  const partner = partnerName(tx.db, req.partnerId);
  let counterparty: number | null = null;
  switch (req.kind) {
    case 'opening_balance': {
      if (req.counterpartyId !== undefined)
        throw new AppFailure('VALIDATION', `An opening balance is held against the central pot; leave the other partner out. ${nothing}`, {
          fields: { counterpartyId: 'Leave this empty for an opening balance' },
        });
      // An opening balance is the history before the app: it comes before the partner's first booked move.
      const first = tx.db
        .prepare(
          "SELECT min(on_date) FROM ledger_entries WHERE (from_partner_id = ? OR to_partner_id = ?) AND kind <> 'opening_balance' AND kind <> 'reversal'",
          { pluck: true },
        )
        .get([partner.id, partner.id]) as string | null;
      if (first !== null && req.onDate > first) {
        throw new AppFailure(
          'VALIDATION',
          `An opening balance must be dated on or before ${formatUkDate(first)}, ${partner.name}'s first entry in this ledger. ${nothing}`,
          {
            fields: { onDate: `Enter a date on or before ${formatUkDate(first)}` },
          },
        );
      }
      break;
    }
    case 'contribution':
      if (req.direction !== 'owed')
        throw new AppFailure('VALIDATION', `A property contributed to the pot means ${partner.name} is owed one. ${nothing}`, {
          fields: { direction: 'A contribution is always owed' },
        });
      if (req.counterpartyId !== undefined)
        throw new AppFailure('VALIDATION', `A contribution is to the central pot; leave the other partner out. ${nothing}`, {
          fields: { counterpartyId: 'Leave this empty for a contribution' },
        });
      break;
    case 'correction':
      if (req.counterpartyId === req.partnerId)
        throw new AppFailure('VALIDATION', `A correction moves a balance between two different accounts. ${nothing}`, {
          fields: { counterpartyId: 'Choose another partner, or none for the central pot' },
        });
      counterparty = req.counterpartyId === undefined ? null : partnerName(tx.db, req.counterpartyId).id;
      break;
    default:
      return missingCase(req.kind);
  }
  const owed = req.direction === 'owed';
  const id = insertEntry(tx.db, {
    onDate: req.onDate,
    kind: req.kind,
    fromPartnerId: owed ? counterparty : partner.id,
    toPartnerId: owed ? partner.id : counterparty,
    amount: req.amount,
    bedrooms: req.bedrooms ?? null,
    moveId: null,
    caseId: null,
    reversesId: null,
    reason: req.reason,
    at: tx.now.toISOString(),
    actor: tx.actor,
  });
  const other = sideName(tx.db, counterparty);
  tx.audit({
    action: `ledger.${req.kind}`,
    entityType: 'ledger_entry',
    entityId: id,
    summary: `Ledger: ${LEDGER_KIND_LABELS[req.kind].toLowerCase()} for ${partner.name}, ${owed ? '+' : '−'}${req.amount} (${owed ? 'owed by' : 'owing to'} ${other}), dated ${formatUkDate(req.onDate)}`,
    changes: [
      { field: 'partner', before: null, after: partner.name },
      { field: 'amount', before: null, after: owed ? req.amount : -req.amount },
      { field: 'counterparty', before: null, after: other },
      { field: 'onDate', before: null, after: req.onDate },
      ...(req.bedrooms === undefined ? [] : [{ field: 'bedrooms', before: null, after: req.bedrooms }]),
    ],
    reason: req.reason,
  });
  return id;
}

export function reverseEntry(tx: Tx, req: z.output<typeof reverseEntrySchema>, today: string): number {
  const e = getEntry(tx.db, req.entryId);
  if (e.kind === 'reversal') throw new AppFailure('RULE', `Entry ${e.id} is itself a reversal; enter a correction instead. ${nothing}`);
  const already = reversalOf(tx.db, e.id);
  if (already) throw new AppFailure('CONFLICT', `Entry ${e.id} was already reversed by entry ${already.id} on ${formatUkDate(already.on_date)}. ${nothing}`);
  const onDate = req.onDate ?? today;
  if (onDate < e.on_date) {
    throw new AppFailure('VALIDATION', `A reversal cannot be dated before the entry it reverses (${formatUkDate(e.on_date)}). ${nothing}`, {
      fields: { onDate: `Enter a date on or after ${formatUkDate(e.on_date)}` },
    });
  }
  const id = insertEntry(tx.db, {
    onDate,
    kind: 'reversal',
    fromPartnerId: e.to_partner_id,
    toPartnerId: e.from_partner_id,
    amount: e.amount,
    bedrooms: e.bedrooms,
    moveId: e.move_id,
    caseId: e.case_id,
    reversesId: e.id,
    reason: req.reason,
    at: tx.now.toISOString(),
    actor: tx.actor,
  });
  const ref = e.case_id === null ? null : (tx.db.prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([e.case_id]) as string);
  tx.audit({
    action: 'ledger.reversed',
    entityType: 'ledger_entry',
    entityId: id,
    caseId: e.case_id,
    summary: `Ledger: entry ${e.id} (${LEDGER_KIND_LABELS[e.kind].toLowerCase()}${ref ? `, case ${ref}` : ''}) reversed: ${sideName(tx.db, e.from_partner_id)} +${e.amount}, ${sideName(tx.db, e.to_partner_id)} −${e.amount}`,
    changes: [{ field: 'reverses', before: null, after: e.id }],
    reason: req.reason,
  });
  return id;
}
