import { z } from 'zod';
import { boroughCodeSchema, type BoroughCode } from './boroughs';
import type { IsoDate } from './calendar-date';
import { isoDateSchema, optionalText, postcodeSchema, requiredText, type CaseState } from './cases';
import { propertyIdSchema, type PropertyView } from './properties';

/*
 * Offers, matching and moves (issue 10): the shapes that cross IPC. Rules live in main/offers/.
 */

// --- Matching rules ------------------------------------------------------------------------------------------

/**
 * Every rule a case must pass for a property to be offered. `home_landlord_ledger_cap` is the ledger issue's
 * (issue 11): it is evaluated like any other rule from a fact that the ledger supplies.
 */
export const MATCH_RULES = [
  'circulated',
  'borough_requested',
  'borough_unsafe',
  'borough_current',
  'bedrooms',
  'live_offer',
  'offer_cap',
  'declined_landlord',
  'access',
  'pets',
  'home_landlord_ledger_cap',
] as const;
export type MatchRule = (typeof MATCH_RULES)[number];
export const matchRuleSchema = z.enum(MATCH_RULES);

export const MATCH_RULE_LABELS: Readonly<Record<MatchRule, string>> = {
  circulated: 'Request circulated',
  borough_requested: 'Requested borough',
  borough_unsafe: 'Not an unsafe borough',
  borough_current: 'Not the current borough',
  bedrooms: 'Bedrooms',
  live_offer: 'No other live offer',
  offer_cap: 'Under the offer cap',
  declined_landlord: 'Not declined by this landlord before',
  access: 'Access needs met',
  pets: 'Pets',
  home_landlord_ledger_cap: 'Home landlord within the ledger cap',
};

export interface RuleBreach {
  rule: MatchRule;
  /** Plain words, e.g. "needs 3 bedrooms; this has 2". */
  message: string;
}

export const MATCH_ORDERS = ['waiting', 'fewest_boroughs', 'reference'] as const;
export type MatchOrder = (typeof MATCH_ORDERS)[number];
export const MATCH_ORDER_LABELS: Readonly<Record<MatchOrder, string>> = {
  waiting: 'Urgency: longest waiting since circulation first',
  fewest_boroughs: 'Fewest boroughs requested first (fewest other chances)',
  reference: 'Case reference',
};

export interface CaseCandidate {
  caseId: number;
  reference: string;
  rank: number;
  circulatedOn: IsoDate | null;
  /** Plain reasons for the rank and the fit: "waiting 94 days since circulation", "needs step-free access: met". */
  reasons: string[];
}

export interface LeftOutCase {
  caseId: number;
  reference: string;
  breaches: RuleBreach[];
}

/**
 * Where the next page of candidate cases starts: the last case listed, in the rank order's own terms (a keyset, so a
 * page costs the same however many cases there are). `rank` is that case's rank, so the next page carries on from it.
 */
export const candidateCursorSchema = z.strictObject({
  requested: z.number().int().min(0).max(40),
  circulatedOn: z
    .string()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/),
  reference: z.string().min(1).max(40),
  rank: z.number().int().min(0).max(10_000_000),
});
export type CandidateCursor = z.output<typeof candidateCursorSchema>;

export interface PropertyMatches {
  property: PropertyView;
  order: MatchOrder;
  /** One page of the cases it could house, ranked (ranks carry on across pages). */
  candidates: CaseCandidate[];
  /** Where the next page starts, or null when this page is the last. */
  candidatesNext: CandidateCursor | null;
  /**
   * One page of the circulated cases that requested this borough but break a rule, each with every rule it breaks,
   * in the order the cases were recorded.
   */
  leftOut: LeftOutCase[];
  /** The id of the last case listed, to ask for the next page from; null when there are no more. */
  leftOutNext: number | null;
  /** Circulated cases that requested this borough (the candidates and these left-out cases together). */
  requestingBorough: number;
  /** Circulated cases that did not request this borough at all (one rule, so only counted). */
  notRequestingBorough: number;
}

export interface PropertyCandidate {
  property: PropertyView;
  rank: number;
  reasons: string[];
}

