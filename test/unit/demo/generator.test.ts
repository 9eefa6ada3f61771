import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../contract/case-views';
import type { LedgerPolicy, LedgerTable } from '../../../contract/ledger';
import type { IntegrityReport } from '../../../contract/session';
import type { Db } from '../../../main/db/types';
import type { GeneratedSummary } from '../../../main/demo/generator';
import { addDays } from '../../../contract/calendar-date';
import { nameKey } from '../../../main/cases/case-store';
import { ageOn } from '../../../main/cases/intake-rules';
import type { TestCore } from '../helpers/test-core';
import { generatedStore } from './demo-world';

/*
 * The synthetic scheme (issue 14) is made through the real registry; these tests check that what it made is the
 * same from the same seed, and that it obeys the scheme's rules as the app enforces them.
 */

/** Every row of every table except the audit log, without the wall-clock stamps a second run cannot repeat. */
function content(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log') ORDER BY name", { pluck: true })
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    out[table] = (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'at' && !k.endsWith('_at') && !(row[k] instanceof Uint8Array))),
    );
  }
  return out;
}

/** Applicants 18 to 66 on the day received, with the age band that matches; officers not the applicant; no one twice. */
function expectBelievablePeople(d: Db): void {
  const cases = d
    .prepare('SELECT id, applicant_dob AS dob, received_on AS received, applicant_name_key AS nameKey, applicant_email AS email FROM cases')
    .all() as {
    id: number;
    dob: string;
    received: string;
    nameKey: string;
    email: string;
  }[];
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    expect(ageOn(c.dob, c.received)).toBeGreaterThanOrEqual(18);
    expect(ageOn(c.dob, c.received)).toBeLessThanOrEqual(66);
  }
  const byId = new Map(cases.map((c) => [c.id, c]));
  const officers = d.prepare('SELECT case_id AS caseId, name, email FROM case_nominating_officers').all() as { caseId: number; name: string; email: string }[];
  expect(officers.length).toBeGreaterThanOrEqual(cases.length);
  for (const o of officers) {
    const c = byId.get(o.caseId)!;
    expect(nameKey(o.name)).not.toBe(c.nameKey);
    if (c.email !== '') expect(o.email.toLowerCase()).not.toBe(c.email.toLowerCase());
  }
  // The app asks whether two referrals with one date of birth and one home landlord (or one name) are one person.
  expect(d.prepare('SELECT applicant_dob, home_landlord_id FROM cases GROUP BY 1, 2 HAVING count(*) > 1').all()).toEqual([]);
  expect(d.prepare('SELECT applicant_dob, applicant_name_key FROM cases GROUP BY 1, 2 HAVING count(*) > 1').all()).toEqual([]);
  const bands = d
    .prepare(
      "SELECT c.applicant_dob AS dob, c.received_on AS received, e.age_band AS band FROM case_equality e JOIN cases c ON c.id = e.case_id WHERE e.age_band <> 'prefer_not_to_say'",
    )
    .all() as {
    dob: string;
    received: string;
    band: string;
  }[];
  for (const b of bands) {
    const age = ageOn(b.dob, b.received);
    const [low, high] = b.band === '65_plus' ? [65, 200] : b.band.split('_').map(Number);
    expect(age).toBeGreaterThanOrEqual(b.band === '16_24' ? 16 : low!);
    expect(age).toBeLessThanOrEqual(high!);
  }
}

let first: { t: TestCore; summary: GeneratedSummary };

beforeAll(async () => {
  // A cap of one unreciprocated move, so that a year of moves reaches it and the generator has to override it.
  first = await generatedStore(20261201, { ledgerCap: 1 });
}, 300_000);
afterAll(() => first?.t.cleanup());

