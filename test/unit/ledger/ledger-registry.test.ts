import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapStanding, CaseCapStanding, LedgerTable, Statement, StatementLine } from '../../../contract/ledger';
import type { CaseDetail } from '../../../contract/case-views';
import type { OfferView } from '../../../contract/offers';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from './ledger-fixture';

/*
 * The ledger through the real registry, as the renderer calls it: booking, reversals, the cap at every step,
 * statements as of a date, the by-bedroom view and opening balances.
 */

let t: TestCore;
let w: LedgerWorld;
let today = '2026-03-10';
let p: { hackney: number; barnet: number; brent: number; ha: number };

const table = (q: object = {}) => w.ok<LedgerTable>('ledger.table', q);
const statement = (partnerId: number, asOf?: string) => w.ok<Statement>('ledger.statement', asOf ? { partnerId, asOf } : { partnerId });
const balanceOf = async (partnerId: number) => (await table()).rows.find((r) => r.partnerId === partnerId)!.balance;

beforeEach(async () => {
  today = '2026-03-10';
  t = createTestCore({ today: () => today });
  w = new LedgerWorld(t);
  await setUp(t);
  p = {
    hackney: await w.partner('Hackney Council', [BOROUGH.hackney]),
    barnet: await w.partner('Barnet Homes', [BOROUGH.barnet]),
    brent: await w.partner('Brent Council', [BOROUGH.brent]),
    ha: await w.partner('Riverside Housing Association', [BOROUGH.hackney, BOROUGH.camden]),
  };
});
afterEach(() => t.cleanup());

