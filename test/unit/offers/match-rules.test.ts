import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOROUGHS, type BoroughCode } from '../../../contract/boroughs';
import { ACCESS_NEEDS, type CaseState } from '../../../contract/cases';
import { MATCH_RULES, OFFER_OUTCOMES, type MatchRule } from '../../../contract/offers';
import { accessMet, breaches, compareCases, fitReasons, type CaseFacts, type MatchPolicy, type PropertyFacts } from '../../../main/offers/match-rules';
import { countsAgainstCap, readsAsApplicantDecline } from '../../../main/offers/offer-cap';

const BARNET = 'E09000003';
const BRENT = 'E09000005';
const HACKNEY = 'E09000012';
const HARINGEY = 'E09000014';

const policy: MatchPolicy = { offerCap: 1, bedroomsFewerAllowed: 0, bedroomsMoreAllowed: 0 };

const aProperty = (over: Partial<PropertyFacts> = {}): PropertyFacts => ({
  id: 7,
  partnerId: 20,
  partnerName: 'Barnet Homes',
  borough: BARNET,
  bedrooms: 2,
  access: 'none',
  petsAllowed: false,
  availableFrom: '2026-03-01',
  ...over,
});

const aCase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  id: 1,
  reference: 'PLHR-2026-0001',
  state: 'circulated',
  circulatedOn: '2025-12-01',
  currentBorough: HACKNEY,
  requestedBoroughs: [BARNET, BRENT],
  unsafeBoroughs: [HARINGEY],
  bedrooms: 2,
  access: 'none',
  hasPets: false,
  wouldRehome: false,
  homeLandlordId: 10,
  countedOffers: 0,
  liveOffer: null,
  declinedLandlords: [],
  homeLandlordAtLedgerCap: false,
  ...over,
});

const rules = (p: PropertyFacts, c: CaseFacts, pol = policy) => breaches(p, c, pol).map((b) => b.rule);
const messages = (p: PropertyFacts, c: CaseFacts, pol = policy) => breaches(p, c, pol).map((b) => b.message);

