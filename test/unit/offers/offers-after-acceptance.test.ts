import type { BoroughCode } from '../../../contract/boroughs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseOffers, MatchExplanation, OffersBoard, OfferView } from '../../../contract/offers';
import type { PropertyView } from '../../../contract/properties';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aPartner, registryCalls } from '../helpers/registry-calls';
import { BARNET, offersWorld } from './offers-world';

/*
 * An accepted offer can still end before the move (issue 10): the applicant pulls out, the landlord withdraws, or the
 * let falls through. Through the real registry, as the case page calls it.
 */

const BRENT = 'E09000005';
const HACKNEY = 'E09000012';

let t: TestCore;
let today = '2026-03-10';
let partners: { hackney: number; barnet: number; brent: number };

const { ok, refused } = registryCalls(() => t);

/** Every table an offer action writes, whole, to show a refused call changed nothing. */
function snapshot() {
  const db = t.core.services.db();
  return {
    offers: db.prepare('SELECT * FROM offers ORDER BY id').all(),
    properties: db.prepare('SELECT * FROM properties ORDER BY id').all(),
    cases: db.prepare('SELECT * FROM cases ORDER BY id').all(),
    events: db.prepare('SELECT count(*) FROM case_events', { pluck: true }).get(),
    moves: db.prepare('SELECT * FROM moves').all(),
    ledger: db.prepare('SELECT count(*) FROM ledger_entries', { pluck: true }).get(),
    audit: db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get(),
  };
}

async function partner(name: string, borough: string): Promise<number> {
  return (await ok<{ id: number }>('partners.create', aPartner(name, [borough as BoroughCode]))).id;
}

const { reset, property, circulatedCase } = offersWorld(() => ({ t, partners }));
const caseRow = (id: number) => t.core.services.db().prepare('SELECT state, offers_made FROM cases WHERE id = ?').get([id]);
const propertyState = async (id: number) => (await ok<PropertyView>('properties.get', { id })).state;
const lastAudit = (action: string) =>
  t.core.services.db().prepare('SELECT summary FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1', { pluck: true }).get([action]) as string;

/** A case with an accepted offer of a Barnet property, accepted on 06/03/2026 with its address recorded. */
async function accepted() {
  const c = await circulatedCase();
  const p = await property();
  const offer = await ok<OfferView>('offers.make', { propertyId: p.id, caseId: c.id, offeredOn: '2026-03-04' });
  await ok('offers.accept', {
    offerId: offer.id,
    decidedOn: '2026-03-06',
    address: { line1: 'Flat 4, Example Court', line2: '', town: 'London', postcode: 'EN5 1AA' },
    plannedStartOn: '2026-03-20',
  });
  return { c, p, offer };
}

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