describe('booking a completed move', () => {
  it('books the home landlord −1 and the receiving landlord +1 in the move’s transaction, linked to the case and move', async () => {
    const m = await w.move(p.hackney, p.barnet, BOROUGH.barnet);
    const rows = w.db.prepare('SELECT from_partner_id, to_partner_id, amount, kind, case_id, move_id, on_date, bedrooms FROM ledger_entries').all();
    expect(rows).toEqual([
      {
        from_partner_id: p.hackney,
        to_partner_id: p.barnet,
        amount: 1,
        kind: 'move',
        case_id: m.caseId,
        move_id: m.moveId,
        on_date: '2026-03-05',
        bedrooms: 2,
      },
    ]);
    const t1 = await table();
    expect(t1.rows.find((r) => r.partnerId === p.hackney)).toMatchObject({ balance: -1, received: 1, given: 0, status: 'owing', unreciprocated: 1 });
    expect(t1.rows.find((r) => r.partnerId === p.barnet)).toMatchObject({ balance: 1, given: 1, received: 0, status: 'in_credit' });
    expect(t1.total).toBe(0);
    const audit = w.db.prepare("SELECT summary, case_id FROM audit_log WHERE action = 'ledger.booked'").all();
    expect(audit).toEqual([
      { summary: `Case ${m.reference}: ledger booked Hackney Council −1 (owes a property), Barnet Homes +1 (is owed one)`, case_id: m.caseId },
    ]);
    const s = await statement(p.hackney);
    expect(s.lines).toMatchObject([{ caseReference: m.reference, moveId: m.moveId, amount: -1, runningBalance: -1, kind: 'move' }]);
    expect(s.lines[0]!.description).toBe(`Move out: case ${m.reference} moved to a home let by Barnet Homes`);
  });

  it('books nothing for a move between two boroughs of the same partner, and the statement says why', async () => {
    const c = await w.referral(p.ha);
    await w.circulated(c.id);
    await w.moveInto(c.id, p.ha, BOROUGH.camden);
    expect(w.db.prepare('SELECT count(*) FROM ledger_entries', { pluck: true }).get()).toBe(0);
    const s = await statement(p.ha);
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ kind: 'not_booked', amount: 0, runningBalance: 0, caseReference: c.reference });
    expect(s.lines[0]!.description).toBe(`Books nothing: a move between two boroughs of Riverside Housing Association's own stock (case ${c.reference})`);
    expect(s.totals.balance).toBe(0);
  });

  async function housingMovesMove(): Promise<{ id: number; reference: string }> {
    const c = await w.referral(p.hackney, { housingMoves: 'yes' });
    await w.circulated(c.id);
    await w.ok('offers.completeMove', {
      caseId: c.id,
      route: 'housing_moves',
      receivingBorough: BOROUGH.croydon,
      tenancyStartOn: '2026-03-06',
      adults: 1,
      children: 0,
    });
    return c;
  }

  it('books nothing for a Housing Moves move under the default policy, and says so', async () => {
    const c = await housingMovesMove();
    expect(w.db.prepare('SELECT count(*) FROM ledger_entries', { pluck: true }).get()).toBe(0);
    const s = await statement(p.hackney);
    expect(s.lines[0]).toMatchObject({ kind: 'not_booked', amount: 0, caseReference: c.reference });
    expect(s.lines[0]!.description).toMatch(/^Books nothing: Housing Moves moves were not booked by the ledger policy; reported separately/);
    // The ledger screen counts them apart, and says nothing has been booked yet.
    expect(await table()).toMatchObject({ housingMoves: { moves: 1, notBooked: 1 }, entries: 0 });
    expect(await table({ asOf: '2026-01-01' })).toMatchObject({ housingMoves: { moves: 0, notBooked: 0 } });
  });

  it('books a Housing Moves move against the central pot when the policy says so; the total stays zero', async () => {
    await w.ok('ledger.updatePolicy', { cap: 3, bookHousingMoves: true });
    const c = await housingMovesMove();
    const rows = w.db.prepare('SELECT kind, from_partner_id, to_partner_id, case_id FROM ledger_entries').all();
    expect(rows).toEqual([{ kind: 'housing_moves', from_partner_id: p.hackney, to_partner_id: null, case_id: c.id }]);
    const t1 = await table();
    expect(t1).toMatchObject({ housingMoves: { moves: 1, notBooked: 0 }, entries: 1 });
    expect(t1.pot).toBe(1);
    expect(await balanceOf(p.hackney)).toBe(-1);
    expect(t1.total).toBe(0);
  });

  it('books a move recorded in the database only once, whatever happens afterwards', async () => {
    const m = await w.move(p.hackney, p.barnet, BOROUGH.barnet);
    expect(() =>
      w.db
        .prepare(
          "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, move_id, case_id, recorded_at, actor) VALUES ('2026-03-05', 'move', ?, ?, 1, ?, ?, 'x', 'x')",
        )
        .run([p.hackney, p.barnet, m.moveId, m.caseId]),
    ).toThrow(/UNIQUE/);
  });
});

