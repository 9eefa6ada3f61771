import type { BoroughCode } from '../../../contract/boroughs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseMatches, CaseOffers, MatchExplanation, MoveView, OffersBoard, OfferView, PropertyMatches, StaleOffer } from '../../../contract/offers';
import type { PropertyView } from '../../../contract/properties';
import { aReferral } from '../cases/referral-builder';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aPartner, registryCalls } from '../helpers/registry-calls';
import { BARNET, offersWorld } from './offers-world';

/*
 * Properties, matching, offers and moves through the real registry, as the renderer calls them.
 */

const BRENT = 'E09000005';
const HACKNEY = 'E09000012';
const HARINGEY = 'E09000014';

let t: TestCore;
let today = '2026-03-10';

const { ok, refused } = registryCalls(() => t);

/** Every table an offer action writes, to show a refused call changed nothing. */
function snapshot() {
  const db = t.core.services.db();
  return {
    offers: db.prepare('SELECT * FROM offers ORDER BY id').all(),
    properties: db.prepare('SELECT id, status FROM properties ORDER BY id').all(),
    cases: db.prepare('SELECT id, state, offers_made FROM cases ORDER BY id').all(),
    moves: db.prepare('SELECT * FROM moves').all(),
    audit: db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get(),
  };
}

let partners: { hackney: number; barnet: number; brent: number };

async function partner(name: string, borough: BoroughCode): Promise<number> {
  return (await ok<{ id: number }>('partners.create', aPartner(name, [borough]))).id;
}

// Each case is a different person: the intake rules refuse a second open case with the same name and date of birth.

const { reset, aProperty, property, circulatedCase } = offersWorld(() => ({ t, partners }));
const caseState = (id: number) => t.core.services.db().prepare('SELECT state, offers_made, closure_reason FROM cases WHERE id = ?').get([id]);

beforeEach(async () => {
  today = '2026-03-10';
  reset();
  t = createTestCore({ today: () => today });
  await setUp(t);
  partners = {
    hackney: await partner('Hackney Council', HACKNEY),
    barnet: await partner('Barnet Homes', BARNET),
    brent: await partner('Brent Council', BRENT),
  };
});
afterEach(() => t.cleanup());

describe('properties', () => {
  it('records a property with no address, remembers the last partner, and audits each state change', async () => {
    expect((await ok<{ lastPartnerId: number | null }>('properties.formOptions')).lastPartnerId).toBeNull();
    const p = await property({ partnerId: partners.brent, borough: BRENT });
    expect(p).toMatchObject({ state: 'available', partnerName: 'Brent Council', summary: '2-bed flat, 3rd floor, Brent', weeklyRentPence: 13575 });
    expect((await ok<{ lastPartnerId: number }>('properties.formOptions')).lastPartnerId).toBe(partners.brent);
    const columns = t.core.services.db().prepare('SELECT name FROM pragma_table_info(?)', { pluck: true }).all(['properties']) as string[];
    expect(columns.filter((c) => /address|postcode/.test(c))).toEqual([]);

    expect((await refused('properties.setState', { id: p.id, to: 'available' })).message).toMatch(/already 'Available'/);
    await ok('properties.setState', { id: p.id, to: 'withdrawn', reason: 'Let through the council list' });
    await ok('properties.setState', { id: p.id, to: 'available' });
    const audit = t.core.services.db().prepare("SELECT summary FROM audit_log WHERE action = 'property.state_changed' ORDER BY id", { pluck: true }).all();
    expect(audit).toEqual([
      `Property ${p.id} (2-bed flat, 3rd floor, Brent, Brent Council): Available → Withdrawn`,
      `Property ${p.id} (2-bed flat, 3rd floor, Brent, Brent Council): Withdrawn → Available`,
    ]);
    const list = await ok<{ rows: PropertyView[]; total: number }>('properties.list', { partnerId: partners.brent, bedrooms: 2, state: 'available' });
    expect(list.total).toBe(1);
    expect((await ok<{ total: number }>('properties.list', { borough: BARNET })).total).toBe(0);
  });

  it('refuses bad input with a message at the field, saving nothing', async () => {
    const before = snapshot();
    const err = await refused('properties.create', { ...aProperty(), bedrooms: 9, availableFrom: '31/02/2026' });
    expect(err.fields).toMatchObject({
      bedrooms: 'Enter at most 7 bedrooms',
      availableFrom: 'That date does not exist; check the day and month (day first, like 27/03/2026)',
    });
    expect(snapshot()).toEqual(before);
  });
});