describe('an accepted offer that ends before the move', () => {
  it('the applicant pulls out: a decline that counts, ends that landlord, frees the property and drops the address', async () => {
    const { c, p, offer } = await accepted();
    const auditBefore = t.core.services.db().prepare('SELECT count(*) FROM audit_log', { pluck: true }).get() as number;
    const view = await ok<OfferView>('offers.decline', { offerId: offer.id, decidedOn: '2026-03-09', reason: 'too_far_from_support', text: 'Mother fell ill' });
    expect(view).toMatchObject({
      outcome: 'declined',
      acceptedOn: '2026-03-06',
      decidedOn: '2026-03-09',
      countsAgainstCap: true,
      stage: null,
      hasAddress: false,
    });
    expect(caseRow(c.id)).toEqual({ state: 'offer_declined', offers_made: 1 });
    expect(await propertyState(p.id)).toBe('available');
    const row = t.core.services.db().prepare('SELECT address_line1, address_postcode FROM offers WHERE id = ?').get([offer.id]);
    expect(row).toEqual({ address_line1: null, address_postcode: null });
    // One transaction: the offer's entry, the property's and the case's transition, nothing else.
    const entries = t.core.services.db().prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id', { pluck: true }).all([auditBefore]);
    expect(entries.sort()).toEqual(['case.transition', 'offer.declined', 'property.state_changed'].sort());
    expect(lastAudit('offer.declined')).toBe(
      `Case ${c.reference}: applicant pulled out of offer ${offer.id} from Barnet Homes after accepting it on 06/03/2026 (Too far from family or support); 1 offer counts against the cap`,
    );
    // The same landlord's next property is not matched to the case; the Offers board no longer holds the offer.
    await ok('cases.updatePolicy', { ...(await ok<object>('cases.getPolicy')), offerCap: 2 });
    await ok('cases.transition', { id: c.id, to: 'circulated' });
    const why = await ok<MatchExplanation>('offers.explain', { propertyId: (await property()).id, caseId: c.id });
    expect(why.breaches.map((b) => b.message)).toEqual(['declined an offer from this landlord on 09/03/2026']);
    const board = await ok<OffersBoard>('offers.board');
    expect(board.stages.flatMap((s) => s.offers)).toEqual([]);
    expect(board.endedAfterAcceptance.map((o) => [o.reference, o.outcome, o.acceptedOn, o.decidedOn])).toEqual([
      [c.reference, 'declined', '2026-03-06', '2026-03-09'],
    ]);
  });

  it('the landlord withdraws after acceptance: the case is circulated again, the property withdrawn, the cap untouched', async () => {
    const { c, p, offer } = await accepted();
    await ok('offers.withdraw', { offerId: offer.id, decidedOn: '2026-03-08', text: 'Needed for an emergency decant' });
    expect(caseRow(c.id)).toEqual({ state: 'circulated', offers_made: 0 });
    expect(await propertyState(p.id)).toBe('withdrawn');
    expect(lastAudit('offer.withdrawn_by_landlord')).toBe(
      `Case ${c.reference}: offer ${offer.id} from Barnet Homes withdrawn by the landlord after it was accepted on 06/03/2026; 0 offers count against the cap`,
    );
    const timeline = await ok<CaseOffers>('offers.forCase', { caseId: c.id });
    expect(timeline.offers[0]).toMatchObject({ outcome: 'withdrawn_by_landlord', acceptedOn: '2026-03-06', decidedOn: '2026-03-08', hasAddress: false });
    // The same landlord's next home can be offered: a withdrawal is not the applicant's decline.
    expect((await ok<MatchExplanation>('offers.explain', { propertyId: (await property()).id, caseId: c.id })).matches).toBe(true);
  });

  it('it falls through after acceptance: the property is available again and the case circulated', async () => {
    const { c, p, offer } = await accepted();
    await ok('offers.fellThrough', { offerId: offer.id, decidedOn: '2026-03-10', text: 'The sign-up found rent arrears the landlord will not accept' });
    expect(caseRow(c.id)).toEqual({ state: 'circulated', offers_made: 0 });
    expect(await propertyState(p.id)).toBe('available');
    const board = await ok<OffersBoard>('offers.board');
    expect(board.endedAfterAcceptance.map((o) => [o.reference, o.outcome])).toEqual([[c.reference, 'fell_through']]);
  });

  it('refuses, changing nothing: a date before the acceptance, a decline dressed as fell through, and anything after the move', async () => {
    const { c, offer } = await accepted();
    let before = snapshot();
    const early = await refused('offers.decline', { offerId: offer.id, decidedOn: '2026-03-05', reason: 'schools_or_work', text: '' });
    expect(early.fields).toEqual({ decidedOn: 'Enter a date on or after 06/03/2026' });
    expect((await refused('offers.withdraw', { offerId: offer.id, decidedOn: '2026-03-05', text: '' })).fields).toHaveProperty('decidedOn');
    expect((await refused('offers.fellThrough', { offerId: offer.id, decidedOn: today, text: 'She changed her mind about the area' })).message).toMatch(
      /reads as the applicant turning the offer down/,
    );
    expect((await refused('offers.decline', { offerId: offer.id, decidedOn: '2026-03-11', reason: 'schools_or_work', text: '' })).message).toMatch(
      /future|after today/i,
    );
    expect(snapshot()).toEqual(before);

    await ok('offers.completeMove', { caseId: c.id, route: 'reciprocal', offerId: offer.id, tenancyStartOn: '2026-03-09', adults: 1, children: 0 });
    before = snapshot();
    expect((await refused('offers.decline', { offerId: offer.id, decidedOn: today, reason: 'schools_or_work', text: '' })).message).toMatch(/already moved/);
    expect((await refused('offers.withdraw', { offerId: offer.id, decidedOn: today, text: '' })).message).toMatch(/already has an outcome/);
    expect((await refused('offers.fellThrough', { offerId: offer.id, decidedOn: today, text: 'Boiler failed' })).message).toMatch(/already has an outcome/);
    expect(snapshot()).toEqual(before);
  });

  it('a case cannot be withdrawn from under an accepted offer, even from hold; once the offer has ended it can', async () => {
    const { c, p, offer } = await accepted();
    const before = snapshot();
    const direct = await refused('cases.transition', { id: c.id, to: 'withdrawn', effectiveOn: today, reason: 'Applicant no longer wants to move' });
    expect(direct.message).toBe(
      'This case has an accepted offer and no move yet: record the move, or that the offer ended before the move, first. Nothing was changed.',
    );
    expect(snapshot()).toEqual(before);

    await ok('cases.transition', { id: c.id, to: 'on_hold', effectiveOn: today, reason: 'Applicant in hospital' });
    const held = snapshot();
    expect((await refused('cases.transition', { id: c.id, to: 'withdrawn', effectiveOn: today, reason: 'Applicant no longer wants to move' })).message).toMatch(
      /accepted offer and no move yet/,
    );
    expect(snapshot()).toEqual(held);
    await ok('cases.transition', { id: c.id, to: 'offer_accepted', effectiveOn: today, reason: 'Out of hospital' });

    await ok('offers.fellThrough', { offerId: offer.id, decidedOn: today, text: 'The boiler failed and the let was cancelled' });
    expect(await propertyState(p.id)).toBe('available');
    await ok('cases.transition', { id: c.id, to: 'withdrawn', effectiveOn: today, reason: 'Applicant no longer wants to move' });
    expect(caseRow(c.id)).toMatchObject({ state: 'withdrawn' });
  });
});
