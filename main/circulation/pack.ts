import { createHash, randomBytes } from 'node:crypto';
import { boroughName, type BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import { ACCESS_NEED_LABELS, RISK_CATEGORY_LABELS, TENANCY_TYPE_LABELS } from '../../contract/cases';
import { HOUSEHOLD_AGE_BAND_LABELS, type CirculationKind, type CirculationView } from '../../contract/circulation';
import { formatUkDate } from '../../contract/dates';
import { TaggedPdf, type PdfRow } from '../pdf/tagged-pdf';

/*
 * The property request as a landlord receives it: one A4 form per case, made only from the circulation view
 * (which has no identity field), plus the facts of this circulation. What a landlord needs to judge the fit and to
 * contact the Nominating Officer, and nothing a perpetrator could use to find the applicant.
 */

export interface PackInput {
  view: CirculationView;
  circulatedOn: IsoDate;
  kind: CirculationKind;
  /** 1 for the first circulation. */
  sequence: number;
  newBoroughs: readonly BoroughCode[];
  changes: readonly string[];
  /** The passphrase that opens the pack; absent for an unencrypted pack. */
  passphrase?: string | undefined;
}

export interface Pack {
  bytes: Buffer;
  pages: number;
  sha256: string;
}

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function householdRows(view: CirculationView): PdfRow[] {
  const adults = view.household.filter((m) => m.kind === 'adult');
  const children = view.household.filter((m) => m.kind === 'child');
  const describe = (members: typeof view.household) =>
    members.length === 0
      ? 'None'
      : `${members.length}: ${members.map((m) => `aged ${HOUSEHOLD_AGE_BAND_LABELS[m.band]}${m.isApplicant ? ' (the applicant)' : ''}`).join('; ')}`;
  return [
    { label: 'Bedrooms needed', value: `${view.bedrooms === 0 ? 'Studio or bedsit (0 bedrooms)' : view.bedrooms}, the same as the current home` },
    { label: 'Adults', value: describe(adults) },
    { label: 'Children', value: describe(children) },
  ];
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export async function buildPack(input: PackInput): Promise<Pack> {
  const { view } = input;
  const pdf = new TaggedPdf({
    title: `Property request ${view.reference}`,
    createdAt: new Date(`${input.circulatedOn}T12:00:00Z`),
    encryption: input.passphrase === undefined ? undefined : { userPassword: input.passphrase, ownerPassword: randomBytes(32).toString('hex') },
  });

  pdf.heading(`Property request ${view.reference}`, 1);
  pdf.paragraph(
    `Pan London Housing Reciprocal. ${input.kind === 'first' ? 'First circulation' : `Re-circulation (${ordinal(input.sequence)} circulation)`}, on ${formatUkDate(input.circulatedOn)}.`,
    { bold: true },
  );
  pdf.paragraph(
    'This request is anonymised: it names no applicant. If you have a suitable property in one of the requested boroughs, contact the Nominating Officer below and the scheme coordinator, quoting the reference. Keep this request within your lettings team.',
  );

  if (input.kind === 'recirculation') {
    pdf.heading('What changed since the last circulation');
    if (input.changes.length === 0) pdf.paragraph('Nothing in the request itself; it is sent again to reach more partners.');
    for (const line of input.changes) pdf.paragraph(line);
  }

  pdf.heading(view.nominatingOfficers.length === 1 ? 'Nominating Officer' : 'Nominating Officers');
  pdf.paragraph('The main contact for the applicant. Contact them about any property you can offer.', { muted: true });
  for (const o of view.nominatingOfficers) {
    pdf.facts([
      { label: 'Name', value: o.name },
      { label: 'Organisation', value: o.organisation },
      { label: 'Role', value: o.role },
      { label: 'Phone', value: o.phone },
      { label: 'Secure email', value: o.secureEmail === '' ? 'None given; use the email below' : o.secureEmail },
      { label: 'Email', value: o.email },
    ]);
  }

  pdf.heading('The household');
  pdf.facts(householdRows(view));

  pdf.heading('Requested boroughs');
  const isNew = new Set(input.newBoroughs);
  const showNew = input.kind === 'recirculation' && isNew.size > 0;
  pdf.table(
    showNew ? ['Borough', 'New in this circulation'] : ['Borough'],
    view.requestedBoroughs.map((b) => (showNew ? [boroughName(b.code), isNew.has(b.code) ? 'New' : ''] : [boroughName(b.code)])),
  );

  pdf.heading('Needs');
  pdf.facts([
    { label: 'Access', value: ACCESS_NEED_LABELS[view.accessNeed] },
    { label: 'Medical needs', value: view.hasMedicalNeeds ? 'Yes. Ask the Nominating Officer for details.' : 'None recorded' },
    { label: 'Pets', value: yesNo(view.hasPets) },
    ...(view.hasPets ? [{ label: 'Would rehome a pet if the property does not allow pets', value: view.wouldConsiderRehoming === 'yes' ? 'Yes' : 'No' }] : []),
  ]);

  pdf.heading('Current tenancy');
  pdf.facts([{ label: 'Tenancy type', value: TENANCY_TYPE_LABELS[view.tenancyType] }]);

  if (view.riskCategories.length > 0) {
    pdf.heading('Risk category');
    for (const r of view.riskCategories) pdf.paragraph(RISK_CATEGORY_LABELS[r]);
  }

  const { bytes, pages } = await pdf.finish(`Property request ${view.reference}`);
  return { bytes, pages, sha256: createHash('sha256').update(bytes).digest('hex') };
}
