import { BOROUGHS, type BoroughCode } from '../../contract/boroughs';
import { addDays, type IsoDate } from '../../contract/calendar-date';
import {
  AGE_BANDS,
  ETHNICITIES,
  GENDERS,
  PREFER_NOT_TO_SAY,
  RISK_CATEGORIES,
  SEXUAL_ORIENTATIONS,
  YES_NO_PREFER,
  type ReferralInput,
} from '../../contract/cases';
import { ageOn } from '../cases/intake-rules';
import { DECLINE_REASONS } from '../../contract/offers';
import { ENQUIRY_REASONS, OUT_OF_LONDON_SIGNPOSTS, SIGNPOSTS } from '../../contract/enquiries';
import { AGENCIES, addressLine, emailFor, housingAssociationNames, impossiblePostcode, landline, mobile, personName } from './fictional';
import { Random } from './random';
import { PROPORTIONS as P, SCALES, type ScaleName } from './scales';

/*
 * The synthetic scheme (issue 14). Everything goes through the app's own IPC registry, exactly as the renderer
 * calls it, so every rule holds and every change has its audit entry. There is one clock: the generator moves the
 * app's `Today` forward day by day and does each step on its own day, never backdating.
 */

export interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface SchemePort {
  /** `answer: false`: the generator will not read the answer, so main need not make it (main/ipc/answer-later.ts). */
  call(channel: string, payload: unknown, options?: { answer: boolean }): Promise<CallResult>;
  /** Sets the app's today; the generator only ever moves it forward (and waits, where main is another thread). */
  setToday(day: IsoDate): void | Promise<void>;
  /** Circulates a case without a pack (there is no one to answer the save dialog): see `main/demo/demo-circulation.ts`. */
  circulate(caseId: number): Promise<void>;
}

