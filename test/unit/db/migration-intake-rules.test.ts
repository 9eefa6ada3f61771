import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { m004IntakeRules as intakeRules } from '../../../main/db/migrations/008-intake-rules';
import { readCasePolicy } from '../../../main/cases/policy';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

// Migration 008-intake-rules: opened on a database of the version before, with cases, ages and a saved policy.
describe('migration intake-rules', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  const insertCase = (reference: string, receivedOn: string, landlord: number) =>
    t.db
      .prepare(
        `INSERT INTO cases (reference, ref_year, ref_seq, state, state_entered_on, received_on, referring_agency_name, referring_agency_kind,
           applicant_name, applicant_name_key, applicant_dob, address_line1, address_postcode, risk_summary, home_landlord_id, current_borough,
           bedrooms, property_type, floor, tenancy_type, overcrowded, in_temporary_accommodation, access_need, has_pets, consent_given,
           consent_date, consent_covers, housing_moves, created_at, updated_at, next_due_on, next_due_kind)
         VALUES (?, 2025, ?, 'approved', ?, ?, 'Agency', 'housing', 'A', 'a', '1990-01-01', '1 Road', 'E8 1AA', 'Risk', ?,
           'E09000012', 2, 'flat', 1, 'secure', 0, 0, 'none', 0, 1, ?, '["share_with_home_landlord","circulate_request"]', 'no', 'now', 'now',
           '2025-12-25', 'circulate')`,
      )
      .run([reference, Number(reference.slice(-4)), receivedOn, receivedOn, landlord, receivedOn]).lastInsertRowid;

  it('turns ages into years of birth, re-expresses the policy in working days and widens the checks', () => {
    t = openTestDb({ to: intakeRules.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const id = insertCase('PLHR-2025-0001', '2025-12-18', landlord);
    t.db
      .prepare(
        "INSERT INTO case_household_members (case_id, position, kind, age, sex_or_gender) VALUES (?, 0, 'child', 7, 'female'), (?, 1, 'adult', 19, 'male')",
      )
      .run([id, id]);
    const saved = {
      circulateWithinDays: 7,
      chaseApprovalAfterWorkingDays: 8,
      reviewNoOfferAfterDays: 120,
      dueSoonDays: 2,
      minRequestedBoroughs: 4,
      offerCap: 2,
      bankHolidays: ['2025-12-25'],
    };
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('cases.policy', ?)").run([JSON.stringify(saved)]);
    t.db.prepare("INSERT INTO case_overrides (case_id, rule, reason, at, actor) VALUES (?, 'landlord_suspended', 'Agreed', 'now', 'Sam')").run([id]);

    migrate(t.db, { to: intakeRules.version });
    expect(schemaVersion(t.db)).toBe(intakeRules.version);

    // Ages recorded at referral (2025) become years of birth, so they stay right while the case waits.
    expect(t.db.prepare('SELECT kind, year_of_birth FROM case_household_members WHERE case_id = ? ORDER BY position').all([id])).toEqual([
      { kind: 'child', year_of_birth: 2018 },
      { kind: 'adult', year_of_birth: 2006 },
    ]);
    // The saved policy keeps the coordinator's choices, in working days, with the new settings at their defaults.
    expect(readCasePolicy(t.db)).toMatchObject({
      circulateWithinWorkingDays: 5,
      chaseApprovalAfterWorkingDays: 8,
      reviewNoOfferAfterWorkingDays: 86,
      chaseIntervalWorkingDays: 5,
      minApplicantAge: 18,
      minRequestedBoroughs: 4,
      offerCap: 2,
      bankHolidays: ['2025-12-25'],
    });
    expect(readCasePolicy(t.db).noProgressWorkingDays.on_hold).toBe(20);
    // The old override was made at intake; stored due dates are marked to be counted again by the new rules.
    expect(t.db.prepare('SELECT step FROM case_overrides', { pluck: true }).all()).toEqual(['referral']);
    expect(t.db.prepare("SELECT value FROM settings WHERE key = 'cases.deadlineRules'", { pluck: true }).get()).toBe('1');

    // The widened checks take the new values and still refuse unknown ones.
    t.db.prepare("UPDATE cases SET state = 'closed', closure_reason = 'offer_declined_no_further_offer', next_due_kind = 'no_progress' WHERE id = ?").run([id]);
    expect(() => t.db.prepare("UPDATE cases SET closure_reason = 'bored' WHERE id = ?").run([id])).toThrow(/CHECK/);
    t.db
      .prepare("INSERT INTO case_events (case_id, at, on_date, kind, actor, summary) VALUES (?, 'now', '2026-01-05', 'chase', 'Sam', 'Chased the landlord')")
      .run([id]);
    expect(() =>
      t.db.prepare("INSERT INTO case_events (case_id, at, on_date, kind, actor, summary) VALUES (?, 'now', '2026-01-05', 'gossip', 'Sam', 'x')").run([id]),
    ).toThrow(/CHECK/);
    t.db
      .prepare("INSERT INTO case_overrides (case_id, rule, reason, at, actor, step) VALUES (?, 'landlord_left', 'Stock transfer', 'now', 'Sam', 'approved')")
      .run([id]);
    expect(() => t.db.exec('DELETE FROM case_events')).toThrow(/append-only/);
    // Household rows still belong to their case.
    expect(() =>
      t.db.prepare("INSERT INTO case_household_members (case_id, position, kind, year_of_birth, sex_or_gender) VALUES (999, 0, 'child', 2019, 'male')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('on a database with no cases, leaves nothing to count again and no policy to rewrite', () => {
    t = openTestDb({ to: intakeRules.version - 1 });
    migrate(t.db, { to: intakeRules.version });
    expect(t.db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'cases.%'", { pluck: true }).get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM enquiries', { pluck: true }).get()).toBe(0);
  });
});
