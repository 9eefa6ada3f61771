// Migration 009-offers (main/db/migrations/009-offers.ts): properties, offers and moves replace the offer counter.
import { afterEach, describe, expect, it } from 'vitest';
import { referralSchema, type CaseState } from '../../../contract/cases';
import { createCase, transitionCase, type CaseEnv } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { latestVersion, migrate, schemaVersion } from '../../../main/db/migrate';
import { m004Offers } from '../../../main/db/migrations/009-offers';
import { caseOffers } from '../../../main/offers/offer-board';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';

const env: CaseEnv = { today: '2026-03-02', policy: { ...DEFAULT_CASE_POLICY, offerCap: 3 } };

type Step = { to: CaseState; reason?: string; closureReason?: 'moved' };
const START: Step[] = [{ to: 'awaiting_landlord_approval' }, { to: 'approved' }, { to: 'circulated' }];

/** One case per path through the old offer states, as the counter model recorded them. */
const PATHS: Record<string, Step[]> = {
  offered: [...START, { to: 'offer_made' }],
  viewing: [...START, { to: 'offer_made' }, { to: 'viewing' }],
  accepted: [...START, { to: 'offer_made' }, { to: 'viewing' }, { to: 'offer_accepted' }],
  declined: [...START, { to: 'offer_made' }, { to: 'offer_declined', reason: 'Too close to the perpetrator’s family' }],
  fellThroughThenOffered: [...START, { to: 'offer_made' }, { to: 'circulated', reason: 'Landlord found damp' }, { to: 'offer_made' }],
  declinedRecirculated: [...START, { to: 'offer_made' }, { to: 'offer_declined', reason: 'No lift' }, { to: 'circulated' }],
  moved: [...START, { to: 'offer_made' }, { to: 'offer_accepted' }, { to: 'moved' }],
  closedMoved: [...START, { to: 'offer_made' }, { to: 'offer_accepted' }, { to: 'moved' }, { to: 'closed', closureReason: 'moved' }],
  heldAtViewing: [...START, { to: 'offer_made' }, { to: 'viewing' }, { to: 'on_hold', reason: 'In hospital' }],
  withdrawnWhileOffered: [...START, { to: 'offer_made' }, { to: 'withdrawn', reason: 'Reconciled' }],
  neverOffered: [...START],
};