describe('matching through the registry', () => {
  it('property → cases: ranked candidates with reasons, left-out cases with theirs, and the rest counted', async () => {
    const older = await circulatedCase({ needs: { access: 'step_free', medicalNeeds: '', hasPets: false, wouldConsiderRehoming: null } }, '2026-03-03');
    const newer = await circulatedCase({}, '2026-03-06');
    const threeBed = await circulatedCase({ currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partners.hackney, bedrooms: 3 } });
    await circulatedCase({ requestedBoroughs: [BRENT, 'E09000007', 'E09000008', 'E09000009', 'E09000010'] });
    const p = await property({ access: 'step_free' });

    const m = await ok<PropertyMatches>('offers.matchesForProperty', { propertyId: p.id });
    expect(m.candidates.map((c) => [c.rank, c.reference])).toEqual([
      [1, older.reference],
      [2, newer.reference],
    ]);
    expect(m.candidates[0]?.reasons).toEqual([
      'waiting 7 days since circulation',
      'requested 5 boroughs',
      'needs 2 bedrooms: like for like',
      'needs step-free access: met',
    ]);
    expect(m.leftOut).toEqual([
      { caseId: threeBed.id, reference: threeBed.reference, breaches: [{ rule: 'bedrooms', message: 'needs 3 bedrooms; this has 2' }] },
    ]);
    expect(m.notRequestingBorough).toBe(1);

    const byRef = await ok<PropertyMatches>('offers.matchesForProperty', { propertyId: p.id, order: 'reference' });
    expect(byRef.candidates.map((c) => c.reference)).toEqual([older.reference, newer.reference].sort());

    const forCase = await ok<CaseMatches>('offers.matchesForCase', { caseId: threeBed.id });
    expect(forCase.candidates).toEqual([]);
    expect(forCase.leftOut.map((l) => l.breaches.map((b) => b.message))).toEqual([['needs 3 bedrooms; this has 2']]);
    expect((await ok<CaseMatches>('offers.matchesForCase', { caseId: newer.id })).candidates.map((c) => c.property.id)).toEqual([p.id]);
  });
});

