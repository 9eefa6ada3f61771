import { z } from 'zod';
import { channel } from './channel';
import {
  acceptOfferSchema,
  bookViewingSchema,
  candidateCursorSchema,
  propertyCursorSchema,
  completeLegacyMoveSchema,
  completeLegacyOfferSchema,
  completeMoveSchema,
  declineOfferSchema,
  fellThroughSchema,
  makeOfferSchema,
  MATCH_ORDERS,
  offerPolicySchema,
  withdrawOfferSchema,
  type CaseMatches,
  type CaseOffers,
  type MatchExplanation,
  type MoveView,
  type OfferPolicy,
  type OffersBoard,
  type OfferView,
  type PartnerOfferSummary,
  type PropertyMatches,
  type StaleOffer,
} from './offers';
import { propertyIdSchema } from './properties';

const empty = z.strictObject({});
const caseId = z.number({ error: 'Choose a case' }).int().positive();

// Channels of matching, offers and moves (issue 10).
export const offerChannels = {
  'offers.matchesForProperty': channel<PropertyMatches>()(
    z.strictObject({
      propertyId: propertyIdSchema,
      order: z.enum(MATCH_ORDERS).default('waiting'),
      /** How many candidate cases one page lists, and where it starts (from the previous page's `candidatesNext`). */
      limit: z.number().int().min(1).max(500).default(50),
      candidatesAfter: candidateCursorSchema.optional(),
      leftOutLimit: z.number().int().min(0).max(500).default(200),
      /** Paging through the left-out cases: the previous page's `leftOutNext`. */
      leftOutAfter: z.number().int().min(0).optional(),
    }),
  ),
  'offers.matchesForCase': channel<CaseMatches>()(
    z.strictObject({
      caseId,
      leftOutLimit: z.number().int().min(1).max(200).default(20),
      /** The previous page's `leftOutNext`. */
      leftOutAfter: propertyCursorSchema.optional(),
    }),
  ),
  'offers.explain': channel<MatchExplanation>()(z.strictObject({ propertyId: propertyIdSchema, caseId })),
  'offers.make': channel<OfferView>()(makeOfferSchema),
  'offers.bookViewing': channel<OfferView>()(bookViewingSchema),
  'offers.accept': channel<OfferView>()(acceptOfferSchema),
  'offers.decline': channel<OfferView>()(declineOfferSchema),
  'offers.withdraw': channel<OfferView>()(withdrawOfferSchema),
  'offers.fellThrough': channel<OfferView>()(fellThroughSchema),
  'offers.completeMove': channel<MoveView>()(completeMoveSchema),
  'offers.completeLegacyOffer': channel<OfferView>()(completeLegacyOfferSchema),
  'offers.completeLegacyMove': channel<MoveView>()(completeLegacyMoveSchema),
  'offers.forCase': channel<CaseOffers>()(z.strictObject({ caseId })),
  'offers.board': channel<OffersBoard>()(empty),
  'offers.stale': channel<StaleOffer[]>()(empty),
  'offers.partnerSummary': channel<PartnerOfferSummary>()(z.strictObject({ partnerId: z.number().int().positive() })),
  'offers.getPolicy': channel<OfferPolicy>()(empty),
  'offers.updatePolicy': channel<OfferPolicy>()(offerPolicySchema),
};
