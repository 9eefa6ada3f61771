import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReferralInput } from '../../../contract/cases';
import { aReferral } from '../cases/referral-builder';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

/*
 * A scheme with cases whose every personal field holds a unique marker, for the retention, erasure and subject access
 * tests. Each case's markers start with its own prefix, so a test can tell one case's data from another's. The
 * markers are single words (a name index splits on spaces), and the phone number, postcode and date of birth are
 * unique too.
 */

export interface Marked {
  id: number;
  reference: string;
  markers: string[];
}

/** The markers of one person; `p` is a three-letter prefix no other case shares. */
export function markersFor(p: string, n: number) {
  return {
    first: `${p}first`,
    surname: `${p}surname`,
    renamed: `${p}renamed`,
    dob: `19${40 + n}-0${1 + n}-1${n}`,
    phone: `07700 90${n}${n}${n}1`,
    email: `${p}mail`,
    safe: `${p}safe`,
    line1: `${p}line`,
    line2: `${p}court`,
    town: `${p}town`,
    postcode: `Q${n}X 7Y${'ABCDEFGH'[n]}`,
    risk: `${p}risk`,
    marac: `${p}marac`,
    medical: `${p}medical`,
    consent: `${p}consent`,
    boroughsWhy: `${p}boroughwhy`,
    note: `${p}note`,
    chase: `${p}chase`,
    reason: `${p}reason`,
    offerText: `${p}offertext`,
    newLine1: `${p}newhome`,
    newPostcode: `Q${n}Z 9W${'ABCDEFGH'[n]}`,
    draft: `${p}draft`,
  };
}
export type Markers = ReturnType<typeof markersFor>;

export function markedReferral(m: Markers, landlordId: number, receivedOn: string): ReferralInput {
  const base = aReferral();
  return {
    ...base,
    receivedOn,
    household: [
      { kind: 'child', yearOfBirth: 2010, sexOrGender: 'female' },
      { kind: 'child', yearOfBirth: 2012, sexOrGender: 'male' },
    ],
    applicant: {
      fullName: `${m.first} ${m.surname}`,
      dateOfBirth: m.dob,
      phone: m.phone,
      email: `${m.email}@example.org`,
      safeContactNotes: `${m.safe} text only`,
      address: { line1: `7 ${m.line1} Road`, line2: `${m.line2} Estate`, town: m.town, postcode: m.postcode },
    },
    risk: { ...base.risk, summary: `${m.risk} former partner waits outside`, maracReference: m.marac },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: landlordId },
    needs: { access: 'none', medicalNeeds: `${m.medical} condition`, hasPets: false, wouldConsiderRehoming: null },
    requestedBoroughsReason: `${m.boroughsWhy} near family`,
    consent: { given: true, date: receivedOn, covers: ['share_with_home_landlord', 'circulate_request'], notes: `${m.consent} by phone` },
  };
}

export interface RightsWorld {
  t: TestCore;
  /** A folder outside the data folder for the files the coordinator saves. */
  outside: string;
  cleanup(): void;
  setToday(day: string): void;
  partnerId: number;
  /** The landlord whose homes are offered: a move from the home landlord to it is booked in the ledger. */
  receivingPartnerId: number;
  call: TestCore['call'];
  ok<T>(channel: string, payload?: unknown): Promise<T>;
}

export async function rightsWorld(start: string): Promise<RightsWorld> {
  let today = start;
  const t = createTestCore({ today: () => today });
  await setUp(t);
  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const res = await t.call(channel, payload);
    if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
    return res.value as T;
  };
  const partner = await ok<{ id: number }>('partners.create', {
    name: 'Hackney Council',
    type: 'local_authority',
    status: 'active',
    statusChangedOn: '2015-04-01',
    joinedOn: '2015-04-01',
    stockBoroughs: ['E09000012', 'E09000003'],
    approvalRouteNotes: '',
    contacts: [{ kind: 'named_lead', name: 'Dana Lead', role: 'Lettings Manager', phone: '020 7946 0001', email: 'dana@example.gov.uk', secureEmail: '' }],
  });
  const receiving = await ok<{ id: number }>('partners.create', {
    name: 'Barnet Homes',
    type: 'housing_association',
    status: 'active',
    statusChangedOn: '2015-04-01',
    joinedOn: '2015-04-01',
    stockBoroughs: ['E09000003'],
    approvalRouteNotes: '',
    contacts: [{ kind: 'named_lead', name: 'Lee Lead', role: 'Lettings Manager', phone: '020 7946 0002', email: 'lee@example.org', secureEmail: '' }],
  });
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-rights-out-'));
  const cleanup = () => {
    t.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  };
  return { t, outside, cleanup, setToday: (d) => (today = d), partnerId: partner.id, receivingPartnerId: receiving.id, call: t.call, ok };
}

