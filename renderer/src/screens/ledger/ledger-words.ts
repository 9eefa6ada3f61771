import { ledgerStatusTone, LEDGER_STATUS_LABELS, type LedgerStatus } from '../../../../contract/ledger';

/** A balance as coordinators say it: +2, −1, 0. */
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function statusBadge(status: LedgerStatus): { className: string; label: string } {
  const tone = ledgerStatusTone(status);
  return { className: `badge ${tone === 'neutral' ? '' : `badge--${tone}`}`.trim(), label: LEDGER_STATUS_LABELS[status] };
}
