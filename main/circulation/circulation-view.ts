import type { BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { AccessNeed, CaseState, HouseholdMemberKind, RiskCategory, TenancyType, YesNo } from '../../contract/cases';
import { ageBandOf, type CirculationView } from '../../contract/circulation';
import { sortBoroughCodes } from '../../contract/boroughs';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

/*
 * The narrow "circulation view" of a case: the only thing the pack is made from. These queries name every column
 * they read and never read the applicant's identity (name, contact details, address), the risk narrative, the
 * MARAC reference, the unsafe boroughs, the equality answers, the referring agency or the home landlord, so no
 * code path from here to a PDF can carry them. The applicant's date of birth is read only inside SQL, to give an
 * age band: the date itself never reaches JavaScript. test/unit/circulation/circulation-view.test.ts holds this
 * file to that.
 */

type FactsRow = {
  id: number;
  reference: string;
  state: CaseState;
  bedrooms: number;
  tenancy_type: TenancyType;
  access_need: AccessNeed;
  has_medical_needs: number;
  has_pets: number;
  would_consider_rehoming: YesNo | null;
  circulated_on: IsoDate | null;
  last_circulated_on: IsoDate | null;
  needs_recirculation: number;
  applicant_age: number;
};

const FACTS_SQL = `
  SELECT id, reference, state, bedrooms, tenancy_type, access_need,
         (length(trim(medical_needs)) > 0) AS has_medical_needs,
         has_pets, would_consider_rehoming, circulated_on, last_circulated_on, needs_recirculation,
         -- Whole years on $today, computed here so that only an age (and then a band) leaves the database.
         (CAST(strftime('%Y', $today) AS INTEGER) - CAST(strftime('%Y', applicant_dob) AS INTEGER)
           - (strftime('%m-%d', $today) < strftime('%m-%d', applicant_dob))) AS applicant_age
  FROM cases WHERE id = $id`;

export interface CirculationViewOptions {
  today: IsoDate;
  showRiskCategory: boolean;
}

export function readCirculationView(db: Db, caseId: number, options: CirculationViewOptions): CirculationView {
  const row = db.prepare(FACTS_SQL).get<FactsRow>({ id: caseId, today: options.today });
  if (!row) throw new AppFailure('NOT_FOUND', 'That case could not be found. It may have been opened from an old link. Nothing was changed.');

  const officers = db
    .prepare('SELECT name, organisation, role, phone, email, secure_email FROM case_nominating_officers WHERE case_id = ? ORDER BY position')
    .all<{ name: string; organisation: string; role: string; phone: string; email: string; secure_email: string }>([caseId]);
  const members = db
    // Household members are held by year of birth (so ages stay right while a case waits): the age this year.
    .prepare("SELECT kind, CAST(strftime('%Y', $today) AS INTEGER) - year_of_birth AS age FROM case_household_members WHERE case_id = $id ORDER BY position")
    .all<{ kind: HouseholdMemberKind; age: number }>({ id: caseId, today: options.today });
  const boroughs = db
    .prepare("SELECT borough_code, added_on FROM case_boroughs WHERE case_id = ? AND kind = 'requested'")
    .all<{ borough_code: BoroughCode; added_on: IsoDate }>([caseId]);
  const addedOn = new Map(boroughs.map((b) => [b.borough_code, b.added_on]));
  const risks = options.showRiskCategory
    ? (db.prepare('SELECT category FROM case_risk_categories WHERE case_id = ? ORDER BY category', { pluck: true }).all([caseId]) as RiskCategory[])
    : [];

  const applicantAge = Math.max(0, row.applicant_age);
  return {
    caseId: row.id,
    reference: row.reference,
    state: row.state,
    nominatingOfficers: officers.map((o) => ({
      name: o.name,
      organisation: o.organisation,
      role: o.role,
      phone: o.phone,
      email: o.email,
      secureEmail: o.secure_email,
    })),
    bedrooms: row.bedrooms,
    household: [
      { kind: applicantAge >= 18 ? 'adult' : 'child', band: ageBandOf(applicantAge), isApplicant: true },
      ...members.map((m) => ({ kind: m.kind, band: ageBandOf(m.age), isApplicant: false })),
    ],
    requestedBoroughs: sortBoroughCodes(boroughs.map((b) => b.borough_code)).map((code) => ({ code, addedOn: addedOn.get(code) ?? options.today })),
    accessNeed: row.access_need,
    hasMedicalNeeds: row.has_medical_needs === 1,
    hasPets: row.has_pets === 1,
    wouldConsiderRehoming: row.has_pets === 1 ? row.would_consider_rehoming : null,
    tenancyType: row.tenancy_type,
    riskCategories: risks,
    circulatedOn: row.circulated_on,
    lastCirculatedOn: row.last_circulated_on,
    needsRecirculation: row.needs_recirculation === 1,
  };
}