describe('migration 009-offers', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('rebuilds every offer and move of cases in every offer state, losing nothing', () => {
    t = openTestDb({ to: m004Offers.version - 1 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    const ids: Record<string, number> = {};
    // One applicant per path: the intake rules refuse a second open case for the same person.
    for (const [n, [name, steps]] of Object.entries(PATHS).entries()) {
      const referral = referralSchema.parse({
        ...aReferral(),
        applicant: aDistinctApplicant(n + 1),
        currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
      });
      const { id } = change((tx) => createCase(tx, referral, env));
      for (const s of steps) change((tx) => transitionCase(tx, { id, ...s }, env));
      ids[name] = id;
    }
    // A case whose counter knows of an offer the timeline does not (older data): kept, and still counted.
    const { id: counted } = change((tx) =>
      createCase(
        tx,
        referralSchema.parse({
          ...aReferral(),
          applicant: aDistinctApplicant(99),
          currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
        }),
        env,
      ),
    );
    t.db.prepare("UPDATE cases SET state = 'circulated', circulated_on = '2026-03-02', offers_made = 1 WHERE id = ?").run([counted]);
    const before = t.db.prepare('SELECT id, state, closure_reason, offers_made FROM cases ORDER BY id').all();
    const eventsBefore = t.db.prepare('SELECT count(*) FROM case_events', { pluck: true }).get();

    // To the latest version: the offers are read back through today's code, which reads today's schema.
    migrate(t.db);
    expect(schemaVersion(t.db)).toBe(latestVersion());

    // Cases themselves are untouched: same states, closure reasons and cap counts; the timeline is as it was.
    expect(t.db.prepare('SELECT id, state, closure_reason, offers_made FROM cases ORDER BY id').all()).toEqual(before);
    expect(t.db.prepare('SELECT count(*) FROM case_events', { pluck: true }).get()).toBe(eventsBefore);

    const offers = (name: string) => caseOffers(t.db, ids[name] as number, env.today, 3);
    const outcomes = (name: string) =>
      offers(name)
        .offers.map((o) => o.outcome)
        .reverse();

    expect(outcomes('neverOffered')).toEqual([]);
    expect(outcomes('offered')).toEqual([null]);
    expect(offers('offered').offers[0]).toMatchObject({ stage: 'offered', legacy: true, propertyId: null, partnerId: null });
    expect(offers('offered').offers[0]?.missing).toEqual(['which landlord made the offer', 'the property (recorded before properties were tracked)']);
    expect(offers('viewing').offers[0]).toMatchObject({ outcome: null, viewingOn: '2026-03-02' });
    expect(outcomes('accepted')).toEqual(['accepted']);
    expect(outcomes('declined')).toEqual(['declined']);
    expect(offers('declined').offers[0]).toMatchObject({
      declineReason: 'other',
      outcomeText: 'Too close to the perpetrator’s family',
      countsAgainstCap: true,
    });
    expect(outcomes('fellThroughThenOffered')).toEqual(['fell_through', null]);
    expect(offers('fellThroughThenOffered').offers[1]).toMatchObject({ outcomeText: 'Landlord found damp', countsAgainstCap: true });
    expect(outcomes('declinedRecirculated')).toEqual(['declined']);
    expect(outcomes('heldAtViewing')).toEqual([null]);
    expect(outcomes('withdrawnWhileOffered')).toEqual(['fell_through']);

    // Moves get their own row, pointing at the accepted offer, with the facts still to be asked for.
    for (const name of ['moved', 'closedMoved']) {
      const o = offers(name);
      expect(o.offers.map((x) => x.outcome)).toEqual(['accepted']);
      expect(o.move).toMatchObject({ route: 'reciprocal', offerId: o.offers[0]?.id, homePartnerId: landlord, legacy: true, tenancyStartOn: null });
      expect(o.move?.missing).toEqual([
        'the landlord that let the new home',
        'the borough moved to',
        'the tenancy start date',
        'the number of adults and children who moved',
      ]);
    }

    // The counter's extra offer is kept as "outcome not recorded", and still counts against the cap.
    expect(caseOffers(t.db, counted, env.today, 3).offers).toMatchObject([{ outcome: 'not_recorded', countsAgainstCap: true, legacy: true }]);

    // Every case's cached count equals its counted rows: the cap stands exactly where it stood.
    const mismatched = t.db
      .prepare(
        `SELECT c.id FROM cases c WHERE c.offers_made <> (SELECT count(*) FROM offers o WHERE o.case_id = c.id
           AND (o.outcome IS NULL OR o.outcome = 'accepted' OR o.outcome = 'declined' OR o.outcome = 'not_recorded' OR (o.outcome = 'fell_through' AND o.legacy = 1)))`,
      )
      .all();
    expect(mismatched).toEqual([]);
  });

  it('refuses rows that break the model: an address before acceptance, a decline without a reason, two open offers', () => {
    // At today's schema: the case is made by today's code, and these rules must still hold after every later migration.
    t = openTestDb();
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    const referral = referralSchema.parse({ ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord } });
    const { id } = change((tx) => createCase(tx, referral, env));
    const offer = (extra: string, values: string) =>
      t.db.exec(
        `INSERT INTO offers (case_id, legacy, offered_on, stage_entered_on, created_at, updated_at${extra}) VALUES (${id}, 1, '2026-03-02', '2026-03-02', 'x', 'x'${values})`,
      );
    expect(() => offer(', address_line1', ", '1 Road'")).toThrow(/CHECK/);
    expect(() => offer(', outcome, decided_on', ", 'declined', '2026-03-03'")).toThrow(/CHECK/);
    expect(() => offer(', outcome, decided_on', ", 'fell_through', '2026-03-03'")).toThrow(/CHECK/);
    expect(() =>
      t.db.exec(
        `INSERT INTO offers (case_id, legacy, offered_on, stage_entered_on, created_at, updated_at) VALUES (${id}, 0, '2026-03-02', '2026-03-02', 'x', 'x')`,
      ),
    ).toThrow(/CHECK/);
    offer('', '');
    expect(() => offer('', '')).toThrow(/UNIQUE/);
    expect(() =>
      t.db.exec(`INSERT INTO moves (case_id, route, home_partner_id, legacy, created_at, actor) VALUES (${id}, 'housing_moves', ${landlord}, 0, 'x', 'y')`),
    ).toThrow(/CHECK/);
  });
});