/** Where the next page of a case's left-out properties starts: first those in a requested borough, then the rest. */
export const propertyCursorSchema = z.strictObject({
  phase: z.enum(['requested', 'other']),
  /** The id of the last property listed in this phase; 0 for the phase's start. */
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type PropertyCursor = z.output<typeof propertyCursorSchema>;

export interface CaseMatches {
  caseId: number;
  reference: string;
  state: CaseState;
  /** Why the case cannot take any offer now (e.g. not circulated, cap reached): rules that no property can change. */
  caseBreaches: RuleBreach[];
  candidates: PropertyCandidate[];
  /**
   * One page of the available properties left out for this case, each with every rule it breaks: those in a
   * requested borough first, then the rest, each group in the order recorded.
   */
  leftOut: { property: PropertyView; breaches: RuleBreach[] }[];
  /** Where the next page starts, or null when there are no more. */
  leftOutNext: PropertyCursor | null;
  /** Every available property left out for this case (all of them, not just this page). */
  leftOutTotal: number;
}

export interface MatchExplanation {
  caseId: number;
  reference: string;
  propertyId: number;
  matches: boolean;
  breaches: RuleBreach[];
  reasons: string[];
}

// --- Offers --------------------------------------------------------------------------------------------------

export const OFFER_OUTCOMES = ['accepted', 'declined', 'withdrawn_by_landlord', 'fell_through', 'not_recorded'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];
export const OFFER_OUTCOME_LABELS: Readonly<Record<OfferOutcome, string>> = {
  accepted: 'Accepted',
  declined: 'Declined by the applicant',
  withdrawn_by_landlord: 'Withdrawn by the landlord',
  fell_through: 'Fell through',
  not_recorded: 'Outcome not recorded (before properties were tracked)',
};

export const DECLINE_REASONS = [
  'area_not_safe',
  'too_far_from_support',
  'schools_or_work',
  'property_size_or_layout',
  'property_condition',
  'access_or_medical',
  'rent_not_affordable',
  'no_longer_wants_to_move',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, string>> = {
  area_not_safe: 'Does not feel safe in the area',
  too_far_from_support: 'Too far from family or support',
  schools_or_work: 'Schools or work',
  property_size_or_layout: 'Size or layout of the property',
  property_condition: 'Condition of the property',
  access_or_medical: 'Access or medical needs not met',
  rent_not_affordable: 'Rent not affordable',
  no_longer_wants_to_move: 'No longer wants to move',
  other: 'Another reason (explain)',
};

/** The stages of the Offers board, in order. */
export const OFFER_STAGES = ['offered', 'viewing_booked', 'awaiting_decision', 'accepted', 'awaiting_move'] as const;
export type OfferStage = (typeof OFFER_STAGES)[number];
export const OFFER_STAGE_LABELS: Readonly<Record<OfferStage, string>> = {
  offered: 'Offered',
  viewing_booked: 'Viewing booked',
  awaiting_decision: 'Awaiting decision',
  accepted: 'Accepted',
  awaiting_move: 'Awaiting move',
};

export const MOVE_ROUTES = ['reciprocal', 'housing_moves', 'other'] as const;
export type MoveRoute = (typeof MOVE_ROUTES)[number];
export const MOVE_ROUTE_LABELS: Readonly<Record<MoveRoute, string>> = {
  reciprocal: 'Reciprocal offer',
  housing_moves: 'Housing Moves pathway',
  other: 'Other route',
};

const id = (what: string) =>
  z
    .number({ error: `Choose ${what}` })
    .int()
    .positive();
const offerId = id('an offer');
const caseId = id('a case');
// Not after today is checked in main against the app's today (main/offers/past-dates.ts): one clock.
const pastDate = (message: string) => isoDateSchema(message);

export const makeOfferSchema = z.strictObject({
  propertyId: propertyIdSchema,
  caseId,
  offeredOn: pastDate('Enter the date the offer was made'),
  /** Required when a matching rule is broken: the coordinator's reason for going past it. */
  overrideReason: optionalText(2000),
});
export type MakeOfferRequest = z.input<typeof makeOfferSchema>;

export const bookViewingSchema = z.strictObject({
  offerId,
  viewingOn: isoDateSchema('Enter the date of the viewing'),
});
export type BookViewingRequest = z.input<typeof bookViewingSchema>;

const addressLine = (message: string) => requiredText(message, 200);

export const acceptOfferSchema = z.strictObject({
  offerId,
  decidedOn: pastDate('Enter the date the applicant accepted'),
  /** Recorded only now, and only inside the store. Optional: it often comes later, with the sign-up. */
  address: z
    .strictObject({ line1: addressLine('Enter the first line of the address'), line2: optionalText(200), town: optionalText(100), postcode: postcodeSchema })
    .optional(),
  plannedStartOn: isoDateSchema('Enter the planned tenancy start date').optional(),
});
export type AcceptOfferRequest = z.input<typeof acceptOfferSchema>;

export const declineOfferSchema = z.strictObject({
  offerId,
  decidedOn: pastDate('Enter the date the applicant declined'),
  reason: z.enum(DECLINE_REASONS, { error: () => 'Choose why the applicant declined' }),
  text: optionalText(2000),
});
export type DeclineOfferRequest = z.input<typeof declineOfferSchema>;

export const withdrawOfferSchema = z.strictObject({
  offerId,
  decidedOn: pastDate('Enter the date the landlord withdrew the offer'),
  text: optionalText(2000),
});
export type WithdrawOfferRequest = z.input<typeof withdrawOfferSchema>;

export const fellThroughSchema = z.strictObject({
  offerId,
  decidedOn: pastDate('Enter the date the offer fell through'),
  text: requiredText('Explain why the offer fell through', 2000),
});
export type FellThroughRequest = z.input<typeof fellThroughSchema>;

export const completeMoveSchema = z.strictObject({
  caseId,
  route: z.enum(['reciprocal', 'housing_moves'], { error: () => 'Choose the route of the move' }),
  /** For a reciprocal move: the accepted offer. */
  offerId: offerId.optional(),
  /** For a Housing Moves move: the borough the household moved to. */
  receivingBorough: boroughCodeSchema.optional(),
  tenancyStartOn: pastDate('Enter the tenancy start date'),
  adults: z
    .number({ error: 'Enter the number of adults who moved' })
    .int('Enter a whole number')
    .min(1, 'At least one adult moves')
    .max(20, 'Enter 20 or fewer'),
  children: z
    .number({ error: 'Enter the number of children who moved' })
    .int('Enter a whole number')
    .min(0, 'Enter 0 if no children moved')
    .max(20, 'Enter 20 or fewer'),
});
export type CompleteMoveRequest = z.input<typeof completeMoveSchema>;

/** The facts an offer or move recorded before properties were tracked is missing, given by the coordinator. */
export const completeLegacyOfferSchema = z.strictObject({ offerId, partnerId: id('the landlord that made the offer') });
export const completeLegacyMoveSchema = z.strictObject({
  moveId: id('a move'),
  receivingPartnerId: id('the landlord that let the new home'),
  receivingBorough: boroughCodeSchema,
  tenancyStartOn: pastDate('Enter the tenancy start date'),
  adults: completeMoveSchema.shape.adults,
  children: completeMoveSchema.shape.children,
});

export const offerPolicySchema = z.strictObject({
  bedroomsFewerAllowed: z.number({ error: 'Enter 0 or 1' }).int().min(0, 'Enter 0 or 1').max(1, 'Enter 0 or 1'),
  bedroomsMoreAllowed: z.number({ error: 'Enter 0 or 1' }).int().min(0, 'Enter 0 or 1').max(1, 'Enter 0 or 1'),
  staleAfterDays: z.number({ error: 'Enter a number of days' }).int('Enter a whole number of days').min(1, 'At least 1 day').max(180, 'At most 180 days'),
});
export type OfferPolicy = z.output<typeof offerPolicySchema>;

// --- Views ---------------------------------------------------------------------------------------------------

export interface OfferView {
  id: number;
  caseId: number;
  reference: string;
  propertyId: number | null;
  property: PropertyView | null;
  partnerId: number | null;
  partnerName: string | null;
  /** Recorded before properties were tracked: property, landlord or other facts may be missing. */
  legacy: boolean;
  offeredOn: IsoDate;
  viewingOn: IsoDate | null;
  outcome: OfferOutcome | null;
  decidedOn: IsoDate | null;
  /** The day the applicant accepted; kept when the offer then ended before the move (pulled out, withdrawn, fell through). */
  acceptedOn: IsoDate | null;
  declineReason: DeclineReason | null;
  outcomeText: string;
  stage: OfferStage | null;
  stageEnteredOn: IsoDate;
  ageInStageDays: number;
  countsAgainstCap: boolean;
  override: { rules: string[]; reason: string } | null;
  plannedStartOn: IsoDate | null;
  hasAddress: boolean;
  /** Facts a legacy row is missing, in words, for the case page to ask for. */
  missing: string[];
}

export interface MoveView {
  id: number;
  caseId: number;
  offerId: number | null;
  route: MoveRoute;
  homePartnerId: number;
  receivingPartnerId: number | null;
  receivingPartnerName: string | null;
  receivingBorough: BoroughCode | null;
  tenancyStartOn: IsoDate | null;
  adults: number | null;
  children: number | null;
  legacy: boolean;
  missing: string[];
}

export interface CaseOffers {
  caseId: number;
  offers: OfferView[];
  move: MoveView | null;
  offerCap: number;
  countedOffers: number;
}

export interface OffersBoard {
  stages: { stage: OfferStage; label: string; offers: OfferView[] }[];
  staleAfterDays: number;
  /** Accepted offers that ended before the move in the last `ENDED_AFTER_ACCEPTANCE_DAYS` days, newest first. */
  endedAfterAcceptance: OfferView[];
}

/** How far back the Offers board lists accepted offers that then ended before the move. */
export const ENDED_AFTER_ACCEPTANCE_DAYS = 30;

export interface StaleOffer {
  offerId: number;
  caseId: number;
  reference: string;
  stage: OfferStage;
  ageInStageDays: number;
  text: string;
}

export interface PartnerOfferSummary {
  offered: PropertyView[];
  let: PropertyView[];
  declinedByApplicants: { offerId: number; reference: string; property: PropertyView | null; decidedOn: IsoDate; reason: DeclineReason | null }[];
}
