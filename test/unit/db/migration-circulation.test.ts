// Tests migration 006-circulation (main/db/migrations/006-circulation.ts); numbers come from its `version`.
import { afterEach, describe, expect, it } from 'vitest';
import { m004Circulation } from '../../../main/db/migrations/006-circulation';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { caseCirculations } from '../../../main/circulation/history';
import { planCirculation } from '../../../main/circulation/plan';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { DEFAULT_CIRCULATION_POLICY } from '../../../contract/circulation';
import { insertPartner } from '../cases/case-db';
import { openTestDb, type TestDb } from '../helpers/test-db';

describe('migration 006-circulation', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('adds the circulation record and exports beside existing cases; circulated cases keep their state and show as unrecorded', () => {
    t = openTestDb({ to: m004Circulation.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const insert = (reference: string, seq: number, state: string, circulatedOn: string | null) =>
      t.db
        .prepare(
          `INSERT INTO cases (reference, ref_year, ref_seq, state, state_entered_on, received_on, referring_agency_name, referring_agency_kind,
             applicant_name, applicant_name_key, applicant_dob, address_line1, address_postcode, risk_summary, home_landlord_id, current_borough,
             bedrooms, property_type, floor, tenancy_type, overcrowded, in_temporary_accommodation, access_need, has_pets, consent_given,
             consent_date, consent_covers, housing_moves, created_at, updated_at, circulated_on, last_circulated_on)
           VALUES (?, 2026, ?, ?, '2026-03-02', '2026-03-02', 'Agency', 'housing', 'A', 'a', '1990-01-01', '1 Road', 'E8 1AA', 'Risk', ?,
             'E09000012', 2, 'flat', 1, 'secure', 0, 0, 'none', 0, 1, '2026-03-01', '[]', 'no', 'now', 'now', ?, ?)`,
        )
        .run([reference, seq, state, landlord, circulatedOn, circulatedOn]).lastInsertRowid;
    const circulated = insert('PLHR-2026-0001', 1, 'circulated', '2026-03-05');
    const approved = insert('PLHR-2026-0002', 2, 'approved', null);
    t.db.prepare("INSERT INTO case_boroughs (case_id, kind, borough_code, added_on) VALUES (?, 'requested', 'E09000007', '2026-03-02')").run([circulated]);

    migrate(t.db, { to: m004Circulation.version });
    expect(schemaVersion(t.db)).toBe(m004Circulation.version);

    // Nothing about the existing cases changed.
    expect(t.db.prepare('SELECT state, circulated_on FROM cases ORDER BY id').all()).toEqual([
      { state: 'circulated', circulated_on: '2026-03-05' },
      { state: 'approved', circulated_on: null },
    ]);
    for (const table of ['circulations', 'circulation_recipients', 'circulation_boroughs', 'exports']) {
      expect(t.db.prepare(`SELECT count(*) FROM ${table}`, { pluck: true }).get()).toBe(0);
    }
    // Their missing record is shown for what it is: circulated on a date, recipients not recorded.
    expect(caseCirculations(t.db, circulated)).toMatchObject({ circulations: [], unrecorded: { circulatedOn: '2026-03-05', lastCirculatedOn: '2026-03-05' } });
    expect(caseCirculations(t.db, approved).unrecorded).toBeNull();

    // The new tables' rules, shown on the other case so the circulated one keeps no recorded pack.
    const exportRow = (sha: string) =>
      t.db
        .prepare(
          "INSERT INTO exports (kind, at, actor, case_id, file_name, sha256, bytes, holds_identity, encrypted) VALUES ('pack', 'now', 'Sam', ?, 'a.pdf', ?, 10, 0, 0)",
        )
        .run([approved, sha]).lastInsertRowid;
    expect(() => exportRow('not-a-hash')).toThrow(/CHECK/);
    expect(() =>
      t.db
        .prepare("INSERT INTO exports (kind, at, actor, file_name, sha256, bytes, holds_identity, encrypted) VALUES ('leaflet', 'now', 'Sam', 'a', ?, 1, 0, 0)")
        .run(['a'.repeat(64)]),
    ).toThrow(/CHECK/);
    const exportId = exportRow('a'.repeat(64));
    const circulation = (passphrase: string | null, encrypted: number, sequence = 1) =>
      t.db
        .prepare(
          `INSERT INTO circulations (case_id, sequence, kind, audience, circulated_on, at, actor, pack_sha256, encrypted, passphrase, export_id, view_json)
           VALUES (?, ?, 'first', 'everyone', '2026-03-10', 'now', 'Sam', ?, ?, ?, ?, '{}')`,
        )
        .run([approved, sequence, 'b'.repeat(64), encrypted, passphrase, exportId]).lastInsertRowid;
    // An encrypted pack keeps its passphrase, an unencrypted one has none.
    expect(() => circulation(null, 1)).toThrow(/CHECK/);
    expect(() => circulation('some words', 0)).toThrow(/CHECK/);
    const id = circulation('five random words go here', 1);
    expect(() => circulation(null, 0)).toThrow(/UNIQUE/);
    t.db
      .prepare(
        "INSERT INTO circulation_recipients (circulation_id, position, partner_id, partner_name, partner_boroughs, contact_name) VALUES (?, 0, ?, 'Hackney Council', '[]', 'Dana')",
      )
      .run([id, landlord]);
    expect(() => t.db.exec("UPDATE circulation_recipients SET contact_name = 'x'")).toThrow(/append-only/);
    expect(() => t.db.exec('DELETE FROM circulations')).toThrow(/append-only/);
    expect(() => t.db.exec("UPDATE exports SET file_name = 'x'")).toThrow(/append-only/);
    expect(() => t.db.exec('DELETE FROM exports')).toThrow(/append-only/);

    // The planner reads today's schema (household members by year of birth came later), so the store is brought up to
    // date first: a case circulated before the record existed is planned as a recirculation, with its pack unrecorded.
    migrate(t.db);
    const env = { today: '2026-03-10', casePolicy: DEFAULT_CASE_POLICY, policy: DEFAULT_CIRCULATION_POLICY };
    const plan = planCirculation(t.db, circulated, env).plan;
    expect(plan.kind).toBe('recirculation');
    expect(plan.notes.join(' ')).toMatch(/without a recorded pack/);
  });
});
