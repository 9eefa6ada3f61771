import { afterEach, describe, expect, it } from 'vitest';
import { intakeUxMigration } from '../../../main/db/migrations/005-intake-ux';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { listCases } from '../../../main/cases/case-list';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { insertPartner } from '../cases/case-db';

// Migration 005-intake-ux: partner aliases, drafts and the case name index, over a database of the version before.

describe('migration 005-intake-ux', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  const insertCase = (name: string, reference: string, landlord: number) =>
    t.db
      .prepare(
        `INSERT INTO cases (reference, ref_year, ref_seq, state, state_entered_on, received_on, referring_agency_name, referring_agency_kind,
           applicant_name, applicant_name_key, applicant_dob, address_line1, address_postcode, risk_summary, home_landlord_id, current_borough,
           bedrooms, property_type, floor, tenancy_type, overcrowded, in_temporary_accommodation, access_need, has_pets, consent_given,
           consent_date, consent_covers, housing_moves, created_at, updated_at)
         VALUES (?, 2026, ?, 'referral_received', '2026-03-02', '2026-03-02', 'Agency', 'housing', ?, lower(?), '1990-01-01', '1 Road', 'E8 1AA',
           'Risk', ?, 'E09000012', 2, 'flat', 1, 'secure', 0, 0, 'none', 0, 1, '2026-03-01', '[]', 'no', 'now', 'now')`,
      )
      .run([reference, Number(reference.slice(-4)), name, name, landlord]);

  const search = (text: string) =>
    listCases(
      t.db,
      { search: text, states: [], overdueOnly: false, includeClosed: true, sort: 'reference', direction: 'asc', offset: 0, limit: 100 },
      '2026-03-02',
      { dueSoonDays: 3 },
    ).rows.map((r) => r.reference);

  it('makes the cases already in the database searchable by name, and keeps the index in step afterwards', () => {
    t = openTestDb({ to: intakeUxMigration.version - 1 });
    const landlord = insertPartner(t.db, 'London Borough of Hackney');
    insertCase('Siobhán O’Brien', 'PLHR-2026-0001', landlord);
    insertCase('Amara Okafor-Mensah', 'PLHR-2026-0002', landlord);

    migrate(t.db, { to: intakeUxMigration.version });
    expect(schemaVersion(t.db)).toBe(intakeUxMigration.version);

    expect(search('obrien')).toEqual(['PLHR-2026-0001']);
    expect(search("o'brien siobhan")).toEqual(['PLHR-2026-0001']);
    expect(search('okafor amara')).toEqual(['PLHR-2026-0002']);
    expect(search('okaformensah')).toEqual(['PLHR-2026-0002']);
    expect(search('mensah')).toEqual(['PLHR-2026-0002']);

    // Triggers keep the index in step with every later write.
    insertCase('Zoë Smith', 'PLHR-2026-0003', landlord);
    expect(search('zoe')).toEqual(['PLHR-2026-0003']);
    t.db.prepare("UPDATE cases SET applicant_name = 'Zoë Jones' WHERE reference = 'PLHR-2026-0003'").run();
    expect(search('smith')).toEqual([]);
    expect(search('jones')).toEqual(['PLHR-2026-0003']);

    // The new tables hold to their rules.
    expect(() => t.db.prepare("INSERT INTO drafts (key, kind, body, created_at, updated_at) VALUES ('k', 'referral', 'not json', 'now', 'now')").run()).toThrow(
      /CHECK/,
    );
    t.db.prepare('INSERT INTO partner_aliases (partner_id, alias, alias_key) VALUES (?, ?, ?)').run([landlord, 'LBH', 'lbh']);
    expect(() => t.db.prepare('INSERT INTO partner_aliases (partner_id, alias, alias_key) VALUES (?, ?, ?)').run([landlord, 'lbh', 'lbh'])).toThrow(/UNIQUE/);
  });
});
