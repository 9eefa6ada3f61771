import type { ReferralInput } from '../../../contract/cases';
import type { CaseCapStanding } from '../../../contract/ledger';
import type { OfferView } from '../../../contract/offers';
import type { PropertyView } from '../../../contract/properties';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { circulate, CirculateRefused } from '../helpers/circulate';
import type { TestCore } from '../helpers/test-core';

/*
 * The ledger's test world, built through the real registry as the renderer would: partners with stock in one
 * borough each, and cases taken all the way to a completed move.
 */

export const BOROUGH = { hackney: 'E09000012', barnet: 'E09000003', brent: 'E09000005', camden: 'E09000007', croydon: 'E09000008' } as const;

export class LedgerWorld {
  /** How many referrals this world has made: each is a different person, or the intake rules would refuse it as a possible duplicate. */
  private applicants = 0;

  constructor(public t: TestCore) {}

  async ok<T>(channel: string, payload: unknown = {}): Promise<T> {
    const res = await this.t.call(channel, payload);
    if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
    return res.value as T;
  }

  async refused(channel: string, payload: unknown): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
    const res = await this.t.call(channel, payload);
    if (res.ok) throw new Error(`${channel} should have been refused`);
    return res.error!;
  }

  get db() {
    return this.t.core.services.db();
  }

  async partner(name: string, boroughs: string[]): Promise<number> {
    const p = await this.ok<{ id: number }>('partners.create', {
      name,
      type: boroughs.length > 1 ? 'housing_association' : 'local_authority',
      status: 'active',
      statusChangedOn: '2019-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: boroughs,
      approvalRouteNotes: '',
      contacts: [{ kind: 'named_lead', name: 'Dana Lead', role: 'Lettings', phone: '020 7946 0001', email: 'dana@example.gov.uk', secureEmail: '' }],
    });
    return p.id;
  }

  /** A referral from the home landlord's tenant in Hackney, asking for five boroughs. */
  async referral(homeId: number, over: Partial<ReferralInput> = {}, capReason?: string): Promise<{ id: number; reference: string }> {
    const base = aReferral({ applicant: aDistinctApplicant(this.applicants++), ...over });
    return this.ok('cases.create', {
      ...base,
      currentHome: { ...base.currentHome, homeLandlordPartnerId: homeId },
      overrides: capReason ? [{ rule: 'ledger_cap', reason: capReason }] : [],
    });
  }

  async approve(caseId: number, on = '2026-03-02') {
    await this.ok('cases.transition', { id: caseId, to: 'awaiting_landlord_approval', effectiveOn: on });
    return this.t.call('cases.transition', { id: caseId, to: 'approved', effectiveOn: on });
  }

  /** Sends the pack as the Circulation panel does (issue 9), on the day given; answers as `t.call` would. */
  async circulate(caseId: number, on = '2026-03-03'): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    try {
      await circulate(this.t, caseId, { on });
      return { ok: true };
    } catch (err) {
      if (err instanceof CirculateRefused) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
  }

  caseCap(caseId: number) {
    return this.ok<CaseCapStanding>('ledger.caseCap', { caseId });
  }

  /** Approves and circulates, overriding the cap on the way if the home landlord is at it. */
  async circulated(caseId: number, overrideReason = 'Risk to life: the panel agreed to go ahead'): Promise<void> {
    if ((await this.caseCap(caseId)).blocked) await this.ok('ledger.overrideCap', { caseId, reason: overrideReason });
    const a = await this.approve(caseId);
    if (!a.ok) throw new Error(`approve failed: ${a.error?.message}`);
    const c = await this.circulate(caseId);
    if (!c.ok) throw new Error(`circulate failed: ${c.error?.message}`);
  }

  async property(partnerId: number, borough: string, bedrooms = 2): Promise<PropertyView> {
    return this.ok<PropertyView>('properties.create', {
      partnerId,
      borough,
      bedrooms,
      propertyType: 'flat',
      floor: 1,
      hasLift: true,
      access: 'none',
      petsAllowed: false,
      weeklyRentPence: 12000,
      tenancyType: 'secure',
      availableFrom: '2026-03-03',
      notes: '',
    });
  }

  /** Offer, acceptance and the completed reciprocal move. */
  async moveInto(caseId: number, receivingId: number, borough: string, on = '2026-03-05', bedrooms = 2): Promise<number> {
    const p = await this.property(receivingId, borough, bedrooms);
    const offer = await this.ok<OfferView>('offers.make', { propertyId: p.id, caseId, offeredOn: '2026-03-04' });
    await this.ok('offers.accept', { offerId: offer.id, decidedOn: '2026-03-04' });
    const move = await this.ok<{ id: number }>('offers.completeMove', { caseId, route: 'reciprocal', tenancyStartOn: on, adults: 1, children: 2 });
    return move.id;
  }

  /** A whole reciprocal move from one partner's tenant into another partner's home. */
  async move(
    homeId: number,
    receivingId: number,
    borough: string,
    on = '2026-03-05',
    bedrooms = 2,
  ): Promise<{ caseId: number; reference: string; moveId: number }> {
    const c = await this.referral(
      homeId,
      { currentHome: { ...aReferral().currentHome, bedrooms } },
      (await this.partnerAtCap(homeId)) ? 'Referred while at the cap' : undefined,
    );
    await this.circulated(c.id);
    const moveId = await this.moveInto(c.id, receivingId, borough, on, bedrooms);
    return { caseId: c.id, reference: c.reference, moveId };
  }

  async partnerAtCap(partnerId: number): Promise<boolean> {
    return (await this.ok<{ status: string }>('ledger.partnerCap', { partnerId })).status === 'at_cap';
  }

  /** Every table the ledger writes, to show a refused call changed nothing. */
  snapshot() {
    return {
      entries: this.db.prepare('SELECT * FROM ledger_entries ORDER BY id').all(),
      overrides: this.db.prepare('SELECT * FROM case_overrides ORDER BY id').all(),
      cases: this.db.prepare('SELECT id, state FROM cases ORDER BY id').all(),
      audit: this.db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get(),
    };
  }
}