export interface GenerateOptions {
  seed: number;
  scale: ScaleName;
  /** The last day of the scheme, usually the real today, so no date lies in the future. */
  endOn: IsoDate;
  /** A ledger cap other than the scheme's default, set through the policy screen's channel (tests use a low one). */
  ledgerCap?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface GeneratedSummary {
  partners: number;
  enquiries: number;
  referrals: number;
  circulated: number;
  offers: number;
  declines: number;
  moves: { reciprocal: number; housingMoves: number };
  people: number;
  capOverrides: number;
  from: IsoDate;
  to: IsoDate;
}

interface PartnerInfo {
  id: number;
  type: 'local_authority' | 'housing_association';
  boroughs: BoroughCode[];
}

type Plan = 'declined_by_landlord' | 'withdrawn_early' | 'reciprocal' | 'housing_moves' | 'declined_only' | 'waiting' | 'withdrawn_late';

interface CaseInfo {
  id: number;
  plan: Plan;
  home: PartnerInfo;
  current: BoroughCode;
  requested: BoroughCode[];
  bedrooms: number;
  adults: number;
  children: number;
  declinedPartners: Set<number>;
  /** Still circulated with no offer in play: the coordinator reviews such a case before its review falls due. */
  waiting: boolean;
}

type Step = () => Promise<void>;

const ALL_CODES = BOROUGHS.map((b) => b.code) as BoroughCode[];

export async function generateScheme(port: SchemePort, options: GenerateOptions): Promise<GeneratedSummary> {
  const r = new Random(options.seed);
  const scale = SCALES[options.scale];
  const to = options.endOn;
  const from = yearsBefore(to, scale.years);
  const summary: GeneratedSummary = {
    partners: 0,
    enquiries: 0,
    referrals: 0,
    circulated: 0,
    offers: 0,
    declines: 0,
    moves: { reciprocal: 0, housingMoves: 0 },
    people: 0,
    capOverrides: 0,
    from,
    to,
  };

  const ok = async <T>(channel: string, payload: unknown, answer = true): Promise<T> => {
    const res = await port.call(channel, payload, { answer });
    if (!res.ok) throw new Error(`Demo data: ${channel} was refused: ${res.error?.message ?? 'no reason'}`);
    return res.value as T;
  };
  // A step whose answer the generator does not read: a note or a transition answers with the whole case page.
  const act = (channel: string, payload: unknown): Promise<unknown> => ok(channel, payload, false);

  // The agenda: steps keyed by day, run in day order and, within a day, in the order they were planned.
  const agenda = new Map<IsoDate, Step[]>();
  const plan = (day: IsoDate, step: Step) => {
    if (day > to) return;
    const list = agenda.get(day);
    if (list) list.push(step);
    else agenda.set(day, [step]);
  };

  await port.setToday(from);
  if (options.ledgerCap !== undefined) {
    const policy = await ok<Record<string, unknown>>('ledger.getPolicy', {});
    await act('ledger.updatePolicy', { ...policy, cap: options.ledgerCap });
  }
  const days = dayCount(from, to);
  // Progress counts the directory's partners as steps too: on a busy machine they alone take a while.
  const steps = PARTNER_COUNT + days + 1;
  const partners = await makePartners(r, ok, (made) => options.onProgress?.(Math.min(made, PARTNER_COUNT), steps));
  summary.partners = partners.length;
  const stockIn = (b: BoroughCode) => partners.filter((p) => p.boroughs.includes(b));

  const enquiriesTotal = Math.round((scale.enquiriesPerYear * days) / 365);
  const seen = new Set<string>();

  const capGuard = async (c: CaseInfo) => {
    const standing = await ok<{ blocked: boolean }>('ledger.caseCap', { caseId: c.id });
    if (standing.blocked) {
      // The real scheme let a case through a landlord at the cap when the risk demanded it, with the reason kept.
      await act('ledger.overrideCap', { caseId: c.id, reason: 'Risk to life: the panel agreed to go ahead despite the ledger cap' });
      summary.capOverrides++;
    }
  };
  const transition = (c: CaseInfo, to: string, extra: Record<string, unknown> = {}) => act('cases.transition', { id: c.id, to, ...extra });

  const circulate = async (c: CaseInfo, day: IsoDate) => {
    await capGuard(c);
    await transition(c, 'approved');
    plan(addDays(day, r.int(1, 4)), async () => {
      await capGuard(c);
      await port.circulate(c.id);
      summary.circulated++;
      c.waiting = true;
      reviewWhileWaiting(c, today());
      afterCirculation(c, addDays(day, 5));
    });
  };

  const afterCirculation = (c: CaseInfo, day: IsoDate) => {
    switch (c.plan) {
      case 'reciprocal':
      case 'declined_only':
        plan(addDays(day, r.int(20, 200)), () => offer(c));
        return;
      case 'housing_moves':
        plan(addDays(day, r.int(60, 300)), async () => {
          c.waiting = false;
          const borough = r.pick(c.requested);
          await act('offers.completeMove', {
            caseId: c.id,
            route: 'housing_moves',
            receivingBorough: borough,
            tenancyStartOn: today(),
            adults: c.adults,
            children: c.children,
          });
          summary.moves.housingMoves++;
          summary.people += c.adults + c.children;
        });
        return;
      case 'withdrawn_late':
        plan(addDays(day, r.int(30, 240)), () => withdraw(c, 'The applicant no longer needs to move'));
        return;
      case 'waiting':
        plan(addDays(day, r.int(300, 420)), async () => {
          c.waiting = false;
          await transition(c, 'closed', { closureReason: 'no_offer_in_time', reason: 'No offer within the time the scheme allows' });
        });
        return;
      case 'declined_by_landlord':
      case 'withdrawn_early':
        return;
    }
  };

  let currentDay = from;
  const today = () => currentDay;

  /**
   * A withdrawn case is closed a few working days later, as the coordinator does (its "close the case" reminder is
   * due five working days after the withdrawal); left open, the demo showed withdrawn cases overdue by a year.
   */
  const withdraw = async (c: CaseInfo, reason: string) => {
    c.waiting = false;
    await transition(c, 'withdrawn', { reason });
    plan(addDays(today(), r.int(1, 5)), async () => {
      await transition(c, 'closed', { closureReason: 'withdrawn', reason: 'Closed after the applicant withdrew' });
    });
  };

  /**
   * While a circulated case waits for an offer, the coordinator reviews it before its review falls due (65 working
   * days from circulation or the last review, about 13 weeks), so the demo's waiting cases are not all overdue.
   */
  /**
   * Between an accepted offer and the tenancy's start (two to six weeks), the Nominating Officer sends news every week
   * or so, which the coordinator records; without it the case showed "no progress" overdue while the sign-up was
   * being arranged.
   */
  const keepInTouchUntil = (c: CaseInfo, moveOn: IsoDate) => {
    const next = addDays(today(), r.int(6, 11));
    if (next >= moveOn) return;
    plan(next, async () => {
      await act('cases.addNote', { id: c.id, kind: 'no_update', text: r.pick(OFFICER_UPDATES) });
      keepInTouchUntil(c, moveOn);
    });
  };

  const reviewWhileWaiting = (c: CaseInfo, day: IsoDate) => {
    plan(addDays(day, r.int(56, 84)), async () => {
      if (!c.waiting) return;
      await act('cases.addNote', { id: c.id, kind: 'review', text: r.pick(REVIEW_NOTES) });
      reviewWhileWaiting(c, today());
    });
  };

  /** One offer of a property that breaks no matching rule: a partner's home in a borough the applicant asked for. */
  const offer = async (c: CaseInfo): Promise<void> => {
    const choices = c.requested.flatMap((b) =>
      stockIn(b)
        .filter((p) => p.id !== c.home.id && !c.declinedPartners.has(p.id))
        .map((p) => ({ p, b })),
    );
    if (choices.length === 0) return;
    const { p, b } = r.pick(choices);
    c.waiting = false;
    await capGuard(c);
    const property = await ok<{ id: number }>('properties.create', {
      partnerId: p.id,
      borough: b,
      bedrooms: c.bedrooms,
      propertyType: r.pick(['flat', 'flat', 'maisonette', 'house'] as const),
      floor: r.int(0, 6),
      hasLift: r.chance(0.5),
      access: 'none',
      petsAllowed: r.chance(0.3),
      weeklyRentPence: r.int(9000, 19000),
      tenancyType: p.type === 'local_authority' ? 'secure' : 'assured',
      availableFrom: today(),
      notes: '',
    });
    const made = await ok<{ id: number }>('offers.make', { propertyId: property.id, caseId: c.id, offeredOn: today() });
    summary.offers++;
    const viewingOn = addDays(today(), r.int(2, 7));
    await act('offers.bookViewing', { offerId: made.id, viewingOn });
    const declines = c.plan === 'declined_only';
    plan(addDays(viewingOn, r.int(1, 5)), async () => {
      if (declines) {
        await act('offers.decline', { offerId: made.id, decidedOn: today(), reason: r.pick(DECLINE_REASONS.filter((d) => d !== 'other')) });
        summary.declines++;
        c.declinedPartners.add(p.id);
        // The scheme makes one offer: a decline closes the case (the offer cap), as the app's closure rules ask.
        plan(addDays(today(), r.int(3, 10)), async () => {
          await transition(c, 'closed', { closureReason: 'offer_declined_no_further_offer', reason: 'Offer declined; no further offer' });
        });
        return;
      }
      await act('offers.accept', { offerId: made.id, decidedOn: today() });
      const moveOn = addDays(today(), r.int(14, 45));
      keepInTouchUntil(c, moveOn);
      plan(moveOn, async () => {
        await act('offers.completeMove', {
          caseId: c.id,
          route: 'reciprocal',
          offerId: made.id,
          tenancyStartOn: today(),
          adults: c.adults,
          children: c.children,
        });
        summary.moves.reciprocal++;
        summary.people += c.adults + c.children;
      });
    });
  };

  const newReferral = async (day: IsoDate) => {
    const current = r.pick(ALL_CODES.filter((b) => stockIn(b).length > 0));
    const landlords = stockIn(current);
    const home = landlords.find((p) => p.type === 'local_authority' && r.chance(0.6)) ?? r.pick(landlords);
    const unsafe = [
      current,
      ...r.sample(
        ALL_CODES.filter((b) => b !== current),
        r.int(0, 2),
      ),
    ];
    const requested = r.sample(
      ALL_CODES.filter((b) => !unsafe.includes(b) && stockIn(b).length > 0),
      r.int(5, 10),
    );
    // Distinct people: never the same name and date of birth, nor the same date of birth and home landlord (the
    // app would ask whether they are the same person, and a coordinator would expect them to be).
    let name = personName(r);
    let dob = birthDate(r, day);
    while (seen.has(`${name}|${dob}`) || seen.has(`${home.id}|${dob}`)) {
      name = personName(r);
      dob = birthDate(r, day);
    }
    seen.add(`${name}|${dob}`);
    seen.add(`${home.id}|${dob}`);
    const children = r.pick([0, 0, 1, 1, 2, 2, 3, 4]);
    const adults = r.chance(0.85) ? 1 : 2;
    const bedrooms = Math.min(5, Math.max(1, children === 0 ? 1 : Math.ceil(children / 2) + 1));
    const roll = r.next();
    const plan0: Plan =
      roll < P.landlordDeclined ? 'declined_by_landlord' : roll < P.landlordDeclined + P.withdrawnEarly ? 'withdrawn_early' : circulatedPlan(r);
    const agency = r.pick(AGENCIES);
    // The Nominating Officer is a professional, never the applicant (the app refuses that, rightly).
    let officer = personName(r);
    while (officer === name) officer = personName(r);
    const year = Number(day.slice(0, 4));
    const referral: ReferralInput = {
      receivedOn: day,
      referringAgency: { name: agency.name, kind: agency.kind },
      nominatingOfficers: [
        {
          name: officer,
          organisation: agency.name,
          role: r.pick(['IDVA', 'Housing Officer', 'Support Worker']),
          phone: landline(r),
          email: emailFor(officer),
          secureEmail: '',
        },
      ],
      applicant: {
        fullName: name,
        dateOfBirth: dob,
        phone: mobile(r),
        email: r.chance(0.5) ? emailFor(name) : '',
        safeContactNotes: r.pick(['Text first; do not leave voicemails.', 'Contact through the IDVA only.', 'Safe to call weekdays 10am to 2pm.']),
        address: { line1: addressLine(r), line2: '', town: 'London', postcode: impossiblePostcode(r) },
      },
      household: [
        ...Array.from({ length: adults - 1 }, () => ({
          kind: 'adult' as const,
          yearOfBirth: r.int(1955, year - 18),
          sexOrGender: r.pick(['female', 'male'] as const),
        })),
        ...Array.from({ length: children }, () => ({
          kind: 'child' as const,
          yearOfBirth: r.int(year - 16, year),
          sexOrGender: r.pick(['female', 'male'] as const),
        })),
      ],
      risk: {
        categories: r.chance(0.8) ? ['domestic_abuse', ...(r.chance(0.3) ? (['stalking'] as const) : [])] : [r.pick(RISK_CATEGORIES)],
        summary: 'Synthetic demo case: the perpetrator knows the current address.',
        unsafeBoroughs: unsafe,
        maracReference: r.chance(0.6) ? `MARAC-DEMO-${year}-${r.int(100, 999)}` : '',
      },
      currentHome: {
        homeLandlordPartnerId: home.id,
        borough: current,
        bedrooms,
        propertyType: r.pick(['flat', 'flat', 'maisonette', 'house'] as const),
        floor: r.int(0, 8),
        tenancyType: home.type === 'local_authority' ? 'secure' : 'assured',
        overcrowded: false,
        inTemporaryAccommodation: false,
      },
      needs: { access: 'none', medicalNeeds: '', hasPets: false, wouldConsiderRehoming: null },
      requestedBoroughs: requested,
      requestedBoroughsReason: '',
      consent: {
        given: true,
        date: day,
        covers: ['share_with_home_landlord', 'circulate_request', ...(r.chance(0.7) ? (['anonymised_reporting'] as const) : [])],
        notes: '',
      },
      housingMoves: plan0 === 'housing_moves' ? 'yes' : r.pick(['no', 'no', 'not_known'] as const),
      equality: r.chance(P.equality)
        ? {
            optedIn: true,
            // The band the applicant's own date of birth gives, or (as some do) no answer.
            ageBand: r.chance(0.1) ? PREFER_NOT_TO_SAY : ageBand(ageOn(dob, day)),
            gender: r.pick(GENDERS),
            ethnicity: r.pick(ETHNICITIES),
            sexualOrientation: r.pick(SEXUAL_ORIENTATIONS),
            transStatus: r.pick(YES_NO_PREFER),
            disability: r.pick(YES_NO_PREFER),
            careLeaver: r.pick(YES_NO_PREFER),
            criminalJusticeContact: r.pick(YES_NO_PREFER),
          }
        : { optedIn: false },
      overrides: [],
    };
    const atCap = (await ok<{ status: string }>('ledger.partnerCap', { partnerId: home.id })).status === 'at_cap';
    if (atCap) referral.overrides = [{ rule: 'ledger_cap', reason: 'Referred while the home landlord is at the cap: risk to life' }];
    const created = await ok<{ id: number }>('cases.create', referral);
    summary.referrals++;
    const c: CaseInfo = { id: created.id, plan: plan0, home, current, requested, bedrooms, adults, children, declinedPartners: new Set(), waiting: false };
    plan(addDays(day, r.int(1, 3)), async () => {
      if (c.plan === 'withdrawn_early') {
        await withdraw(c, 'The applicant found another way to move');
        return;
      }
      await capGuard(c);
      await transition(c, 'awaiting_landlord_approval');
      const decidedOn = addDays(today(), r.int(5, 20));
      // A landlord slow to decide is chased when the chase falls due (10 working days), as the coordinator does.
      if (decidedOn > addDays(today(), 12)) {
        plan(addDays(today(), 12), async () => {
          await act('cases.recordChase', { id: c.id, who: 'landlord', note: 'Chased the Named Lead for a decision' });
        });
      }
      plan(decidedOn, async () => {
        if (c.plan === 'declined_by_landlord') {
          await transition(c, 'landlord_declined', { reason: 'The landlord does not support the move' });
          plan(addDays(today(), r.int(2, 10)), async () => {
            await transition(c, 'closed', { closureReason: 'landlord_declined', reason: 'The landlord declined' });
          });
          return;
        }
        await circulate(c, today());
      });
    });
  };

  const newEnquiry = async (day: IsoDate) => {
    const reason = r.pick(ENQUIRY_REASONS.filter((e) => e !== 'other'));
    await act('enquiries.create', {
      receivedOn: day,
      agencyKind: r.pick(AGENCIES).kind,
      reason,
      signposting:
        reason === 'out_of_london'
          ? [...OUT_OF_LONDON_SIGNPOSTS]
          : r.sample(
              SIGNPOSTS.filter((s) => s !== 'other'),
              r.int(0, 2),
            ),
      notes: '',
    });
    summary.enquiries++;
  };

  // Spread the enquiries over the working days; each day first does what was planned for it, then what arrived.
  let made = 0;
  for (let i = 0; i <= days; i++) {
    options.signal?.throwIfAborted();
    currentDay = addDays(from, i);
    await port.setToday(currentDay);
    for (const step of agenda.get(currentDay) ?? []) await step();
    agenda.delete(currentDay);
    const weekday = new Date(`${currentDay}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const due = Math.round((enquiriesTotal * (i + 1)) / (days + 1));
    while (made < due) {
      made++;
      if (r.chance(P.referral)) await newReferral(currentDay);
      else await newEnquiry(currentDay);
    }
    options.onProgress?.(PARTNER_COUNT + i + 1, steps);
  }
  return summary;
}

const OFFICER_UPDATES = [
  'Nominating Officer: the sign-up is being arranged with the landlord.',
  'Nominating Officer: removals booked; the applicant is ready to move on the start date.',
  'Nominating Officer: the applicant has viewed again and is preparing to move.',
] as const;

const REVIEW_NOTES = [
  'Reviewed with the Nominating Officer: still at risk, still wants to move; request stays live.',
  'Review: no offer yet; the officer confirms the boroughs requested still stand.',
  'Reviewed: circumstances unchanged; chased the partners with stock in the requested boroughs.',
] as const;

/** A date of birth for an applicant aged 18 to 65 on `on`: old enough to hold a tenancy in their own name. */
function birthDate(r: Random, on: IsoDate): IsoDate {
  // Born in the year `age + 1` years before: whatever the month and day, they are at least `age` on `on`.
  const year = Number(on.slice(0, 4)) - r.int(18, 64) - 1;
  return `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/** The equality form's age band for an age. */
function ageBand(age: number): (typeof AGE_BANDS)[number] {
  if (age < 25) return '16_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}

function circulatedPlan(r: Random): Plan {
  const x = r.next();
  if (x < P.moved * P.housingMoves) return 'housing_moves';
  if (x < P.moved) return 'reciprocal';
  if (x < P.moved + P.declinedOnly) return 'declined_only';
  if (x < P.moved + P.declinedOnly + P.withdrawnLate) return 'withdrawn_late';
  return 'waiting';
}

/** The day after the same date `years` years before `endOn`: exactly `years` years of scheme, ending on `endOn`. */
function yearsBefore(endOn: IsoDate, years: number): IsoDate {
  const y = Number(endOn.slice(0, 4)) - years;
  const md = endOn.slice(5) === '02-29' ? '02-28' : endOn.slice(5);
  return addDays(`${y}-${md}`, 1);
}

function dayCount(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 32 councils and 45 housing associations, as the real scheme had. */
const PARTNER_COUNT = 77;

async function makePartners(r: Random, ok: <T>(channel: string, payload: unknown) => Promise<T>, onMade: (made: number) => void): Promise<PartnerInfo[]> {
  const out: PartnerInfo[] = [];
  const contact = () => {
    const name = personName(r);
    return {
      kind: 'named_lead' as const,
      name,
      role: r.pick(['Housing Needs Manager', 'Lettings Manager', 'Allocations Lead']),
      phone: landline(r),
      email: emailFor(name),
      secureEmail: '',
    };
  };
  // 32 councils: every borough but the City of London, whose few homes come through the associations here.
  for (const b of BOROUGHS.filter((x) => x.code !== 'E09000001')) {
    const name = `London Borough of ${b.name} (demo)`;
    const p = await ok<{ id: number }>('partners.create', {
      name,
      type: 'local_authority',
      status: 'active',
      statusChangedOn: '2015-04-01',
      joinedOn: '2015-04-01',
      stockBoroughs: [b.code],
      approvalRouteNotes: r.pick(['Emergency panel, meets Tuesdays', 'Named Lead decides; panel for four bedrooms or more', '']),
      contacts: [contact(), ...(r.chance(0.4) ? [{ ...contact(), kind: 'lettings' as const }] : [])],
      aliases: r.chance(0.5) ? [`${b.name} Council (demo)`] : [],
    });
    out.push({ id: p.id, type: 'local_authority', boroughs: [b.code as BoroughCode] });
    onMade(out.length);
  }
  // 45 associations: a few large ones across much of London, most with homes in a handful of boroughs.
  for (const name of housingAssociationNames(r)) {
    const spread = r.chance(0.2) ? r.int(10, 25) : r.int(1, 6);
    const boroughs = r.sample(ALL_CODES, spread);
    const p = await ok<{ id: number }>('partners.create', {
      name,
      type: 'housing_association',
      status: 'active',
      statusChangedOn: '2015-04-01',
      joinedOn: '2015-04-01',
      stockBoroughs: boroughs,
      approvalRouteNotes: '',
      contacts: [contact()],
      aliases: r.chance(0.3) ? [name.replace(/ \(demo\)$/, '').split(' ')[0] + ' HA (demo)'] : [],
    });
    out.push({ id: p.id, type: 'housing_association', boroughs });
    onMade(out.length);
  }
  return out;
}
