import { PARTNER_STATUS_LABELS } from '../../../../contract/partners';
import type { PartnerStatus } from '../../../../contract/partners';
import { missingCase } from '../../../../contract/missing-case';

function badgeClass(status: PartnerStatus): string {
  switch (status) {
    case 'active':
      return 'badge badge--ok';
    case 'suspended':
      return 'badge badge--warn';
    case 'left':
      return 'badge badge--danger';
    default:
      return missingCase(status);
  }
}

/** The status in words (never colour alone). */
export function StatusBadge({ status }: { status: PartnerStatus }) {
  return <span className={badgeClass(status)}>{PARTNER_STATUS_LABELS[status]}</span>;
}