describe('offers', () => {
  it('an offer links property and case in one transaction; a rule broken is refused unless overridden with a reason', async () => {
    const c = await circulatedCase({ currentHome: { ...aReferral().currentHome, bedrooms: 3 } });
    const p = await property();
    const before = snapshot();
    const err = await refused('offers.make', { propertyId: p.id, caseId: c.id, offeredOn: today });
    expect(err.message).toBe(`This property does not match ${c.reference}: needs 3 bedrooms; this has 2. To offer it anyway, record why. Nothing was changed.`);
    expect(err.fields).toEqual({ overrideReason: 'Record why this offer goes past the matching rules' });
    expect(snapshot()).toEqual(before);

    const offer = await ok<OfferView>('offers.make', {
      propertyId: p.id,
      caseId: c.id,
      offeredOn: today,
      overrideReason: 'Box room counts as a bedroom for this family',
    });
    expect(offer).toMatchObject({
      stage: 'offered',
      outcome: null,
      partnerName: 'Barnet Homes',
      override: { rules: ['bedrooms'], reason: 'Box room counts as a bedroom for this family' },
    });
    expect(caseState(c.id)).toMatchObject({ state: 'offer_made', offers_made: 1 });
    expect((await ok<PropertyView>('properties.get', { id: p.id })).state).toBe('offered');
    const audit = t.core.services.db().prepare("SELECT summary, reason FROM audit_log WHERE action = 'offer.made'").get();
    expect(audit).toEqual({
      summary: `Case ${c.reference}: offered property ${p.id} (2-bed flat, 3rd floor, Barnet) from Barnet Homes (matching rules overridden: Bedrooms)`,
      reason: 'Box room counts as a bedroom for this family',
    });
    // The property is under offer now: it cannot be offered twice.
    const other = await circulatedCase();
    expect((await refused('offers.make', { propertyId: p.id, caseId: other.id, offeredOn: today })).message).toMatch(/'offered', not available/);
  });

  it('never an unsafe or current borough, whatever the reason given', async () => {
    const c = await circulatedCase({ requestedBoroughs: [BARNET, BRENT, 'E09000007', 'E09000008', 'E09000009'] });
    const unsafe = await property({ borough: HARINGEY });
    const before = snapshot();
    const err = await refused('offers.make', { propertyId: unsafe.id, caseId: c.id, offeredOn: today, overrideReason: 'Please' });
    expect(err.message).toBe(`This property cannot be offered to ${c.reference}: the applicant is unsafe in Haringey. Nothing was changed.`);
    expect(snapshot()).toEqual(before);
    const current = await property({ borough: HACKNEY });
    expect((await refused('offers.make', { propertyId: current.id, caseId: c.id, offeredOn: today, overrideReason: 'Please' })).message).toMatch(
      /Hackney is the applicant's current borough/,
    );
  });

  it('an offer is only recorded against a property: the case cannot be moved into an offer state by hand', async () => {
    const c = await circulatedCase();
    const before = snapshot();
    expect((await refused('cases.transition', { id: c.id, to: 'offer_made' })).message).toMatch(/Offers are recorded against a property/);
    expect(snapshot()).toEqual(before);
  });

  it('viewing, then the applicant declines: it counts, it ends that landlord, and it can never be recorded as fell through', async () => {
    const c = await circulatedCase();
    const first = await property();
    const offer = await ok<OfferView>('offers.make', { propertyId: first.id, caseId: c.id, offeredOn: '2026-03-05' });
    const viewed = await ok<OfferView>('offers.bookViewing', { offerId: offer.id, viewingOn: '2026-03-12' });
    expect(viewed).toMatchObject({ stage: 'viewing_booked', viewingOn: '2026-03-12' });
    expect(caseState(c.id)).toMatchObject({ state: 'viewing' });

    today = '2026-03-13';
    const before = snapshot();
    const dodge = await refused('offers.fellThrough', { offerId: offer.id, decidedOn: today, text: 'Applicant declined at the viewing' });
    expect(dodge.message).toMatch(/reads as the applicant turning the offer down/);
    expect(snapshot()).toEqual(before);
    expect((await refused('offers.decline', { offerId: offer.id, decidedOn: today, reason: 'other', text: '' })).fields).toEqual({
      text: 'Explain why the applicant declined',
    });

    const declined = await ok<OfferView>('offers.decline', { offerId: offer.id, decidedOn: today, reason: 'area_not_safe', text: 'Friends of the ex nearby' });
    expect(declined).toMatchObject({ outcome: 'declined', declineReason: 'area_not_safe', countsAgainstCap: true, stage: null });
    expect(caseState(c.id)).toMatchObject({ state: 'offer_declined', offers_made: 1 });
    expect((await ok<PropertyView>('properties.get', { id: first.id })).state).toBe('available');

    // With the cap at 1 the case cannot be circulated again; at 2 it can, and the next Barnet property does not match.
    expect((await refused('cases.transition', { id: c.id, to: 'circulated' })).message).toMatch(/most the scheme allows \(1\)/);
    await ok('cases.updatePolicy', { ...(await ok<object>('cases.getPolicy')), offerCap: 2 });
    await ok('cases.transition', { id: c.id, to: 'circulated' });
    const next = await property();
    const why = await ok<MatchExplanation>('offers.explain', { propertyId: next.id, caseId: c.id });
    expect(why).toMatchObject({ matches: false, breaches: [{ rule: 'declined_landlord', message: 'declined an offer from this landlord on 13/03/2026' }] });
    const m = await ok<PropertyMatches>('offers.matchesForProperty', { propertyId: next.id });
    expect(m.candidates).toEqual([]);
    expect(m.leftOut.map((l) => l.reference)).toEqual([c.reference]);

    // Another landlord's property matches, and can be offered.
    const brent = await property({ partnerId: partners.brent, borough: BRENT });
    expect((await ok<MatchExplanation>('offers.explain', { propertyId: brent.id, caseId: c.id })).matches).toBe(true);
    await ok('offers.make', { propertyId: brent.id, caseId: c.id, offeredOn: today });
    expect(caseState(c.id)).toMatchObject({ state: 'offer_made', offers_made: 2 });
  });

  it('a landlord withdrawal or a let that falls through does not use up the applicant’s offer', async () => {
    const c = await circulatedCase();
    const a = await property();
    const first = await ok<OfferView>('offers.make', { propertyId: a.id, caseId: c.id, offeredOn: today });
    expect((await refused('offers.withdraw', { offerId: first.id, decidedOn: '2026-03-01', text: '' })).fields).toHaveProperty('decidedOn');
    await ok('offers.withdraw', { offerId: first.id, decidedOn: today, text: 'Needed for a decant' });
    expect(caseState(c.id)).toMatchObject({ state: 'circulated', offers_made: 0 });
    expect((await ok<PropertyView>('properties.get', { id: a.id })).state).toBe('withdrawn');

    const b = await property({ partnerId: partners.brent, borough: BRENT });
    const second = await ok<OfferView>('offers.make', { propertyId: b.id, caseId: c.id, offeredOn: today });
    await ok('offers.accept', { offerId: second.id, decidedOn: today });
    await ok('offers.fellThrough', { offerId: second.id, decidedOn: today, text: 'Gas safety check failed; the void will take months' });
    expect(caseState(c.id)).toMatchObject({ state: 'circulated', offers_made: 0 });
    expect((await ok<PropertyView>('properties.get', { id: b.id })).state).toBe('available');
    const all = await ok<CaseOffers>('offers.forCase', { caseId: c.id });
    expect(all.offers.map((o) => [o.outcome, o.countsAgainstCap])).toEqual([
      ['fell_through', false],
      ['withdrawn_by_landlord', false],
    ]);
  });

  it('accept, then move completed: the case closes as moved, the property is let, the move row holds what the ledger needs', async () => {
    const c = await circulatedCase();
    const p = await property();
    const offer = await ok<OfferView>('offers.make', { propertyId: p.id, caseId: c.id, offeredOn: '2026-03-04' });
    const accepted = await ok<OfferView>('offers.accept', {
      offerId: offer.id,
      decidedOn: '2026-03-06',
      address: { line1: 'Flat 4, Example Court', line2: '', town: 'London', postcode: 'en5 1aa' },
      plannedStartOn: '2026-03-20',
    });
    expect(accepted).toMatchObject({ outcome: 'accepted', stage: 'awaiting_move', hasAddress: true });
    expect(t.core.services.db().prepare('SELECT address_postcode FROM offers WHERE id = ?', { pluck: true }).get([offer.id])).toBe('EN5 1AA');
    const acceptedAudit = t.core.services.db().prepare("SELECT summary FROM audit_log WHERE action = 'offer.accepted'", { pluck: true }).get() as string;
    expect(acceptedAudit).not.toMatch(/Example Court|EN5/);

    const before = snapshot();
    expect(
      (await refused('offers.completeMove', { caseId: c.id, route: 'reciprocal', offerId: offer.id, tenancyStartOn: '2026-03-05', adults: 1, children: 2 }))
        .fields,
    ).toHaveProperty('tenancyStartOn');
    expect(snapshot()).toEqual(before);

    const move = await ok<MoveView>('offers.completeMove', {
      caseId: c.id,
      route: 'reciprocal',
      offerId: offer.id,
      tenancyStartOn: '2026-03-09',
      adults: 1,
      children: 2,
    });
    expect(move).toMatchObject({
      caseId: c.id,
      offerId: offer.id,
      route: 'reciprocal',
      homePartnerId: partners.hackney,
      receivingPartnerId: partners.barnet,
      receivingBorough: BARNET,
      tenancyStartOn: '2026-03-09',
      adults: 1,
      children: 2,
      legacy: false,
      missing: [],
    });
    expect(caseState(c.id)).toMatchObject({ state: 'closed', closure_reason: 'moved' });
    expect((await ok<PropertyView>('properties.get', { id: p.id })).state).toBe('let');
    const summary = await ok<{ let: PropertyView[] }>('offers.partnerSummary', { partnerId: partners.barnet });
    expect(summary.let.map((x) => x.id)).toEqual([p.id]);
    expect((await refused('offers.completeMove', { caseId: c.id, route: 'reciprocal', tenancyStartOn: '2026-03-09', adults: 1, children: 2 })).message).toMatch(
      /already recorded/,
    );
  });

  it('a Housing Moves move, without a partner property, naming the receiving borough', async () => {
    const c = await circulatedCase();
    const err = await refused('offers.completeMove', { caseId: c.id, route: 'housing_moves', tenancyStartOn: '2026-03-09', adults: 2, children: 0 });
    expect(err.fields).toEqual({ receivingBorough: 'Choose the borough moved to' });
    const move = await ok<MoveView>('offers.completeMove', {
      caseId: c.id,
      route: 'housing_moves',
      receivingBorough: 'E09000016',
      tenancyStartOn: '2026-03-09',
      adults: 2,
      children: 0,
    });
    expect(move).toMatchObject({
      route: 'housing_moves',
      offerId: null,
      receivingPartnerId: null,
      receivingBorough: 'E09000016',
      homePartnerId: partners.hackney,
    });
    expect(caseState(c.id)).toMatchObject({ state: 'closed', closure_reason: 'moved' });
  });

  it('the Offers board shows every open offer by stage with its age, and stale ones join the reminders', async () => {
    const a = await circulatedCase();
    const b = await circulatedCase();
    const p1 = await property();
    const p2 = await property({ partnerId: partners.brent, borough: BRENT });
    const o1 = await ok<OfferView>('offers.make', { propertyId: p1.id, caseId: a.id, offeredOn: '2026-03-04' });
    await ok('offers.make', { propertyId: p2.id, caseId: b.id, offeredOn: '2026-03-09' });
    await ok('offers.bookViewing', { offerId: o1.id, viewingOn: '2026-03-06' });
    today = '2026-03-25';
    const board = await ok<OffersBoard>('offers.board');
    const byStage = Object.fromEntries(board.stages.map((s) => [s.stage, s.offers.map((o) => [o.reference, o.ageInStageDays])]));
    expect(byStage).toEqual({
      offered: [[b.reference, 16]],
      viewing_booked: [],
      awaiting_decision: [[a.reference, 18]],
      accepted: [],
      awaiting_move: [],
    });
    const stale = await ok<StaleOffer[]>('offers.stale');
    expect(stale.map((s) => s.text)).toEqual([
      `${b.reference}: 'Offered' for 16 days (Brent Council)`,
      `${a.reference}: 'Awaiting decision' for 18 days (Barnet Homes)`,
    ]);
    await ok('offers.updatePolicy', { bedroomsFewerAllowed: 0, bedroomsMoreAllowed: 0, staleAfterDays: 17 });
    expect((await ok<StaleOffer[]>('offers.stale')).map((s) => s.reference)).toEqual([a.reference]);
  });

  it('a case with an open offer cannot be withdrawn or closed by hand until the offer has its outcome', async () => {
    const c = await circulatedCase();
    const p = await property();
    await ok('offers.make', { propertyId: p.id, caseId: c.id, offeredOn: today });
    const before = snapshot();
    expect((await refused('cases.transition', { id: c.id, to: 'withdrawn', reason: 'Moved in with family' })).message).toMatch(/open offer/);
    expect(snapshot()).toEqual(before);
  });
});