const db = () => first.t.core.services.db();
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await first.t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel}: ${res.error?.message}`);
  return res.value as T;
};

describe('the synthetic scheme', () => {
  it('makes the directory, a year of enquiries and cases in every main state, in the real proportions', () => {
    const s = first.summary;
    expect(db().prepare("SELECT count(*) FROM partners WHERE type = 'local_authority'", { pluck: true }).get()).toBe(32);
    expect(db().prepare("SELECT count(*) FROM partners WHERE type = 'housing_association'", { pluck: true }).get()).toBe(45);
    expect(db().prepare('SELECT count(*) FROM boroughs', { pluck: true }).get()).toBe(33);
    const received = s.enquiries + s.referrals;
    expect(received).toBeGreaterThan(450);
    expect(received).toBeLessThan(550);
    // 1,401 circulations from 3,758 enquiries: about 37%.
    expect(s.circulated / received).toBeGreaterThan(0.3);
    expect(s.circulated / received).toBeLessThan(0.45);
    const states = new Set(db().prepare('SELECT DISTINCT state FROM cases', { pluck: true }).all());
    for (const state of ['awaiting_landlord_approval', 'circulated', 'closed']) expect(states).toContain(state);
    // Withdrawn cases pass through 'Withdrawn' and are then closed within days, as a coordinator closes them.
    const passed = new Set(db().prepare("SELECT DISTINCT to_state FROM case_events WHERE kind = 'transition'", { pluck: true }).all());
    for (const state of ['landlord_declined', 'approved', 'withdrawn', 'offer_accepted', 'moved']) expect(passed).toContain(state);
    const routes = db().prepare('SELECT route, count(*) AS n FROM moves GROUP BY route ORDER BY route').all() as { route: string; n: number }[];
    expect(routes.map((r) => r.route)).toEqual(['housing_moves', 'reciprocal']);
    expect(s.moves.reciprocal + s.moves.housingMoves).toBe(routes.reduce((n, r) => n + r.n, 0));
    expect(db().prepare("SELECT count(*) FROM offers WHERE outcome = 'declined'", { pluck: true }).get()).toBe(s.declines);
    expect(s.declines).toBeGreaterThan(0);
    const equality = db().prepare('SELECT count(*) FROM case_equality', { pluck: true }).get() as number;
    expect(equality).toBeGreaterThan(0);
    expect(equality).toBeLessThan(s.referrals);
  });

  it('uses only fictional contact details: example.org, the Ofcom drama ranges and the unused ZZ postcode area', () => {
    const phones = db().prepare('SELECT applicant_phone FROM cases', { pluck: true }).all() as string[];
    expect(phones.every((p) => /^07700 ?900\d{3}$/.test(p.replace(/\s+/g, ' ')))).toBe(true);
    const postcodes = db().prepare('SELECT address_postcode FROM cases', { pluck: true }).all() as string[];
    expect(postcodes.every((p) => p.startsWith('ZZ'))).toBe(true);
    const emails = db().prepare("SELECT applicant_email FROM cases WHERE applicant_email <> ''", { pluck: true }).all() as string[];
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((e) => e.endsWith('@example.org'))).toBe(true);
  });

  it('makes people a coordinator would believe: adult applicants, an officer who is someone else, no one referred twice', () => {
    expectBelievablePeople(db());
  });

  it('leaves nothing a coordinator would have dealt with long ago: withdrawn cases closed, reviews, chases and updates on time', () => {
    const end = first.summary.to;
    // Withdrawn cases are closed within days, through the lifecycle, as withdrawn.
    const lingering = db()
      .prepare("SELECT count(*) FROM cases WHERE state = 'withdrawn' AND state_entered_on < ?", { pluck: true })
      .get([addDays(end, -10)]);
    expect(lingering).toBe(0);
    expect(db().prepare("SELECT count(*) FROM cases WHERE state = 'closed' AND closure_reason = 'withdrawn'", { pluck: true }).get()).toBeGreaterThan(0);
    // Nothing open is overdue by more than a fortnight on the last day (the demo showed withdrawn cases a year overdue).
    const stale = db()
      .prepare("SELECT reference, state, next_due_kind, next_due_on FROM cases WHERE state <> 'closed' AND next_due_on < ? ORDER BY next_due_on")
      .all([addDays(end, -14)]);
    expect(stale).toEqual([]);
    // The long waits are reviewed, slow landlords chased, and accepted offers kept in touch with, as the app records them.
    expect(db().prepare("SELECT count(*) FROM case_events WHERE kind = 'review'", { pluck: true }).get()).toBeGreaterThan(0);
    expect(db().prepare('SELECT count(*) FROM cases WHERE last_landlord_chase_on IS NOT NULL', { pluck: true }).get()).toBeGreaterThan(0);
    expect(db().prepare("SELECT count(*) FROM case_events WHERE kind = 'no_update'", { pluck: true }).get()).toBeGreaterThan(0);
  });

  it('makes believable people in the scheme’s early years too, when a fixed range of birth years would make children applicants', async () => {
    const early = await generatedStore(3, { scale: 'tiny', endOn: '2016-06-30' });
    try {
      expect(early.summary.referrals).toBeGreaterThan(10);
      expectBelievablePeople(early.t.core.services.db());
    } finally {
      early.t.cleanup();
    }
  }, 300_000);

  it('keeps the ledger balanced: every partner and the pot sum to zero', async () => {
    const table = await ok<LedgerTable>('ledger.table', { asOf: first.summary.to });
    expect(table.total).toBe(0);
    const raw = db().prepare('SELECT coalesce(sum(amount), 0) FROM ledger_entries', { pluck: true }).get() as number;
    expect(raw).toBeGreaterThan(0);
    const sumBalances = table.rows.reduce((n, r) => n + r.balance, 0) + table.pot;
    expect(sumBalances).toBe(0);
    expect(db().prepare("SELECT count(*) FROM ledger_entries WHERE kind = 'move'", { pluck: true }).get()).toBe(first.summary.moves.reciprocal);
  });

  it('moves no one into a home that breaks a matching rule', async () => {
    const policy = await ok<{ bedroomsFewerAllowed: number; bedroomsMoreAllowed: number }>('offers.getPolicy');
    const moves = db()
      .prepare(
        `SELECT m.case_id, p.borough_code AS borough, p.bedrooms AS bedrooms, c.bedrooms AS needs, c.current_borough AS current,
                c.home_landlord_id AS home, o.partner_id AS receiving, o.override_rules AS overrides
           FROM moves m JOIN offers o ON o.id = m.offer_id JOIN properties p ON p.id = o.property_id JOIN cases c ON c.id = m.case_id
          WHERE m.route = 'reciprocal'`,
      )
      .all() as {
      case_id: number;
      borough: string;
      bedrooms: number;
      needs: number;
      current: string;
      home: number;
      receiving: number;
      overrides: string | null;
    }[];
    expect(moves.length).toBeGreaterThan(0);
    const boroughs = db().prepare('SELECT borough_code FROM case_boroughs WHERE case_id = ? AND kind = ?', { pluck: true });
    for (const m of moves) {
      expect(m.overrides).toBeNull();
      expect(boroughs.all([m.case_id, 'requested'])).toContain(m.borough);
      expect(boroughs.all([m.case_id, 'unsafe'])).not.toContain(m.borough);
      expect(m.borough).not.toBe(m.current);
      expect(m.bedrooms).toBeGreaterThanOrEqual(m.needs - policy.bedroomsFewerAllowed);
      expect(m.bedrooms).toBeLessThanOrEqual(m.needs + policy.bedroomsMoreAllowed);
      expect(m.receiving).not.toBe(m.home);
    }
    // A Housing Moves move goes to a borough the applicant asked for, too.
    const hm = db().prepare("SELECT case_id, receiving_borough FROM moves WHERE route = 'housing_moves'").all() as {
      case_id: number;
      receiving_borough: string;
    }[];
    for (const m of hm) expect(boroughs.all([m.case_id, 'requested'])).toContain(m.receiving_borough);
  });

  it('moves no tenant of a partner at the ledger cap without a recorded override', async () => {
    const { cap } = await ok<LedgerPolicy>('ledger.getPolicy');
    const entries = db().prepare('SELECT id, from_partner_id AS f, to_partner_id AS t, amount, move_id FROM ledger_entries ORDER BY id').all() as {
      id: number;
      f: number | null;
      t: number | null;
      amount: number;
      move_id: number | null;
    }[];
    const balance = new Map<number, number>();
    const overridden = db().prepare("SELECT count(*) FROM case_overrides WHERE case_id = ? AND rule = 'ledger_cap'", { pluck: true });
    const caseOfMove = db().prepare('SELECT case_id FROM moves WHERE id = ?', { pluck: true });
    let checked = 0;
    for (const e of entries) {
      if (e.move_id !== null && e.f !== null && (balance.get(e.f) ?? 0) <= -cap) {
        expect(overridden.get([caseOfMove.get([e.move_id]) as number])).toBeGreaterThan(0);
      }
      if (e.move_id !== null) checked++;
      if (e.f !== null) balance.set(e.f, (balance.get(e.f) ?? 0) - e.amount);
      if (e.t !== null) balance.set(e.t, (balance.get(e.t) ?? 0) + e.amount);
    }
    expect(checked).toBeGreaterThan(0);
    expect(first.summary.capOverrides).toBeGreaterThan(0);
    expect(db().prepare("SELECT count(*) FROM case_overrides WHERE rule = 'ledger_cap'", { pluck: true }).get()).toBeGreaterThanOrEqual(
      first.summary.capOverrides,
    );
  });

  it('leaves an audit chain that verifies and a database that passes its integrity check', async () => {
    const audit = await ok<AuditVerification>('audit.verify');
    expect(audit).toMatchObject({ ok: true, firstBadId: null });
    expect(audit.entries).toBeGreaterThan(first.summary.referrals * 3);
    const integrity = await ok<IntegrityReport>('database.integrityCheck');
    expect(integrity).toMatchObject({ ok: true, problems: [] });
  });

  it('makes exactly the same scheme again from the same seed, and a different one from another seed', async () => {
    const again = await generatedStore(20261201, { ledgerCap: 1 });
    try {
      expect(again.summary).toEqual(first.summary);
      expect(content(again.t.core.services.db())).toEqual(content(db()));
    } finally {
      again.t.cleanup();
    }
    const other = await generatedStore(7);
    try {
      expect(content(other.t.core.services.db()).cases).not.toEqual(content(db()).cases);
    } finally {
      other.t.cleanup();
    }
  }, 300_000);
});
