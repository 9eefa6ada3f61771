import type { BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { CaseOverride } from '../../contract/case-views';
import type { DeadlineKind } from '../../contract/case-views';
import type {
  AccessNeed,
  CaseState,
  ClosureReason,
  ConsentScope,
  EqualityMonitoring,
  HouseholdMemberKind,
  HousingMovesStatus,
  NominatingOfficer,
  OverridableRule,
  PropertyType,
  Referral,
  ReferringAgencyKind,
  RiskCategory,
  SexOrGender,
  TenancyType,
  YesNo,
} from '../../contract/cases';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

/*
 * Repository for the case tables: rows in, rows out, db first. No rules here: the lifecycle, eligibility and
 * deadlines decide; this file only stores what they decided.
 */

export type CaseRow = {
  id: number;
  reference: string;
  ref_year: number;
  ref_seq: number;
  state: CaseState;
  state_before_hold: CaseState | null;
  state_entered_on: IsoDate;
  closure_reason: ClosureReason | null;
  needs_recirculation: number;
  recirculation_requested_on: IsoDate | null;
  offers_made: number;
  received_on: IsoDate;
  sent_for_approval_on: IsoDate | null;
  approved_on: IsoDate | null;
  circulated_on: IsoDate | null;
  last_circulated_on: IsoDate | null;
  last_offer_on: IsoDate | null;
  last_reviewed_on: IsoDate | null;
  closed_on: IsoDate | null;
  next_due_on: IsoDate | null;
  next_due_kind: DeadlineKind | null;
  last_landlord_chase_on: IsoDate | null;
  last_contact_on: IsoDate | null;
  ta_placing_council: string;
  ta_borough: BoroughCode | null;
  referring_agency_name: string;
  referring_agency_kind: ReferringAgencyKind;
  applicant_name: string;
  applicant_name_key: string;
  applicant_dob: IsoDate;
  applicant_phone: string;
  applicant_email: string;
  applicant_safe_contact: string;
  address_line1: string;
  address_line2: string;
  address_town: string;
  address_postcode: string;
  risk_summary: string;
  marac_reference: string;
  home_landlord_id: number;
  current_borough: BoroughCode;
  bedrooms: number;
  property_type: PropertyType;
  floor: number;
  tenancy_type: TenancyType;
  overcrowded: number;
  in_temporary_accommodation: number;
  access_need: AccessNeed;
  medical_needs: string;
  has_pets: number;
  would_consider_rehoming: YesNo | null;
  requested_boroughs_reason: string;
  consent_given: number;
  consent_date: IsoDate;
  consent_covers: string;
  consent_notes: string;
  housing_moves: HousingMovesStatus;
  created_at: string;
  updated_at: string;
};

/** Lower case, accents and repeated spaces folded: "  Zoë  O'Neill" is found by "zoe o'neill". */
export function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();
}

const bit = (value: boolean) => (value ? 1 : 0);

/** The referral's own columns (everything the coordinator typed that lives on the case row). */
function referralColumns(r: Referral) {
  return {
    received_on: r.receivedOn,
    referring_agency_name: r.referringAgency.name,
    referring_agency_kind: r.referringAgency.kind,
    applicant_name: r.applicant.fullName,
    applicant_name_key: nameKey(r.applicant.fullName),
    applicant_dob: r.applicant.dateOfBirth,
    applicant_phone: r.applicant.phone,
    applicant_email: r.applicant.email,
    applicant_safe_contact: r.applicant.safeContactNotes,
    address_line1: r.applicant.address.line1,
    address_line2: r.applicant.address.line2,
    address_town: r.applicant.address.town,
    address_postcode: r.applicant.address.postcode,
    risk_summary: r.risk.summary,
    marac_reference: r.risk.maracReference,
    home_landlord_id: r.currentHome.homeLandlordPartnerId,
    current_borough: r.currentHome.borough,
    bedrooms: r.currentHome.bedrooms,
    property_type: r.currentHome.propertyType,
    floor: r.currentHome.floor,
    tenancy_type: r.currentHome.tenancyType,
    overcrowded: bit(r.currentHome.overcrowded),
    in_temporary_accommodation: bit(r.currentHome.inTemporaryAccommodation),
    ta_placing_council: r.currentHome.inTemporaryAccommodation ? r.currentHome.placingCouncil : '',
    ta_borough: r.currentHome.inTemporaryAccommodation ? r.currentHome.temporaryBorough : null,
    access_need: r.needs.access,
    medical_needs: r.needs.medicalNeeds,
    has_pets: bit(r.needs.hasPets),
    would_consider_rehoming: r.needs.hasPets ? r.needs.wouldConsiderRehoming : null,
    requested_boroughs_reason: r.requestedBoroughsReason,
    consent_given: bit(r.consent.given),
    consent_date: r.consent.date,
    consent_covers: JSON.stringify(r.consent.covers),
    consent_notes: r.consent.notes,
    housing_moves: r.housingMoves,
  };
}