describe('matching a page at a time', () => {
  it('property → cases: pages of candidates carry on the ranks in order, and pages of left-out cases carry on by case', async () => {
    // Five fitting cases circulated on different days, two of another size, and one under offer (no longer circulated).
    const days = ['2026-03-05', '2026-03-02', '2026-03-04', '2026-03-03', '2026-03-06'];
    const fit = [];
    for (const d of days) fit.push(await circulatedCase({}, d));
    const big = await circulatedCase({ currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partners.hackney, bedrooms: 3 } });
    const busy = await circulatedCase();
    await ok('offers.make', { propertyId: (await property({ partnerId: partners.brent, borough: BRENT })).id, caseId: busy.id, offeredOn: today });
    const big2 = await circulatedCase({ currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partners.hackney, bedrooms: 1 } });
    const p = await property();

    const whole = await ok<PropertyMatches>('offers.matchesForProperty', { propertyId: p.id, limit: 500 });
    const byWaiting = [...fit].map((c, i) => ({ ...c, on: days[i] as string })).sort((a, b) => (a.on < b.on ? -1 : 1) || 0);
    expect(whole.candidates.map((c) => [c.rank, c.reference])).toEqual(byWaiting.map((c, i) => [i + 1, c.reference]));
    expect(whole.candidatesNext).toBeNull();
    expect(whole.requestingBorough).toBe(7);
    expect(whole.candidates.map((c) => c.caseId)).not.toContain(busy.id);

    for (const order of ['waiting', 'fewest_boroughs', 'reference'] as const) {
      const all = (await ok<PropertyMatches>('offers.matchesForProperty', { propertyId: p.id, order, limit: 500 })).candidates;
      const paged: PropertyMatches['candidates'] = [];
      let after: PropertyMatches['candidatesNext'] | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await ok<PropertyMatches>('offers.matchesForProperty', {
          propertyId: p.id,
          order,
          limit: 2,
          ...(after ? { candidatesAfter: after } : {}),
        });
        paged.push(...page.candidates);
        if (page.candidatesNext === null) break;
        after = page.candidatesNext;
      }
      expect(paged, order).toEqual(all);
    }

    const left: string[] = [];
    let leftAfter: number | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await ok<PropertyMatches>('offers.matchesForProperty', {
        propertyId: p.id,
        leftOutLimit: 1,
        ...(leftAfter ? { leftOutAfter: leftAfter } : {}),
      });
      left.push(...page.leftOut.map((l) => `${l.reference}: ${l.breaches.map((b) => b.message).join('; ')}`));
      if (page.leftOutNext === null) break;
      leftAfter = page.leftOutNext;
    }
    expect(left).toEqual([`${big.reference}: needs 3 bedrooms; this has 2`, `${big2.reference}: needs 1 bedroom; this has 2`]);
    const bad = await refused('offers.matchesForProperty', {
      propertyId: p.id,
      candidatesAfter: { requested: 1, circulatedOn: '2026-03-01', reference: "x' OR 1=1", rank: -1 },
    });
    expect(bad.code).toBe('VALIDATION');
  });

  it('case → properties: every available property left out, with its reasons, a page at a time (requested boroughs first)', async () => {
    const c = await circulatedCase();
    const fits = await property();
    const threeBed = await property({ bedrooms: 3 });
    const elsewhere = await property({ partnerId: partners.brent, borough: 'E09000011' });
    const oneBed = await property({ bedrooms: 1 });
    const first = await ok<CaseMatches>('offers.matchesForCase', { caseId: c.id, leftOutLimit: 2 });
    expect(first.candidates.map((x) => x.property.id)).toEqual([fits.id]);
    expect(first.leftOutTotal).toBe(3);
    expect(first.leftOut.map((l) => [l.property.id, l.breaches.map((b) => b.message)])).toEqual([
      [threeBed.id, ['needs 2 bedrooms; this has 3']],
      [oneBed.id, ['needs 2 bedrooms; this has 1']],
    ]);
    expect(first.leftOutNext).not.toBeNull();
    const second = await ok<CaseMatches>('offers.matchesForCase', { caseId: c.id, leftOutLimit: 2, leftOutAfter: first.leftOutNext });
    expect(second.leftOut.map((l) => [l.property.id, l.breaches.map((b) => b.message)])).toEqual([[elsewhere.id, ['did not request Greenwich']]]);
    expect(second.leftOutNext).toBeNull();
  });
});

