import { boroughName, type BoroughCode } from '../../contract/boroughs';
import { ACCESS_NEED_LABELS, TENANCY_TYPE_LABELS } from '../../contract/cases';
import { HOUSEHOLD_AGE_BAND_LABELS, type CirculationView } from '../../contract/circulation';
import { formatUkDate } from '../../contract/dates';

/*
 * What changed since the last circulation, in the words the pack prints under "What changed". Both sides are
 * circulation views (which hold no identity), so the list cannot quote anything a landlord may not see.
 */

const names = (codes: readonly BoroughCode[]) => codes.map(boroughName).join(', ');
const household = (v: CirculationView) => v.household.map((m) => `${m.kind} ${HOUSEHOLD_AGE_BAND_LABELS[m.band]}`).join('; ');
const officers = (v: CirculationView) => JSON.stringify(v.nominatingOfficers);

export function changesBetween(before: CirculationView, after: CirculationView): string[] {
  const lines: string[] = [];
  const was = new Set(before.requestedBoroughs.map((b) => b.code));
  const now = new Set(after.requestedBoroughs.map((b) => b.code));
  const added = after.requestedBoroughs.map((b) => b.code).filter((c) => !was.has(c));
  const removed = before.requestedBoroughs.map((b) => b.code).filter((c) => !now.has(c));
  if (added.length > 0) lines.push(`Boroughs added: ${names(added)}.`);
  if (removed.length > 0) lines.push(`Boroughs no longer requested: ${names(removed)}.`);
  if (before.bedrooms !== after.bedrooms) lines.push(`Bedrooms needed: now ${after.bedrooms} (was ${before.bedrooms}).`);
  if (household(before) !== household(after)) lines.push('The household has changed: see "The household".');
  if (before.accessNeed !== after.accessNeed) lines.push(`Access: now ${ACCESS_NEED_LABELS[after.accessNeed]} (was ${ACCESS_NEED_LABELS[before.accessNeed]}).`);
  if (before.hasMedicalNeeds !== after.hasMedicalNeeds)
    lines.push(after.hasMedicalNeeds ? 'Medical needs are now recorded.' : 'No medical needs are recorded now.');
  if (before.hasPets !== after.hasPets || before.wouldConsiderRehoming !== after.wouldConsiderRehoming)
    lines.push('Pets: the answer has changed; see "Needs".');
  if (before.tenancyType !== after.tenancyType)
    lines.push(`Tenancy type: now ${TENANCY_TYPE_LABELS[after.tenancyType]} (was ${TENANCY_TYPE_LABELS[before.tenancyType]}).`);
  if (officers(before) !== officers(after)) lines.push('The Nominating Officer details have changed.');
  return lines;
}

/** For a case circulated before the record existed: only the boroughs' dates are known. */
export function changesSinceUnrecorded(view: CirculationView, lastCirculatedOn: string): { lines: string[]; newBoroughs: BoroughCode[] } {
  const newBoroughs = view.requestedBoroughs.filter((b) => b.addedOn > lastCirculatedOn).map((b) => b.code);
  const lines = newBoroughs.length > 0 ? [`Boroughs added since ${formatUkDate(lastCirculatedOn)}: ${names(newBoroughs)}.`] : [];
  return { lines, newBoroughs };
}
