import type { ReferralInput, ReferringAgencyKind, RiskCategory } from '../../../contract/cases';
import type { EnquiryInput } from '../../../contract/enquiries';
import type { DeclineReason, OfferView } from '../../../contract/offers';
import type { PropertyView } from '../../../contract/properties';
import { aReferral } from '../cases/referral-builder';
import { circulate } from '../helpers/circulate';
import type { TestCore } from '../helpers/test-core';

/*
 * A small scheme built through the real registry, as a coordinator would record it: every referral, decision,
 * circulation, offer and move goes through the same channels as the app. Dates are Mondays, so that a wait of w
 * weeks is 7w calendar days and 5w working days, less any bank holiday it spans (the report-year test says which).
 */

export const BOROUGH = {
  barnet: 'E09000003',
  brent: 'E09000005',
  camden: 'E09000007',
  croydon: 'E09000008',
  ealing: 'E09000009',
  enfield: 'E09000010',
  hackney: 'E09000012',
  haringey: 'E09000014',
} as const;

export type Step =
  | ['approve', string]
  | ['landlordDecline', string]
  | ['circulate', string]
  | ['hold', string]
  | ['resume', string]
  | ['offer', string, 'barnet' | 'brent']
  | ['accept', string]
  | ['applicantDecline', string, DeclineReason]
  | ['move', string, number, number]
  | ['housingMoves', string, keyof typeof BOROUGH, number, number]
  | ['withdraw', string]
  // A case the applicant turned an offer down on closes as "offer declined, no further offer", never as "no offer
  // within the time" (the intake rules, issue 7).
  | ['close', string, 'landlord_declined' | 'no_offer_in_time' | 'offer_declined_no_further_offer' | 'withdrawn'];

export interface CaseSpec {
  key: string;
  received: string;
  /** The home landlord; Hackney unless said. A Brent tenant lives in Brent. */
  home?: 'hackney' | 'brent';
  agency?: ReferringAgencyKind;
  risks?: RiskCategory[];
  bedrooms?: number;
  equality?: Partial<{ gender: string; careLeaver: string }>;
  steps: Step[];
}

export interface Partners {
  hackney: number;
  barnet: number;
  brent: number;
}