describe('no edits, no deletions: reversals', () => {
  it('reverses an entry with a linked reversing entry and a reason; the database refuses any edit or delete', async () => {
    const m = await w.move(p.hackney, p.barnet, BOROUGH.barnet);
    const entryId = w.db.prepare('SELECT id FROM ledger_entries', { pluck: true }).get() as number;
    expect((await w.refused('ledger.reverse', { entryId, reason: '  ' })).code).toBe('VALIDATION');
    const line = await w.ok<StatementLine>('ledger.reverse', { entryId, reason: 'Recorded against the wrong case' });
    expect(line).toMatchObject({ kind: 'reversal', reverses: entryId, reason: 'Recorded against the wrong case', caseReference: m.reference });
    expect(await balanceOf(p.hackney)).toBe(0);
    expect(await balanceOf(p.barnet)).toBe(0);
    const s = await statement(p.hackney);
    expect(s.lines.map((l) => [l.kind, l.amount, l.runningBalance, l.reversedBy])).toEqual([
      ['move', -1, -1, line.entryId],
      ['reversal', 1, 0, null],
    ]);
    expect(s.totals).toMatchObject({ received: 0, given: 0, balance: 0 });

    const before = w.snapshot();
    expect((await w.refused('ledger.reverse', { entryId, reason: 'Again' })).message).toMatch(`already reversed by entry ${line.entryId}`);
    expect((await w.refused('ledger.reverse', { entryId: line.entryId, reason: 'Undo the undo' })).message).toMatch(/itself a reversal/);
    expect(w.snapshot()).toEqual(before);

    expect(() => w.db.prepare('UPDATE ledger_entries SET amount = 2 WHERE id = ?').run([entryId])).toThrow(/never edited/);
    expect(() => w.db.prepare('DELETE FROM ledger_entries WHERE id = ?').run([entryId])).toThrow(/never deleted/);
    expect(() => w.db.prepare('DELETE FROM ledger_entries').run()).toThrow(/never deleted/);
    // A "reversal" that does not mirror its entry is refused by the database too.
    const other = w.db
      .prepare(
        "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor) VALUES ('2026-03-06', 'contribution', NULL, ?, 1, 'Gift', 'x', 'x')",
      )
      .run([p.brent]).lastInsertRowid;
    expect(() =>
      w.db
        .prepare(
          "INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reverses_id, reason, recorded_at, actor) VALUES ('2026-03-07', 'reversal', ?, NULL, 3, ?, 'x', 'x', 'x')",
        )
        .run([p.brent, other]),
    ).toThrow(/mirror/);
    expect(w.snapshot().entries).toHaveLength(3);
    const audit = w.db.prepare("SELECT summary, reason FROM audit_log WHERE action = 'ledger.reversed'").all();
    expect(audit).toEqual([
      {
        summary: `Ledger: entry ${entryId} (reciprocal move, case ${m.reference}) reversed: Hackney Council +1, Barnet Homes −1`,
        reason: 'Recorded against the wrong case',
      },
    ]);
  });
});

describe('manual entries and opening balances', () => {
  it('records an opening balance, dated, with a reason, before the partner’s first move', async () => {
    expect(
      (await w.refused('ledger.addEntry', { kind: 'opening_balance', partnerId: p.brent, direction: 'owes', amount: 2, onDate: '2025-04-01', reason: '' }))
        .fields,
    ).toHaveProperty('reason');
    const line = await w.ok<StatementLine>('ledger.addEntry', {
      kind: 'opening_balance',
      partnerId: p.brent,
      direction: 'owes',
      amount: 2,
      bedrooms: 3,
      onDate: '2025-04-01',
      reason: 'Balance carried over from the scheme spreadsheet at 31/03/2025',
    });
    expect(line).toMatchObject({ kind: 'opening_balance', amount: -2, runningBalance: -2, onDate: '2025-04-01', bedrooms: 3 });
    const t1 = await table();
    expect(t1.rows.find((r) => r.partnerId === p.brent)).toMatchObject({ balance: -2, adjustments: -2, given: 0, received: 0, status: 'near_cap' });
    expect(t1.pot).toBe(2);
    expect(t1.total).toBe(0);
    expect((await w.ok<CapStanding>('ledger.partnerCap', { partnerId: p.brent })).message).toBe(
      'Brent Council has 2 moves out of its stock not yet reciprocated (2 properties owed from its opening balance or corrections): one more reaches the cap of 3.',
    );

    await w.move(p.hackney, p.barnet, BOROUGH.barnet);
    const late = await w.refused('ledger.addEntry', {
      kind: 'opening_balance',
      partnerId: p.barnet,
      direction: 'owed',
      amount: 1,
      onDate: '2026-03-09',
      reason: 'Late',
    });
    expect(late.message).toMatch(/on or before 05\/03\/2026/);
  });

  it('records a contribution and a correction between two partners, each audited with its reason', async () => {
    await w.ok('ledger.addEntry', {
      kind: 'contribution',
      partnerId: p.brent,
      direction: 'owed',
      amount: 1,
      onDate: '2026-03-01',
      reason: 'Let a home to a non-scheme referral at the steering group’s request',
    });
    await w.ok('ledger.addEntry', {
      kind: 'correction',
      partnerId: p.hackney,
      counterpartyId: p.barnet,
      direction: 'owes',
      amount: 1,
      onDate: '2026-03-02',
      reason: 'Move of 2025 booked the wrong way round',
    });
    expect(
      (await w.refused('ledger.addEntry', { kind: 'contribution', partnerId: p.brent, direction: 'owes', amount: 1, onDate: '2026-03-01', reason: 'x' }))
        .fields,
    ).toHaveProperty('direction');
    const t1 = await table();
    expect(t1.rows.filter((r) => r.balance !== 0).map((r) => [r.name, r.balance])).toEqual([
      ['Barnet Homes', 1],
      ['Brent Council', 1],
      ['Hackney Council', -1],
    ]);
    expect(t1.pot).toBe(-1);
    expect(t1.total).toBe(0);
    const audit = w.db.prepare("SELECT action, reason FROM audit_log WHERE action LIKE 'ledger.%' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'ledger.contribution', reason: 'Let a home to a non-scheme referral at the steering group’s request' },
      { action: 'ledger.correction', reason: 'Move of 2025 booked the wrong way round' },
    ]);
  });
});

