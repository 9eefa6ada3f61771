// Migration 010-ledger (main/db/migrations/010-ledger.ts): the ledger, with every existing move booked.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema } from '../../../contract/cases';
import { createCase, type CaseEnv } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { m005Ledger as yourMigration } from '../../../main/db/migrations/010-ledger';
import { ledgerTable } from '../../../main/ledger/balances';
import { statement } from '../../../main/ledger/statement';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aReferral } from '../cases/referral-builder';

const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

describe('migration 010-ledger', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('books the moves of a database of the previous version as the app would have, and nothing else', () => {
    t = openTestDb({ to: yourMigration.version - 1 });
    const hackney = insertPartner(t.db, 'Hackney Council');
    const barnet = insertPartner(t.db, 'Barnet Homes');
    const change = changeRunner(t.db);
    // Each case a different applicant: the intake rules refuse a second open case that may be the same person.
    let seq = 0;
    const newCase = () => {
      seq += 1;
      const base = aReferral();
      const referral = referralSchema.parse({
        ...base,
        applicant: { ...base.applicant, fullName: `Applicant Number ${seq}`, dateOfBirth: `198${seq}-0${seq}-1${seq}` },
        currentHome: { ...base.currentHome, homeLandlordPartnerId: hackney },
      });
      return change((tx) => createCase(tx, referral, env)).id;
    };
    const [reciprocal, sameLandlord, housingMoves, unknownLandlord] = [newCase(), newCase(), newCase(), newCase()];
    const move = t.db.prepare(
      `INSERT INTO moves (case_id, route, home_partner_id, receiving_partner_id, receiving_borough, tenancy_start_on, adults, children, legacy, created_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-02-01T10:00:00.000Z', 'Sam')`,
    );
    const m1 = move.run([reciprocal, 'reciprocal', hackney, barnet, 'E09000003', '2025-11-03', 1, 1, 1]).lastInsertRowid;
    move.run([sameLandlord, 'reciprocal', hackney, hackney, 'E09000003', '2025-12-01', 1, 0, 1]);
    move.run([housingMoves, 'housing_moves', hackney, null, 'E09000008', '2026-01-05', 2, 1, 0]);
    move.run([unknownLandlord, 'reciprocal', hackney, null, null, null, null, null, 1]);

    migrate(t.db, { to: yourMigration.version });
    expect(schemaVersion(t.db)).toBe(yourMigration.version);

    const rows = t.db.prepare('SELECT kind, from_partner_id, to_partner_id, amount, move_id, case_id, on_date, bedrooms, actor FROM ledger_entries').all();
    expect(rows).toEqual([
      {
        kind: 'move',
        from_partner_id: hackney,
        to_partner_id: barnet,
        amount: 1,
        move_id: m1,
        case_id: reciprocal,
        on_date: '2025-11-03',
        bedrooms: 2,
        actor: 'Data migration',
      },
    ]);
    const ledger = ledgerTable(t.db, { asOf: '2026-03-02', bedrooms: null, cap: 3 });
    expect(ledger.rows.map((r) => [r.name, r.balance])).toEqual([
      ['Barnet Homes', 1],
      ['Hackney Council', -1],
    ]);
    expect(ledger.total).toBe(0);
    // The moves that booked nothing are on the statement, each with why.
    const s = statement(t.db, hackney, '2026-03-02');
    expect(s.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['move', -1],
      ['not_booked', 0],
      ['not_booked', 0],
      ['not_booked', 0],
    ]);
    expect(s.lines.slice(1).map((l) => l.description.split(':')[0])).toEqual(['Books nothing', 'Books nothing', 'Not booked yet']);
  });

  it('makes the ledger append-only in the database', () => {
    t = openTestDb({ to: yourMigration.version });
    const p = insertPartner(t.db, 'Brent Council');
    t.db
      .prepare(
        "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor) VALUES ('2025-04-01', 'opening_balance', ?, NULL, 2, 'Carried over', 'x', 'x')",
      )
      .run([p]);
    expect(() => t.db.prepare('UPDATE ledger_entries SET amount = 1').run()).toThrow(/never edited/);
    expect(() => t.db.prepare('DELETE FROM ledger_entries').run()).toThrow(/never deleted/);
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor) VALUES ('2025-04-01', 'correction', ?, NULL, 1, '', 'x', 'x')",
        )
        .run([p]),
    ).toThrow(/CHECK/);
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor) VALUES ('2025-04-01', 'correction', ?, ?, 1, 'Self', 'x', 'x')",
        )
        .run([p, p]),
    ).toThrow(/CHECK/);
  });
});
