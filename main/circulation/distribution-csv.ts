import { boroughName } from '../../contract/boroughs';
import type { CirculationPlan } from '../../contract/circulation';
import { PARTNER_TYPE_LABELS } from '../../contract/partners';
import { csvBytes, writeCsv } from '../directory/csv';

export const DISTRIBUTION_COLUMNS = [
  'Reference',
  'Partner',
  'Type',
  'Stock in requested boroughs',
  'New for this circulation',
  'Contact',
  'Role',
  'Secure email',
  'Email',
  'Phone',
];

/** One row per contact, with formulas escaped and a BOM for Excel; the reference is the only case detail. */
export function distributionCsv(plan: CirculationPlan): Buffer {
  const rows = plan.recipients.flatMap((r) =>
    r.contacts.map((c) => [
      plan.reference,
      r.partnerName,
      PARTNER_TYPE_LABELS[r.partnerType],
      r.boroughs.map(boroughName).join('; '),
      r.isNew ? 'Yes' : plan.kind === 'first' ? '' : 'No',
      c.name,
      c.role,
      c.secureEmail,
      c.email,
      c.phone,
    ]),
  );
  return csvBytes(writeCsv([DISTRIBUTION_COLUMNS, ...rows]));
}