describe('the cap', () => {
  it('blocks the fourth referral at approval with the explaining message, and lets a recorded override through', async () => {
    const fourth = await w.referral(p.hackney);
    const moves = [];
    for (const on of ['2026-03-05', '2026-03-06', '2026-03-07']) moves.push(await w.move(p.hackney, p.barnet, BOROUGH.barnet, on));
    expect(await w.partnerAtCap(p.hackney)).toBe(true);
    const refs = moves.map((m) => m.reference);

    await w.ok('cases.transition', { id: fourth.id, to: 'awaiting_landlord_approval', effectiveOn: '2026-03-08' });
    const before = w.snapshot();
    const res = await t.call('cases.transition', { id: fourth.id, to: 'approved', effectiveOn: '2026-03-08' });
    expect(res.ok).toBe(false);
    expect(res.error!.message).toBe(
      `Case ${fourth.reference} cannot be approved: Hackney Council has 3 moves out of its stock not yet reciprocated (the moves of cases ${refs.join(', ')}), which reaches the cap of 3. Hackney Council must let a home to another partner's applicant first, or override the cap for this case with a recorded reason. Nothing was changed.`,
    );
    expect(w.snapshot()).toEqual(before);

    expect((await w.refused('ledger.overrideCap', { caseId: fourth.id, reason: ' ' })).code).toBe('VALIDATION');
    const standing = await w.ok<CaseCapStanding>('ledger.overrideCap', { caseId: fourth.id, reason: 'Immediate risk; Hackney has two lets due next month' });
    expect(standing).toMatchObject({
      blocked: false,
      override: { reason: 'Immediate risk; Hackney has two lets due next month', caseReference: fourth.reference },
    });
    expect((await w.refused('ledger.overrideCap', { caseId: fourth.id, reason: 'Again' })).code).toBe('CONFLICT');
    await w.ok('cases.transition', { id: fourth.id, to: 'approved', effectiveOn: '2026-03-08' });
    expect((await w.circulate(fourth.id, '2026-03-09')).ok).toBe(true);

    // The override shows on the case, in the audit and in the ledger (the partner's statement).
    const detail = await w.ok<CaseDetail>('cases.get', { id: fourth.id });
    expect(detail.overrides).toMatchObject([{ rule: 'ledger_cap', reason: 'Immediate risk; Hackney has two lets due next month' }]);
    const audit = w.db.prepare("SELECT summary, reason, case_id FROM audit_log WHERE action = 'ledger.cap_overridden'").all();
    expect(audit).toEqual([
      {
        summary: `Case ${fourth.reference}: ledger cap overridden (Hackney Council at 3 of 3: ${refs.join(', ')})`,
        reason: 'Immediate risk; Hackney has two lets due next month',
        case_id: fourth.id,
      },
    ]);
    const s = await statement(p.hackney);
    expect(s.overrides).toMatchObject([{ caseReference: fourth.reference }]);
    expect(s.capMoves).toEqual(refs);
    // Line by line: the three moves out behind the count are the statement's lines.
    expect(s.lines.map((l) => [l.caseReference, l.amount, l.runningBalance])).toEqual(refs.map((r, i) => [r, -1, -(i + 1)]));
  });

  it('blocks first circulation when the cap is reached after approval', async () => {
    const late = await w.referral(p.hackney);
    await w.ok('cases.transition', { id: late.id, to: 'awaiting_landlord_approval', effectiveOn: '2026-03-02' });
    await w.ok('cases.transition', { id: late.id, to: 'approved', effectiveOn: '2026-03-02' });
    for (const on of ['2026-03-05', '2026-03-06', '2026-03-07']) await w.move(p.hackney, p.barnet, BOROUGH.barnet, on);
    const before = w.snapshot();
    const res = await w.circulate(late.id, '2026-03-08');
    expect(res.error?.message).toMatch(new RegExp(`^Case ${late.reference} cannot be circulated: Hackney Council has 3 moves`));
    expect(w.snapshot()).toEqual(before);
  });

  it('checks again when an offer is made; an offer going past it records the cap override', async () => {
    const waiting = await w.referral(p.hackney);
    await w.circulated(waiting.id);
    const moves = [];
    for (const on of ['2026-03-05', '2026-03-06', '2026-03-07']) moves.push(await w.move(p.hackney, p.barnet, BOROUGH.barnet, on));
    const home = await w.property(p.brent, BOROUGH.brent);
    const before = w.snapshot();
    const err = await w.refused('offers.make', { propertyId: home.id, caseId: waiting.id, offeredOn: '2026-03-08' });
    expect(err.message).toContain(
      `the home landlord Hackney Council has 3 moves not yet reciprocated (the moves of cases ${moves.map((m) => m.reference).join(', ')}), the cap is 3`,
    );
    expect(w.snapshot()).toEqual(before);
    const offer = await w.ok<OfferView>('offers.make', {
      propertyId: home.id,
      caseId: waiting.id,
      offeredOn: '2026-03-08',
      overrideReason: 'Brent’s flat is the only safe option',
    });
    expect(offer.id).toBeGreaterThan(0);
    expect((await w.caseCap(waiting.id)).override).toMatchObject({ reason: 'Brent’s flat is the only safe option' });
  });

  it('refuses a referral at the cap at intake unless overridden, and refuses an override with nothing to override', async () => {
    for (const on of ['2026-03-05', '2026-03-06', '2026-03-07']) await w.move(p.hackney, p.barnet, BOROUGH.barnet, on);
    const res = await t.call('cases.create', {
      ...(await import('../cases/referral-builder')).aReferral({
        currentHome: { ...(await import('../cases/referral-builder')).aReferral().currentHome, homeLandlordPartnerId: p.hackney },
      }),
    });
    expect(res.error?.message).toMatch(/Hackney Council has 3 moves it has not yet reciprocated, the most the scheme allows \(3\)/);
    const ok = await w.referral(p.hackney, {}, 'Panel agreed');
    expect((await w.caseCap(ok.id)).blocked).toBe(false);
    const other = await w.referral(p.brent);
    expect((await w.refused('ledger.overrideCap', { caseId: other.id, reason: 'Just in case' })).message).toMatch(/Brent Council is not at the cap \(0 of 3\)/);
  });

  it('the cap is a policy setting, default 3, and changing it is audited', async () => {
    expect(await w.ok('ledger.getPolicy')).toEqual({ cap: 3, bookHousingMoves: false });
    await w.move(p.hackney, p.barnet, BOROUGH.barnet);
    expect((await w.ok<CapStanding>('ledger.partnerCap', { partnerId: p.hackney })).status).toBe('owing');
    await w.ok('ledger.updatePolicy', { cap: 2, bookHousingMoves: false });
    expect((await w.ok<CapStanding>('ledger.partnerCap', { partnerId: p.hackney })).status).toBe('near_cap');
    await w.ok('ledger.updatePolicy', { cap: 1, bookHousingMoves: false });
    expect(await w.ok<CapStanding[]>('ledger.atCap')).toMatchObject([{ name: 'Hackney Council', unreciprocated: 1 }]);
    expect((await w.refused('ledger.updatePolicy', { cap: 0, bookHousingMoves: false })).fields).toHaveProperty('cap');
    const audit = w.db.prepare("SELECT summary FROM audit_log WHERE action = 'settings.ledger_policy_updated' ORDER BY id", { pluck: true }).all();
    expect(audit).toEqual(['Ledger policy changed: cap 3 → 2', 'Ledger policy changed: cap 2 → 1']);
  });
});