async function ok<T>(t: TestCore, channel: string, payload: unknown = {}): Promise<T> {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} ${JSON.stringify(payload)} failed: ${res.error?.message} ${JSON.stringify(res.error?.fields ?? {})}`);
  return res.value as T;
}

export async function partners(t: TestCore): Promise<Partners> {
  const make = async (name: string, borough: string) =>
    (
      await ok<{ id: number }>(t, 'partners.create', {
        name,
        type: 'local_authority',
        status: 'active',
        statusChangedOn: '2019-04-01',
        joinedOn: '2019-04-01',
        stockBoroughs: [borough],
        approvalRouteNotes: '',
        contacts: [{ kind: 'named_lead', name: 'Dana Lead', role: 'Lettings', phone: '020 7946 0001', email: 'dana@example.gov.uk', secureEmail: '' }],
      })
    ).id;
  return {
    hackney: await make('Hackney Council', BOROUGH.hackney),
    barnet: await make('Barnet Homes', BOROUGH.barnet),
    brent: await make('Brent Council', BOROUGH.brent),
  };
}

const CAP_REASON = 'Marker cap override: the panel agreed the risk outweighs the balance';

/** Records one case and its history; returns its reference. */
export async function record(t: TestCore, p: Partners, spec: CaseSpec, n: number): Promise<string> {
  const base = aReferral();
  const brentTenant = spec.home === 'brent';
  const referral: ReferralInput = {
    ...base,
    receivedOn: spec.received,
    referringAgency: { ...base.referringAgency, kind: spec.agency ?? 'domestic_abuse_service' },
    applicant: {
      ...base.applicant,
      // A distinct, recognisable name, date of birth and postcode per case: the marker test looks for them.
      fullName: `Marker Applicant ${spec.key}`,
      dateOfBirth: `1980-${String(Math.floor(n / 28) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
      address: { ...base.applicant.address, line1: `Flat ${n}, Marker House`, postcode: `N1 ${n % 10}ZZ` },
    },
    risk: { ...base.risk, categories: spec.risks ?? base.risk.categories, summary: `Marker risk summary ${spec.key}` },
    currentHome: {
      ...base.currentHome,
      homeLandlordPartnerId: brentTenant ? p.brent : p.hackney,
      borough: brentTenant ? BOROUGH.brent : BOROUGH.hackney,
      bedrooms: spec.bedrooms ?? 2,
    },
    requestedBoroughs: brentTenant
      ? [BOROUGH.barnet, BOROUGH.camden, BOROUGH.croydon, BOROUGH.ealing, BOROUGH.enfield]
      : [BOROUGH.barnet, BOROUGH.brent, BOROUGH.camden, BOROUGH.croydon, BOROUGH.ealing],
    consent: { ...base.consent, date: spec.received },
    equality: spec.equality
      ? {
          optedIn: true,
          ageBand: '25_34',
          gender: (spec.equality.gender ?? 'woman') as 'woman',
          ethnicity: 'prefer_not_to_say',
          sexualOrientation: 'prefer_not_to_say',
          transStatus: 'prefer_not_to_say',
          disability: 'prefer_not_to_say',
          careLeaver: (spec.equality.careLeaver ?? 'no') as 'no',
          criminalJusticeContact: 'prefer_not_to_say',
        }
      : { optedIn: false },
  };
  // Hackney's tenants move out far more than Hackney lets in, so the ledger cap (issue 11) is soon reached: as a
  // coordinator would, each case past it records why it goes ahead, at intake or at the first step that checks.
  const home = referral.currentHome.homeLandlordPartnerId;
  const atCap = (await ok<{ status: string }>(t, 'ledger.partnerCap', { partnerId: home })).status === 'at_cap';
  const c = await ok<{ id: number; reference: string }>(t, 'cases.create', {
    ...referral,
    overrides: atCap ? [{ rule: 'ledger_cap', reason: CAP_REASON }] : [],
  });
  const pastCap = async () => {
    if ((await ok<{ blocked: boolean }>(t, 'ledger.caseCap', { caseId: c.id })).blocked)
      await ok(t, 'ledger.overrideCap', { caseId: c.id, reason: CAP_REASON });
  };
  const to = async (state: string, on: string, extra: object = {}) => {
    if (state === 'approved' || state === 'circulated') await pastCap();
    return ok(t, 'cases.transition', { id: c.id, to: state, effectiveOn: on, ...extra });
  };
  let offer: OfferView | null = null;
  for (const step of spec.steps) {
    switch (step[0]) {
      case 'approve':
        await to('awaiting_landlord_approval', spec.received);
        await to('approved', step[1]);
        break;
      case 'landlordDecline':
        await to('awaiting_landlord_approval', spec.received);
        await to('landlord_declined', step[1], { reason: 'Marker landlord reason: rent arrears' });
        break;
      case 'circulate':
        // Sent as from the Circulation panel (issue 9), the pack recorded, on the step's day.
        await pastCap();
        await circulate(t, c.id, { on: step[1] });
        break;
      case 'hold':
        await to('on_hold', step[1], { reason: 'Marker hold reason: in refuge' });
        break;
      case 'resume':
        await to('circulated', step[1]);
        break;
      case 'offer': {
        const landlord = step[2];
        const property = await ok<PropertyView>(t, 'properties.create', {
          partnerId: p[landlord],
          borough: BOROUGH[landlord],
          bedrooms: spec.bedrooms ?? 2,
          propertyType: 'flat',
          floor: 1,
          hasLift: true,
          access: 'none',
          petsAllowed: false,
          weeklyRentPence: 13575,
          tenancyType: 'secure',
          availableFrom: step[1],
          notes: '',
        });
        await pastCap();
        offer = await ok<OfferView>(t, 'offers.make', { propertyId: property.id, caseId: c.id, offeredOn: step[1] });
        break;
      }
      case 'accept':
        await ok(t, 'offers.accept', {
          offerId: offer!.id,
          decidedOn: step[1],
          address: { line1: `Flat ${n}, Marker Court`, line2: '', town: 'London', postcode: 'EN5 1AA' },
        });
        break;
      case 'applicantDecline':
        await ok(t, 'offers.decline', { offerId: offer!.id, decidedOn: step[1], reason: step[2], text: 'Marker decline text: saw the ex nearby' });
        break;
      case 'move':
        await ok(t, 'offers.completeMove', {
          caseId: c.id,
          route: 'reciprocal',
          offerId: offer!.id,
          tenancyStartOn: step[1],
          adults: step[2],
          children: step[3],
        });
        break;
      case 'housingMoves':
        await ok(t, 'offers.completeMove', {
          caseId: c.id,
          route: 'housing_moves',
          receivingBorough: BOROUGH[step[2]],
          tenancyStartOn: step[1],
          adults: step[3],
          children: step[4],
        });
        break;
      case 'withdraw':
        await to('withdrawn', step[1], { reason: 'Marker withdrawal: reconciled' });
        break;
      case 'close':
        await to('closed', step[1], { closureReason: step[2], reason: 'Marker closing note' });
        break;
    }
  }
  return c.reference;
}

/** A manual ledger entry, as the ledger screen records it. */
export interface LedgerSpec {
  partner: keyof Partners;
  kind: 'opening_balance' | 'contribution' | 'correction';
  direction: 'owed' | 'owes';
  amount: number;
  onDate: string;
  reason: string;
}

export async function build(
  t: TestCore,
  specs: readonly CaseSpec[],
  extra: { enquiries?: readonly EnquiryInput[]; ledger?: readonly LedgerSpec[] } = {},
): Promise<Record<string, string>> {
  const p = await partners(t);
  for (const e of extra.ledger ?? []) {
    await ok(t, 'ledger.addEntry', { kind: e.kind, partnerId: p[e.partner], direction: e.direction, amount: e.amount, onDate: e.onDate, reason: e.reason });
  }
  for (const e of extra.enquiries ?? []) await ok(t, 'enquiries.create', e);
  const refs: Record<string, string> = {};
  let n = 0;
  for (const spec of specs) refs[spec.key] = await record(t, p, spec, ++n);
  return refs;
}
