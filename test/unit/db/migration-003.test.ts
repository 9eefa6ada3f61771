import { afterEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { insertPartner } from '../cases/case-db';

describe('migration 003: cases', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('adds the case tables beside existing partners, with constraints and an append-only timeline', () => {
    t = openTestDb({ to: 2 });
    const partner = insertPartner(t.db, 'Hackney Council');
    migrate(t.db, { to: 3 });
    expect(schemaVersion(t.db)).toBe(3);
    // Partners written before the migration are untouched and can be referenced.
    expect(t.db.prepare('SELECT name FROM partners WHERE id = ?', { pluck: true }).get([partner])).toBe('Hackney Council');

    const insert = (state: string, landlord: number, reference = 'PLHR-2026-0001') =>
      t.db
        .prepare(
          `INSERT INTO cases (reference, ref_year, ref_seq, state, state_entered_on, received_on, referring_agency_name, referring_agency_kind,
             applicant_name, applicant_name_key, applicant_dob, address_line1, address_postcode, risk_summary, home_landlord_id, current_borough,
             bedrooms, property_type, floor, tenancy_type, overcrowded, in_temporary_accommodation, access_need, has_pets, consent_given,
             consent_date, consent_covers, housing_moves, created_at, updated_at)
           VALUES (?, 2026, 1, ?, '2026-03-02', '2026-03-02', 'Agency', 'housing', 'A', 'a', '1990-01-01', '1 Road', 'E8 1AA', 'Risk', ?,
             'E09000012', 2, 'flat', 1, 'secure', 0, 0, 'none', 0, 1, '2026-03-01', '[]', 'no', 'now', 'now')`,
        )
        .run([reference, state, landlord]);

    expect(() => insert('not_a_state', partner)).toThrow(/CHECK/);
    expect(() => insert('referral_received', 999)).toThrow(/FOREIGN KEY/);
    insert('referral_received', partner);
    expect(() => insert('referral_received', partner)).toThrow(/UNIQUE/);

    t.db.prepare("INSERT INTO case_events (case_id, at, on_date, kind, actor, summary) VALUES (1, 'now', '2026-03-02', 'created', 'Sam', 'Created')").run();
    expect(() => t.db.exec("UPDATE case_events SET summary = 'x'")).toThrow(/append-only/);
    expect(() => t.db.exec('DELETE FROM case_events')).toThrow(/append-only/);
    expect(() => t.db.exec('DELETE FROM cases')).toThrow(/FOREIGN KEY/);
    expect(() =>
      t.db.prepare("INSERT INTO case_boroughs (case_id, kind, borough_code, added_on) VALUES (1, 'requested', 'E07000001', '2026-03-02')").run(),
    ).toThrow(/FOREIGN KEY|CHECK/);
  });
});