export interface NewCase {
  reference: string;
  refYear: number;
  refSeq: number;
  referral: Referral;
  state: CaseState;
  stateEnteredOn: IsoDate;
  at: string;
}

export function nextReferenceSequence(db: Db, year: number): number {
  const last = db.prepare('SELECT MAX(ref_seq) FROM cases WHERE ref_year = ?', { pluck: true }).get([year]);
  return (typeof last === 'number' ? last : 0) + 1;
}

export function insertCase(db: Db, c: NewCase): number {
  const cols = {
    ...referralColumns(c.referral),
    reference: c.reference,
    ref_year: c.refYear,
    ref_seq: c.refSeq,
    state: c.state,
    state_entered_on: c.stateEnteredOn,
    created_at: c.at,
    updated_at: c.at,
  };
  const names = Object.keys(cols);
  const result = db.prepare(`INSERT INTO cases (${names.join(', ')}) VALUES (${names.map((n) => `$${n}`).join(', ')})`).run(cols);
  const id = result.lastInsertRowid;
  writeChildren(db, id, c.referral, c.stateEnteredOn);
  return id;
}

/** Replaces the referral's data (an edit). Boroughs keep their original `added_on` when they stay. */
export function updateReferral(db: Db, id: number, referral: Referral, at: string, today: IsoDate): void {
  const cols = { ...referralColumns(referral), updated_at: at };
  const sets = Object.keys(cols).map((n) => `${n} = $${n}`);
  db.prepare(`UPDATE cases SET ${sets.join(', ')} WHERE id = $id`).run({ ...cols, id });
  db.prepare('DELETE FROM case_nominating_officers WHERE case_id = ?').run([id]);
  db.prepare('DELETE FROM case_household_members WHERE case_id = ?').run([id]);
  db.prepare('DELETE FROM case_risk_categories WHERE case_id = ?').run([id]);
  db.prepare('DELETE FROM case_equality WHERE case_id = ?').run([id]);
  const keep = db.prepare('SELECT kind, borough_code, added_on FROM case_boroughs WHERE case_id = ?').all([id]) as {
    kind: string;
    borough_code: string;
    added_on: string;
  }[];
  db.prepare('DELETE FROM case_boroughs WHERE case_id = ?').run([id]);
  const addedOn = new Map(keep.map((b) => [`${b.kind}|${b.borough_code}`, b.added_on]));
  writeChildren(db, id, referral, today, addedOn);
}

/**
 * A case's child rows of one table in one statement. Speed (issue 14): every write statement inside a change pays
 * for a statement journal in locked, wiped memory (`cipher_memory_security`, and the audit's row tracking triggers),
 * so ten requested boroughs written one by one cost ten times what one statement of ten rows does.
 */
function insertRows(db: Db, into: string, rows: readonly (string | number | null)[][]): void {
  if (rows.length === 0) return;
  const one = `(${rows[0]!.map(() => '?').join(', ')})`;
  db.prepare(`INSERT INTO ${into} VALUES ${rows.map(() => one).join(', ')}`).run(rows.flat());
}

