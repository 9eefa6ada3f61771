/**
 * How much scheme to make. The real scheme handled about 500 enquiries a year; over its life 3,758 enquiries led to
 * 1,401 circulations and 277 moves, 79 of them through Housing Moves. The proportions below follow those figures.
 */
export const SCALES = {
  /** Not a scheme's size: enough of each state for the demo's end-to-end test to walk every screen quickly. */
  tiny: { years: 1, enquiriesPerYear: 60 },
  small: { years: 1, enquiriesPerYear: 500 },
  real: { years: 10, enquiriesPerYear: 500 },
  stress: { years: 10, enquiriesPerYear: 9_000 },
  huge: { years: 10, enquiriesPerYear: 18_000 },
} as const;
export type ScaleName = keyof typeof SCALES;
/** The four scales (the bench's `--scale all`); `tiny` is only for tests. */
export const SCALE_NAMES: ScaleName[] = ['small', 'real', 'stress', 'huge'];

export const PROPORTIONS = {
  /** Enquiries that become referrals (the rest are recorded as enquiries only, with no identity). */
  referral: 0.5,
  /** Of referrals: the home landlord declines to support the move. */
  landlordDeclined: 0.15,
  /** Of referrals: withdrawn before circulation. */
  withdrawnEarly: 0.1,
  /** Of circulated cases: rehoused (277 of 1,401). */
  moved: 0.2,
  /** Of moves: through Housing Moves rather than a reciprocal offer (79 of 277). */
  housingMoves: 0.285,
  /** Of circulated cases without a move: an offer that was declined anyway. */
  declinedOnly: 0.15,
  /** Of referrals: equality monitoring answered. */
  equality: 0.45,
  /** Of referrals: also put on hold or withdrawn after circulation. */
  withdrawnLate: 0.06,
} as const;
