import type { LedgerStatus } from '../../../../contract/ledger';
import { statusBadge } from './ledger-words';

export function LedgerStatusBadge({ status }: { status: LedgerStatus }) {
  const b = statusBadge(status);
  return <span className={b.className}>{b.label}</span>;
}