describe('statements and views', () => {
  it('gives running balances in date order, and the statement as it stood on a past date', async () => {
    const a = await w.move(p.hackney, p.barnet, BOROUGH.barnet, '2026-03-05');
    await w.move(p.brent, p.barnet, BOROUGH.barnet, '2026-03-06'); // not Hackney's: not on its statement
    const d = await w.move(p.hackney, p.brent, BOROUGH.brent, '2026-03-08');
    const entry = w.db.prepare('SELECT id FROM ledger_entries WHERE move_id = ?', { pluck: true }).get([a.moveId]) as number;
    today = '2026-03-10';
    await w.ok('ledger.reverse', { entryId: entry, reason: 'Wrong home landlord', onDate: '2026-03-10' });

    const now = await statement(p.hackney);
    expect(now.lines.map((l) => [l.onDate, l.amount, l.runningBalance])).toEqual([
      ['2026-03-05', -1, -1],
      ['2026-03-08', -1, -2],
      ['2026-03-10', 1, -1],
    ]);
    expect(now.totals.balance).toBe(-1);
    expect(now.capMoves).toEqual([d.reference]);

    const then = await statement(p.hackney, '2026-03-09');
    expect(then.lines.map((l) => [l.onDate, l.amount, l.runningBalance, l.reversedBy])).toEqual([
      ['2026-03-05', -1, -1, null],
      ['2026-03-08', -1, -2, null],
    ]);
    expect(then.totals).toMatchObject({ balance: -2, unreciprocated: 2 });
    expect(then.status).toBe('near_cap');
    expect(then.capMoves).toEqual([a.reference, d.reference]);
    const past = await table({ asOf: '2026-03-06' });
    expect(past.rows.find((r) => r.partnerId === p.hackney)!.balance).toBe(-1);
    expect(past.rows.find((r) => r.partnerId === p.brent)!.balance).toBe(-1);
    expect(past.rows.find((r) => r.partnerId === p.barnet)!.balance).toBe(2);
  });

  it('shows the ledger by bedroom size; the cap still counts in total', async () => {
    await w.move(p.hackney, p.barnet, BOROUGH.barnet, '2026-03-05', 1);
    await w.move(p.hackney, p.barnet, BOROUGH.barnet, '2026-03-06', 3);
    await w.move(p.hackney, p.brent, BOROUGH.brent, '2026-03-07', 3);
    const all = await table();
    expect(all.bedroomSizes).toEqual([1, 3]);
    const three = await table({ bedrooms: 3 });
    expect(three.rows.find((r) => r.partnerId === p.hackney)).toMatchObject({ balance: -2, received: 2, unreciprocated: 3, status: 'at_cap' });
    expect(three.rows.find((r) => r.partnerId === p.barnet)).toMatchObject({ balance: 1, given: 1 });
    expect(three.total).toBe(0);
    const one = await table({ bedrooms: 1 });
    expect(one.rows.find((r) => r.partnerId === p.hackney)!.balance).toBe(-1);
    expect(one.rows.find((r) => r.partnerId === p.brent)!.balance).toBe(0);
  });
});