describe('matching rules, one by one, with their explanations', () => {
  it('a requested borough, like for like, nothing else in the way: a match, with plain reasons', () => {
    expect(breaches(aProperty(), aCase(), policy)).toEqual([]);
    expect(fitReasons(aProperty(), aCase({ requestedBoroughs: [BARNET, BRENT, 'E09000007', 'E09000008', 'E09000009', 'E09000010'] }), '2026-03-05')).toEqual([
      'waiting 94 days since circulation',
      'requested 6 boroughs',
      'needs 2 bedrooms: like for like',
    ]);
  });

  it('the same borough, one bedroom off: left out, unless the policy allows one fewer or more', () => {
    expect(messages(aProperty({ bedrooms: 2 }), aCase({ bedrooms: 3 }))).toEqual(['needs 3 bedrooms; this has 2']);
    expect(rules(aProperty({ bedrooms: 3 }), aCase({ bedrooms: 2 }))).toEqual(['bedrooms']);
    const oneFewer = { ...policy, bedroomsFewerAllowed: 1 };
    expect(rules(aProperty({ bedrooms: 2 }), aCase({ bedrooms: 3 }), oneFewer)).toEqual([]);
    expect(rules(aProperty({ bedrooms: 3 }), aCase({ bedrooms: 2 }), oneFewer)).toEqual(['bedrooms']);
    expect(rules(aProperty({ bedrooms: 3 }), aCase({ bedrooms: 2 }), { ...policy, bedroomsMoreAllowed: 1 })).toEqual([]);
    expect(fitReasons(aProperty({ bedrooms: 2 }), aCase({ bedrooms: 3 }), '2026-03-05')).toContain('needs 3 bedrooms; this has 2 (the policy allows this)');
  });

  it('an unsafe borough is never proposed, even if it was somehow requested', () => {
    const c = aCase({ requestedBoroughs: [BARNET, HARINGEY], unsafeBoroughs: [HARINGEY] });
    expect(messages(aProperty({ borough: HARINGEY }), c)).toEqual(['the applicant is unsafe in Haringey']);
  });

  it('the current borough is never proposed', () => {
    const c = aCase({ requestedBoroughs: [BARNET, HACKNEY] });
    expect(messages(aProperty({ borough: HACKNEY }), c)).toEqual(["Hackney is the applicant's current borough"]);
  });

  it('a borough that was not requested', () => {
    expect(messages(aProperty({ borough: 'E09000033' }), aCase())).toEqual(['did not request Westminster']);
  });

  it('a previous decline from this landlord, with its date; another landlord still matches', () => {
    const c = aCase({ declinedLandlords: [{ partnerId: 20, decidedOn: '2026-02-03' }] });
    expect(messages(aProperty({ partnerId: 20 }), c)).toEqual(['declined an offer from this landlord on 03/02/2026']);
    expect(rules(aProperty({ partnerId: 21 }), c)).toEqual([]);
  });

  it('the cap reached: one offer, the published guidance', () => {
    expect(messages(aProperty(), aCase({ countedOffers: 1 }))).toEqual(['has had 1 offer, the most the scheme allows (1)']);
    expect(rules(aProperty(), aCase({ countedOffers: 1 }), { ...policy, offerCap: 2 })).toEqual([]);
  });

  it('a live offer elsewhere', () => {
    const c = aCase({ liveOffer: { propertyId: 3, partnerName: 'Brent Council', offeredOn: '2026-02-20' } });
    expect(messages(aProperty(), c)).toEqual(['already has a live offer from Brent Council, made on 20/02/2026']);
  });

  it('pets: allowed, or the applicant would rehome; otherwise left out', () => {
    expect(messages(aProperty({ petsAllowed: false }), aCase({ hasPets: true, wouldRehome: false }))).toEqual([
      'has a pet and would not rehome it; this property does not allow pets',
    ]);
    expect(rules(aProperty({ petsAllowed: false }), aCase({ hasPets: true, wouldRehome: true }))).toEqual([]);
    expect(rules(aProperty({ petsAllowed: true }), aCase({ hasPets: true, wouldRehome: false }))).toEqual([]);
    expect(fitReasons(aProperty({ petsAllowed: false }), aCase({ hasPets: true, wouldRehome: true }), '2026-03-05')).toContain('has a pet: would rehome it');
  });

  it('step-free needs: met by a step-free or wheelchair accessible home, not by stairs', () => {
    expect(messages(aProperty({ access: 'none' }), aCase({ access: 'step_free' }))).toEqual(['needs step-free access; this property is not step-free']);
    expect(rules(aProperty({ access: 'step_free' }), aCase({ access: 'step_free' }))).toEqual([]);
    expect(rules(aProperty({ access: 'wheelchair' }), aCase({ access: 'step_free' }))).toEqual([]);
    expect(messages(aProperty({ access: 'step_free' }), aCase({ access: 'wheelchair' }))).toEqual([
      'needs a wheelchair accessible home; this property is step-free but not wheelchair accessible',
    ]);
    expect(fitReasons(aProperty({ access: 'step_free' }), aCase({ access: 'step_free' }), '2026-03-05')).toContain('needs step-free access: met');
  });

  it('a case that is not circulated', () => {
    expect(messages(aProperty(), aCase({ state: 'approved' }))).toEqual(["the case is 'Approved', not 'Circulated'"]);
  });

  it("the ledger issue's rule: a home landlord at the ledger cap", () => {
    expect(messages(aProperty(), aCase({ homeLandlordAtLedgerCap: true }))).toEqual(['the home landlord has reached the ledger cap of unreciprocated moves']);
  });

  it('every rule that is broken is named, not just the first', () => {
    const c = aCase({ bedrooms: 3, countedOffers: 1, access: 'step_free' });
    expect(rules(aProperty({ borough: 'E09000033' }), c)).toEqual(['offer_cap', 'borough_requested', 'bedrooms', 'access']);
  });

  it('ranks by urgency (longest waiting first), or another documented order', () => {
    const a = aCase({ id: 1, reference: 'PLHR-2026-0003', circulatedOn: '2026-01-10', requestedBoroughs: [BARNET, BRENT, 'E09000007'] });
    const b = aCase({ id: 2, reference: 'PLHR-2026-0001', circulatedOn: '2026-02-01', requestedBoroughs: [BARNET] });
    const c = aCase({ id: 3, reference: 'PLHR-2026-0002', circulatedOn: '2026-01-10', requestedBoroughs: [BARNET, BRENT] });
    const refs = (order: Parameters<typeof compareCases>[0]) => [a, b, c].sort(compareCases(order)).map((x) => x.reference);
    expect(refs('waiting')).toEqual(['PLHR-2026-0002', 'PLHR-2026-0003', 'PLHR-2026-0001']);
    expect(refs('fewest_boroughs')).toEqual(['PLHR-2026-0001', 'PLHR-2026-0002', 'PLHR-2026-0003']);
    expect(refs('reference')).toEqual(['PLHR-2026-0001', 'PLHR-2026-0002', 'PLHR-2026-0003']);
  });
});