/**
 * A case taken through its whole life on `day` with a marker in every free-text place: an edit with a new name, a
 * note, a chase, boroughs added with a note, an offer declined with words, a hold with a reason, a withdrawal with a
 * reason, a draft, then closed (`closed`), or left open (`open`), or moved to a home whose address is recorded and
 * closed (`moved`). Returns the case and the markers it should hold.
 */
export async function aMarkedCase(w: RightsWorld, p: string, n: number, day: string, end: 'open' | 'closed' | 'moved'): Promise<Marked & { m: Markers }> {
  w.setToday(day);
  const m = markersFor(p, n);
  const created = await w.ok<{ id: number; reference: string }>('cases.create', markedReferral(m, w.partnerId, day));
  const id = created.id;
  const edited = markedReferral(m, w.partnerId, day);
  edited.applicant = { ...edited.applicant, fullName: `${m.renamed} ${m.surname}` };
  await w.ok('cases.update', { id, referral: edited, reason: `Name corrected, ${m.reason}` });
  for (const to of ['awaiting_landlord_approval', 'approved']) await w.ok('cases.transition', { id, to });
  // Circulated with a pack, so that the circulation record (and who received it) is part of the case.
  const plan = await w.ok<{ planKey: string }>('circulation.plan', { caseId: id });
  w.t.dialogs.save.push(path.join(w.outside, `pack-${p}.pdf`));
  await w.ok('circulation.send', { caseId: id, encrypt: false, planKey: plan.planKey });
  await w.ok('cases.addNote', { id, kind: 'note', text: `Spoke to ${m.note} on ${m.phone}` });
  await w.ok('cases.recordChase', { id, who: 'nominating_officer', note: `${m.chase} chased` });
  await w.ok('cases.addBoroughs', { id, boroughs: ['E09000033'], note: `${m.reason} asked for Westminster` });
  const property = {
    partnerId: w.receivingPartnerId,
    borough: 'E09000003',
    bedrooms: 2,
    propertyType: 'flat',
    floor: 2,
    hasLift: true,
    access: 'none',
    petsAllowed: false,
    weeklyRentPence: 12550,
    tenancyType: 'secure',
    availableFrom: day,
    notes: 'Keys with the estate office',
  };
  const home = await w.ok<{ id: number }>('properties.create', property);
  const offer = await w.ok<{ id: number }>('offers.make', { propertyId: home.id, caseId: id, offeredOn: day });
  // A move needs an offer left to make: the first offer falls through (it does not count against the cap).
  if (end === 'moved') await w.ok('offers.fellThrough', { offerId: offer.id, decidedOn: day, text: `${m.offerText} lost the keys` });
  else await w.ok('offers.decline', { offerId: offer.id, decidedOn: day, reason: 'other', text: `${m.offerText} near the old block` });
  await w.ok('drafts.save', { key: `case:${id}:edit`, body: JSON.stringify({ fullName: `${m.draft} ${m.surname}`, postcode: m.postcode }) });
  if (end === 'moved') {
    // A second home, accepted with its address (the applicant's new, safe address); completing the move closes the case.
    const second = await w.ok<{ id: number }>('properties.create', property);
    const accepted = await w.ok<{ id: number }>('offers.make', { propertyId: second.id, caseId: id, offeredOn: day });
    await w.ok('offers.accept', {
      offerId: accepted.id,
      decidedOn: day,
      address: { line1: `1 ${m.newLine1} Way`, line2: '', town: m.town, postcode: m.newPostcode },
    });
    await w.ok('offers.completeMove', { caseId: id, route: 'reciprocal', offerId: accepted.id, tenancyStartOn: day, adults: 1, children: 2 });
    return { id, reference: created.reference, markers: Object.values(m), m };
  }
  await w.ok('cases.transition', { id, to: 'on_hold', reason: `${m.reason} in refuge` });
  if (end === 'closed') {
    await w.ok('cases.transition', { id, to: 'withdrawn', reason: `${m.first} moved in with family at ${m.town}` });
    await w.ok('cases.transition', { id, to: 'closed', closureReason: 'withdrawn' });
  }
  // The new home's address is recorded only on a move.
  const markers = Object.values(m).filter((v) => v !== m.newLine1 && v !== m.newPostcode);
  return { id, reference: created.reference, markers, m };
}