describe('offers and moves recorded before properties were tracked', () => {
  it('the case page can give a legacy offer its landlord, and a legacy move its missing facts', async () => {
    const c = await circulatedCase();
    const db = t.core.services.db();
    // As migration 004 leaves them: a declined offer and a move with no landlord, property or dates.
    const legacyOffer = db
      .prepare(
        `INSERT INTO offers (case_id, legacy, offered_on, outcome, decided_on, decline_reason, outcome_text, stage_entered_on, created_at, updated_at)
         VALUES (?, 1, '2026-03-04', 'declined', '2026-03-05', 'other', 'No lift', '2026-03-05', 'x', 'x')`,
      )
      .run([c.id]).lastInsertRowid;
    const view = (await ok<CaseOffers>('offers.forCase', { caseId: c.id })).offers[0];
    expect(view).toMatchObject({ legacy: true, missing: ['which landlord made the offer', 'the property (recorded before properties were tracked)'] });
    const p = await property();
    expect((await ok<MatchExplanation>('offers.explain', { propertyId: p.id, caseId: c.id })).breaches.map((b) => b.rule)).toEqual(['offer_cap']);

    await ok('offers.completeLegacyOffer', { offerId: legacyOffer, partnerId: partners.barnet });
    expect((await ok<MatchExplanation>('offers.explain', { propertyId: p.id, caseId: c.id })).breaches.map((b) => b.rule)).toEqual([
      'offer_cap',
      'declined_landlord',
    ]);
    expect((await refused('offers.completeLegacyOffer', { offerId: legacyOffer, partnerId: partners.brent })).message).toMatch(/already records its landlord/);

    const moved = await circulatedCase();
    const moveId = db
      .prepare("INSERT INTO moves (case_id, route, home_partner_id, legacy, created_at, actor) VALUES (?, 'reciprocal', ?, 1, 'x', 'Data migration')")
      .run([moved.id, partners.hackney]).lastInsertRowid;
    expect((await ok<CaseOffers>('offers.forCase', { caseId: moved.id })).move?.missing).toHaveLength(4);
    const done = await ok<MoveView>('offers.completeLegacyMove', {
      moveId,
      receivingPartnerId: partners.brent,
      receivingBorough: BRENT,
      tenancyStartOn: '2026-02-01',
      adults: 1,
      children: 1,
    });
    expect(done).toMatchObject({ receivingPartnerName: 'Brent Council', receivingBorough: BRENT, missing: [] });
    expect(t.core.services.db().prepare("SELECT count(*) FROM audit_log WHERE action = 'move.legacy_completed'", { pluck: true }).get()).toBe(1);
  });
});