describe('the offer cap counts, explicitly', () => {
  it('open, accepted and declined offers count; a landlord withdrawal and a new "fell through" do not', () => {
    const table = OFFER_OUTCOMES.map((o) => [o, countsAgainstCap(o, false), countsAgainstCap(o, true)]);
    expect([['open', countsAgainstCap(null, false), countsAgainstCap(null, true)], ...table]).toEqual([
      ['open', true, true],
      ['accepted', true, true],
      ['declined', true, true],
      ['withdrawn_by_landlord', false, false],
      // Legacy "fell through" rows may have been declines under the counter model: they keep counting.
      ['fell_through', false, true],
      ['not_recorded', true, true],
    ]);
  });

  it('refuses to call a decline "fell through"', () => {
    for (const text of ['Applicant declined at viewing', 'She turned it down', 'refused the offer', "didn't want the ground floor", 'Changed her mind'])
      expect(readsAsApplicantDecline(text), text).toBe(true);
    for (const text of ['Landlord found damp during the void inspection', 'Property failed its gas check', 'Nominating Officer lost contact'])
      expect(readsAsApplicantDecline(text), text).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-based: on random data, matching never proposes a case that breaks a rule, and every case it leaves out
// has an explanation naming a rule it really breaks.
// ---------------------------------------------------------------------------------------------------------------

const CODES = BOROUGHS.map((b) => b.code) as BoroughCode[];
const borough = fc.constantFrom(...CODES.slice(0, 6));
const STATES: CaseState[] = ['approved', 'circulated', 'circulated', 'circulated', 'offer_made', 'offer_declined'];
const date = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));

const propertyArb = fc.record({
  id: fc.integer({ min: 1, max: 100 }),
  partnerId: fc.integer({ min: 1, max: 4 }),
  partnerName: fc.constant('Partner'),
  borough,
  bedrooms: fc.integer({ min: 0, max: 4 }),
  access: fc.constantFrom(...ACCESS_NEEDS),
  petsAllowed: fc.boolean(),
  availableFrom: date,
});

const caseArb = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  reference: fc.integer({ min: 1, max: 9999 }).map((n) => `PLHR-2026-${String(n).padStart(4, '0')}`),
  state: fc.constantFrom(...STATES),
  circulatedOn: fc.option(date, { nil: null }),
  currentBorough: borough,
  requestedBoroughs: fc.uniqueArray(borough, { maxLength: 5 }),
  unsafeBoroughs: fc.uniqueArray(borough, { maxLength: 2 }),
  bedrooms: fc.integer({ min: 0, max: 4 }),
  access: fc.constantFrom(...ACCESS_NEEDS),
  hasPets: fc.boolean(),
  wouldRehome: fc.boolean(),
  homeLandlordId: fc.integer({ min: 1, max: 4 }),
  countedOffers: fc.integer({ min: 0, max: 3 }),
  liveOffer: fc.option(fc.record({ propertyId: fc.constant(1), partnerName: fc.constant('Partner'), offeredOn: date }), { nil: null }),
  declinedLandlords: fc.array(fc.record({ partnerId: fc.integer({ min: 1, max: 4 }), decidedOn: date }), { maxLength: 2 }),
  homeLandlordAtLedgerCap: fc.boolean(),
});

const policyArb = fc.record({
  offerCap: fc.integer({ min: 1, max: 3 }),
  bedroomsFewerAllowed: fc.integer({ min: 0, max: 1 }),
  bedroomsMoreAllowed: fc.integer({ min: 0, max: 1 }),
});

/** Each rule restated independently, as the scheme states it, to check the module against. */
const violates: Record<MatchRule, (p: PropertyFacts, c: CaseFacts, pol: MatchPolicy) => boolean> = {
  circulated: (_p, c) => c.state !== 'circulated',
  borough_requested: (p, c) => !c.requestedBoroughs.includes(p.borough),
  borough_unsafe: (p, c) => c.unsafeBoroughs.includes(p.borough),
  borough_current: (p, c) => p.borough === c.currentBorough,
  bedrooms: (p, c, pol) => p.bedrooms < c.bedrooms - pol.bedroomsFewerAllowed || p.bedrooms > c.bedrooms + pol.bedroomsMoreAllowed,
  live_offer: (_p, c) => c.liveOffer !== null,
  offer_cap: (_p, c, pol) => c.countedOffers >= pol.offerCap,
  declined_landlord: (p, c) => c.declinedLandlords.some((d) => d.partnerId === p.partnerId),
  access: (p, c) => !accessMet(c.access, p.access),
  pets: (p, c) => c.hasPets && !p.petsAllowed && !c.wouldRehome,
  home_landlord_ledger_cap: (_p, c) => c.homeLandlordAtLedgerCap,
};

describe('matching on random data (fast-check)', () => {
  it('never proposes a case that breaks any rule', () => {
    fc.assert(
      fc.property(propertyArb, fc.array(caseArb, { maxLength: 30 }), policyArb, (p, cases, pol) => {
        for (const c of cases.filter((x) => breaches(p, x, pol).length === 0)) {
          for (const rule of MATCH_RULES) expect(violates[rule](p, c, pol), `${rule} for ${c.reference}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('for every case left out, the explanation names a rule it breaks, and only rules it breaks', () => {
    fc.assert(
      fc.property(propertyArb, caseArb, policyArb, (p, c, pol) => {
        const named = breaches(p, c, pol);
        const broken = MATCH_RULES.filter((r) => violates[r](p, c, pol));
        expect(named.map((b) => b.rule).sort()).toEqual([...broken].sort());
        for (const b of named) expect(b.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 500 },
    );
  });
});