function writeChildren(db: Db, id: number, r: Referral, today: IsoDate, addedOn: ReadonlyMap<string, string> = new Map()): void {
  const officer = db.prepare(
    `INSERT INTO case_nominating_officers (case_id, position, name, organisation, role, phone, email, secure_email)
     VALUES ($case_id, $position, $name, $organisation, $role, $phone, $email, $secure_email)`,
  );
  r.nominatingOfficers.forEach((o, position) =>
    officer.run({
      case_id: id,
      position,
      name: o.name,
      organisation: o.organisation,
      role: o.role,
      phone: o.phone,
      email: o.email,
      secure_email: o.secureEmail,
    }),
  );
  insertRows(
    db,
    'case_household_members (case_id, position, kind, year_of_birth, sex_or_gender)',
    r.household.map((m, position) => [id, position, m.kind, m.yearOfBirth, m.sexOrGender]),
  );
  insertRows(
    db,
    'case_risk_categories (case_id, category)',
    r.risk.categories.map((category) => [id, category]),
  );
  insertRows(db, 'case_boroughs (case_id, kind, borough_code, added_on)', [
    ...r.requestedBoroughs.map((code) => [id, 'requested', code, addedOn.get(`requested|${code}`) ?? today]),
    ...r.risk.unsafeBoroughs.map((code) => [id, 'unsafe', code, addedOn.get(`unsafe|${code}`) ?? today]),
  ]);
  if (r.equality.optedIn) {
    const e = r.equality;
    db.prepare(
      `INSERT INTO case_equality (case_id, age_band, gender, ethnicity, sexual_orientation, trans_status, disability, care_leaver, criminal_justice_contact)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run([id, e.ageBand, e.gender, e.ethnicity, e.sexualOrientation, e.transStatus, e.disability, e.careLeaver, e.criminalJusticeContact]);
  }
}

export function getCaseRow(db: Db, id: number): CaseRow {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get<CaseRow>([id]);
  if (!row) throw new AppFailure('NOT_FOUND', 'That case could not be found. It may have been opened from an old link. Nothing was changed.');
  return row;
}

export function findCaseIdByReference(db: Db, reference: string): number | null {
  const id = db.prepare('SELECT id FROM cases WHERE reference = ?', { pluck: true }).get([reference]);
  return typeof id === 'number' ? id : null;
}

/** Columns that record where the case is in its life; written by transitions and borough changes. */
export type CaseProgress = Pick<
  CaseRow,
  | 'state'
  | 'state_before_hold'
  | 'state_entered_on'
  | 'closure_reason'
  | 'needs_recirculation'
  | 'recirculation_requested_on'
  | 'offers_made'
  | 'sent_for_approval_on'
  | 'approved_on'
  | 'circulated_on'
  | 'last_circulated_on'
  | 'last_offer_on'
  | 'last_reviewed_on'
  | 'closed_on'
>;

export function writeProgress(db: Db, id: number, progress: CaseProgress, at: string): void {
  const sets = Object.keys(progress).map((n) => `${n} = $${n}`);
  db.prepare(`UPDATE cases SET ${sets.join(', ')}, updated_at = $at WHERE id = $id`).run({ ...progress, at, id });
}

export function writeNextDue(db: Db, id: number, due: { dueOn: IsoDate; kind: DeadlineKind } | null): void {
  db.prepare('UPDATE cases SET next_due_on = ?, next_due_kind = ? WHERE id = ?').run([due?.dueOn ?? null, due?.kind ?? null, id]);
}

export function touchCase(db: Db, id: number, at: string): void {
  db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run([at, id]);
}

/** Reads the referral back in the shape of the form, so that editing starts from exactly what was stored. */
export function readReferral(db: Db, row: CaseRow): Referral {
  const id = row.id;
  const officers = db
    .prepare('SELECT name, organisation, role, phone, email, secure_email FROM case_nominating_officers WHERE case_id = ? ORDER BY position')
    .all<{ name: string; organisation: string; role: string; phone: string; email: string; secure_email: string }>([id]);
  const members = db
    .prepare('SELECT kind, year_of_birth, sex_or_gender FROM case_household_members WHERE case_id = ? ORDER BY position')
    .all<{ kind: HouseholdMemberKind; year_of_birth: number; sex_or_gender: SexOrGender }>([id]);
  const risks = db.prepare('SELECT category FROM case_risk_categories WHERE case_id = ? ORDER BY category', { pluck: true }).all([id]) as RiskCategory[];
  const boroughs = db
    .prepare('SELECT kind, borough_code FROM case_boroughs WHERE case_id = ? ORDER BY borough_code')
    .all<{ kind: string; borough_code: BoroughCode }>([id]);
  const equality = db.prepare('SELECT * FROM case_equality WHERE case_id = ?').get<Record<string, string>>([id]);
  return {
    receivedOn: row.received_on,
    referringAgency: { name: row.referring_agency_name, kind: row.referring_agency_kind },
    nominatingOfficers: officers.map((o): NominatingOfficer => ({
      name: o.name,
      organisation: o.organisation,
      role: o.role,
      phone: o.phone,
      email: o.email,
      secureEmail: o.secure_email,
    })),
    applicant: {
      fullName: row.applicant_name,
      dateOfBirth: row.applicant_dob,
      phone: row.applicant_phone,
      email: row.applicant_email,
      safeContactNotes: row.applicant_safe_contact,
      address: { line1: row.address_line1, line2: row.address_line2, town: row.address_town, postcode: row.address_postcode },
    },
    household: members.map((m) => ({ kind: m.kind, yearOfBirth: m.year_of_birth, sexOrGender: m.sex_or_gender })),
    risk: {
      categories: risks,
      summary: row.risk_summary,
      unsafeBoroughs: boroughs.filter((b) => b.kind === 'unsafe').map((b) => b.borough_code),
      maracReference: row.marac_reference,
    },
    currentHome: {
      homeLandlordPartnerId: row.home_landlord_id,
      borough: row.current_borough,
      bedrooms: row.bedrooms,
      propertyType: row.property_type,
      floor: row.floor,
      tenancyType: row.tenancy_type,
      overcrowded: row.overcrowded === 1,
      inTemporaryAccommodation: row.in_temporary_accommodation === 1,
      placingCouncil: row.ta_placing_council,
      temporaryBorough: row.ta_borough,
    },
    needs: {
      access: row.access_need,
      medicalNeeds: row.medical_needs,
      hasPets: row.has_pets === 1,
      wouldConsiderRehoming: row.would_consider_rehoming,
    },
    requestedBoroughs: boroughs.filter((b) => b.kind === 'requested').map((b) => b.borough_code),
    requestedBoroughsReason: row.requested_boroughs_reason,
    consent: {
      given: true,
      date: row.consent_date,
      covers: JSON.parse(row.consent_covers) as ConsentScope[],
      notes: row.consent_notes,
    },
    housingMoves: row.housing_moves,
    equality: equality ? equalityFromRow(equality) : { optedIn: false },
    overrides: [],
    notDuplicateOf: [],
  };
}

function equalityFromRow(e: Record<string, string>): EqualityMonitoring {
  // The table's values were validated by the same schema on the way in.
  return {
    optedIn: true,
    ageBand: e['age_band'],
    gender: e['gender'],
    ethnicity: e['ethnicity'],
    sexualOrientation: e['sexual_orientation'],
    transStatus: e['trans_status'],
    disability: e['disability'],
    careLeaver: e['care_leaver'],
    criminalJusticeContact: e['criminal_justice_contact'],
  } as EqualityMonitoring;
}

export function addRequestedBoroughs(db: Db, id: number, boroughs: readonly BoroughCode[], today: IsoDate): void {
  const insert = db.prepare("INSERT INTO case_boroughs (case_id, kind, borough_code, added_on) VALUES (?, 'requested', ?, ?)");
  for (const code of boroughs) insert.run([id, code, today]);
}

export function insertOverride(
  db: Db,
  id: number,
  o: { rule: OverridableRule; reason: string },
  at: string,
  actor: string,
  step: CaseOverride['step'] = 'referral',
): void {
  db.prepare('INSERT INTO case_overrides (case_id, rule, reason, at, actor, step) VALUES (?, ?, ?, ?, ?, ?)').run([id, o.rule, o.reason, at, actor, step]);
}

export function listOverrides(db: Db, id: number): CaseOverride[] {
  return db.prepare('SELECT rule, step, reason, at, actor FROM case_overrides WHERE case_id = ? ORDER BY id').all<CaseOverride>([id]);
}
