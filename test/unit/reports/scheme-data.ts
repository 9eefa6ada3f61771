import type { EnquiryInput } from '../../../contract/enquiries';
import type { CaseSpec } from './scheme';

/*
 * Thirty-eight cases over two financial years, 2024/25 (the previous period) and 2025/26 (the report's period), and
 * six enquiries that never became referrals. Every date is a Monday. Keys: P previous year, C crosses the year end
 * (referred in one year, moved in the next), Y crosses it the other way (referred in March, approved and moved after
 * the period), A reciprocal moves, B Housing Moves moves, H on hold (H2 still on hold at the period's end), D
 * applicant declines, L landlord declines, W withdrawals, O still open, X moves after the period.
 */

/** Enquiries that did not become referrals: no identity, only the day, who asked and why it could not go ahead. */
export const ENQUIRIES: readonly EnquiryInput[] = [
  // 2024/25
  { receivedOn: '2024-07-08', agencyKind: 'police', reason: 'not_at_risk', signposting: ['housing_options'], notes: 'Marker enquiry note 1' },
  { receivedOn: '2025-03-10', agencyKind: 'housing', reason: 'information_only', signposting: [], notes: '' },
  // 2025/26
  {
    receivedOn: '2025-05-12',
    agencyKind: 'housing',
    reason: 'out_of_london',
    signposting: ['homefinder', 'seaside_and_country_homes'],
    notes: 'Marker enquiry note 3',
  },
  { receivedOn: '2025-07-07', agencyKind: 'domestic_abuse_service', reason: 'landlord_not_partner', signposting: ['housing_options'], notes: '' },
  {
    receivedOn: '2026-02-16',
    agencyKind: 'domestic_abuse_service',
    reason: 'out_of_london',
    signposting: ['homefinder', 'seaside_and_country_homes'],
    notes: '',
  },
  // 2026/27, after the period
  { receivedOn: '2026-04-27', agencyKind: 'health', reason: 'no_social_tenancy', signposting: [], notes: '' },
];

export const SCHEME: readonly CaseSpec[] = [
  // 2024/25
  {
    key: 'P1',
    received: '2024-09-02',
    steps: [
      ['approve', '2024-09-16'],
      ['circulate', '2024-09-23'],
      ['offer', '2024-10-21', 'barnet'],
      ['accept', '2024-10-28'],
      ['move', '2024-11-11', 1, 2],
    ],
  },
  {
    key: 'P2',
    received: '2024-09-09',
    steps: [
      ['approve', '2024-09-23'],
      ['circulate', '2024-09-30'],
      ['offer', '2024-11-04', 'brent'],
      ['accept', '2024-11-11'],
      ['move', '2024-11-25', 1, 0],
    ],
  },
  {
    key: 'P3',
    received: '2024-10-07',
    steps: [
      ['approve', '2024-10-21'],
      ['circulate', '2024-10-28'],
      ['housingMoves', '2025-01-20', 'camden', 1, 1],
    ],
  },
  {
    key: 'P4',
    received: '2024-10-14',
    steps: [
      ['landlordDecline', '2024-10-28'],
      ['close', '2024-11-04', 'landlord_declined'],
    ],
  },
  { key: 'P5', received: '2024-11-04', steps: [['withdraw', '2024-11-18']] },
  {
    key: 'P6',
    received: '2024-11-11',
    steps: [
      ['approve', '2024-11-25'],
      ['circulate', '2024-12-02'],
      ['offer', '2025-01-13', 'barnet'],
      ['applicantDecline', '2025-01-20', 'property_condition'],
      ['close', '2025-03-03', 'offer_declined_no_further_offer'],
    ],
  },
  // A Housing Moves move, a hold, a Brent landlord decline and a withdrawal, all within 2024/25.
  {
    key: 'P7',
    received: '2024-05-13',
    steps: [
      ['approve', '2024-05-20'],
      ['circulate', '2024-06-03'],
      ['housingMoves', '2024-07-15', 'ealing', 1, 1],
    ],
  },
  {
    key: 'P8',
    received: '2024-06-10',
    steps: [
      ['approve', '2024-06-17'],
      ['circulate', '2024-06-24'],
      ['hold', '2024-07-01'],
      ['resume', '2024-07-29'],
      ['offer', '2024-08-12', 'barnet'],
      ['accept', '2024-08-19'],
      ['move', '2024-09-16', 2, 1],
    ],
  },
  {
    key: 'P9',
    received: '2024-12-09',
    home: 'brent',
    steps: [
      ['landlordDecline', '2024-12-16'],
      ['close', '2025-01-06', 'landlord_declined'],
    ],
  },
  {
    key: 'P10',
    received: '2025-01-13',
    steps: [
      ['withdraw', '2025-02-10'],
      ['close', '2025-03-10', 'withdrawn'],
    ],
  },
  // Referred and approved in 2024/25, circulated, offered and moved in 2025/26.
  {
    key: 'C',
    received: '2025-02-03',
    steps: [
      ['approve', '2025-02-17'],
      ['circulate', '2025-04-07'],
      ['offer', '2025-06-02', 'brent'],
      ['accept', '2025-06-09'],
      ['move', '2025-06-30', 1, 1],
    ],
  },

  // 2025/26: reciprocal moves
  {
    key: 'A1',
    received: '2025-09-01',
    equality: { careLeaver: 'yes' },
    steps: [
      ['approve', '2025-09-15'],
      ['circulate', '2025-09-22'],
      ['offer', '2025-10-20', 'barnet'],
      ['accept', '2025-10-27'],
      ['move', '2025-11-10', 1, 2],
    ],
  },
  {
    key: 'A2',
    received: '2025-09-08',
    equality: { careLeaver: 'yes' },
    steps: [
      ['approve', '2025-09-29'],
      ['circulate', '2025-10-06'],
      ['offer', '2025-11-03', 'barnet'],
      ['accept', '2025-11-10'],
      ['move', '2025-11-24', 1, 0],
    ],
  },
  {
    key: 'A3',
    received: '2025-09-15',
    risks: ['sexual_violence_exploitation'],
    steps: [
      ['approve', '2025-09-29'],
      ['circulate', '2025-10-13'],
      ['offer', '2025-11-24', 'barnet'],
      ['accept', '2025-12-01'],
      ['move', '2025-12-15', 1, 1],
    ],
  },
  {
    key: 'A4',
    received: '2025-10-06',
    risks: ['sexual_violence_exploitation'],
    steps: [
      ['approve', '2025-10-20'],
      ['circulate', '2025-10-27'],
      ['offer', '2025-12-08', 'barnet'],
      ['accept', '2025-12-15'],
      ['move', '2026-01-12', 1, 3],
    ],
  },
  {
    key: 'A5',
    received: '2025-10-13',
    bedrooms: 3,
    steps: [
      ['approve', '2025-11-10'],
      ['circulate', '2025-11-17'],
      ['offer', '2026-01-19', 'brent'],
      ['accept', '2026-01-26'],
      ['move', '2026-02-09', 1, 0],
    ],
  },
  {
    key: 'A6',
    received: '2025-11-03',
    steps: [
      ['approve', '2025-11-17'],
      ['circulate', '2025-11-24'],
      ['offer', '2026-01-05', 'brent'],
      ['accept', '2026-01-12'],
      ['move', '2026-02-02', 1, 2],
    ],
  },
  {
    key: 'A7',
    received: '2026-01-05',
    steps: [
      ['approve', '2026-01-19'],
      ['circulate', '2026-01-26'],
      ['offer', '2026-02-16', 'brent'],
      ['accept', '2026-02-23'],
      ['move', '2026-03-09', 1, 1],
    ],
  },
  {
    key: 'A8',
    received: '2026-01-12',
    home: 'brent',
    steps: [
      ['approve', '2026-02-02'],
      ['circulate', '2026-02-09'],
      ['offer', '2026-03-02', 'barnet'],
      ['accept', '2026-03-09'],
      ['move', '2026-03-23', 1, 0],
    ],
  },
  // Housing Moves
  {
    key: 'B1',
    received: '2025-09-01',
    agency: 'housing',
    steps: [
      ['approve', '2025-09-15'],
      ['circulate', '2025-09-22'],
      ['housingMoves', '2025-11-17', 'camden', 1, 0],
    ],
  },
  {
    key: 'B2',
    received: '2025-10-06',
    agency: 'housing',
    steps: [
      ['approve', '2025-10-20'],
      ['circulate', '2025-10-27'],
      ['housingMoves', '2026-02-16', 'croydon', 2, 1],
    ],
  },
  // On hold for four weeks while circulated
  {
    key: 'H',
    received: '2025-09-01',
    steps: [
      ['approve', '2025-09-15'],
      ['circulate', '2025-09-22'],
      ['hold', '2025-10-06'],
      ['resume', '2025-11-03'],
      ['offer', '2025-12-01', 'barnet'],
      ['accept', '2025-12-08'],
      ['move', '2026-01-05', 1, 2],
    ],
  },
  // On hold from 16 February 2026, still on hold at the period's end; withdrawn and closed after it.
  {
    key: 'H2',
    received: '2025-11-10',
    steps: [
      ['approve', '2025-11-24'],
      ['circulate', '2025-12-01'],
      ['hold', '2026-02-16'],
      ['withdraw', '2026-04-13'],
      ['close', '2026-04-20', 'withdrawn'],
    ],
  },
  // Applicant declines (one offer per application, so they wait on, or close)
  {
    key: 'D1',
    received: '2025-09-01',
    steps: [
      ['approve', '2025-09-15'],
      ['circulate', '2025-09-22'],
      ['offer', '2025-10-13', 'barnet'],
      ['applicantDecline', '2025-10-20', 'area_not_safe'],
      ['close', '2026-02-02', 'offer_declined_no_further_offer'],
    ],
  },
  {
    key: 'D2',
    received: '2025-10-06',
    steps: [
      ['approve', '2025-10-27'],
      ['circulate', '2025-11-03'],
      ['offer', '2025-11-17', 'barnet'],
      ['applicantDecline', '2025-11-24', 'too_far_from_support'],
    ],
  },
  {
    key: 'D3',
    received: '2025-11-03',
    steps: [
      ['approve', '2025-11-17'],
      ['circulate', '2025-11-24'],
      ['offer', '2025-12-01', 'brent'],
      ['applicantDecline', '2025-12-08', 'area_not_safe'],
    ],
  },
  // Landlord declines
  {
    key: 'L1',
    received: '2025-09-08',
    agency: 'housing',
    equality: { careLeaver: 'prefer_not_to_say' },
    steps: [
      ['landlordDecline', '2025-09-22'],
      ['close', '2025-09-29', 'landlord_declined'],
    ],
  },
  {
    key: 'L2',
    received: '2025-10-13',
    steps: [
      ['landlordDecline', '2025-10-27'],
      ['close', '2025-11-03', 'landlord_declined'],
    ],
  },
  { key: 'L3', received: '2026-01-05', home: 'brent', steps: [['landlordDecline', '2026-01-19']] },
  // Withdrawals
  {
    key: 'W1',
    received: '2025-09-15',
    steps: [
      ['approve', '2025-09-29'],
      ['withdraw', '2025-10-13'],
    ],
  },
  { key: 'W2', received: '2025-11-10', steps: [['withdraw', '2025-11-24']] },
  {
    key: 'W3',
    received: '2026-02-02',
    steps: [
      ['approve', '2026-02-16'],
      ['circulate', '2026-02-23'],
      ['withdraw', '2026-03-16'],
    ],
  },
  // Open at the period's end
  { key: 'O1', received: '2026-03-02', steps: [] },
  { key: 'O2', received: '2026-03-23', steps: [] },
  {
    key: 'O3',
    received: '2025-12-01',
    steps: [
      ['approve', '2025-12-15'],
      ['circulate', '2025-12-22'],
    ],
  },
  {
    key: 'O4',
    received: '2025-06-02',
    agency: 'police',
    steps: [
      ['approve', '2025-06-16'],
      ['circulate', '2025-06-23'],
    ],
  },
  // Accepted in the period, moved after it
  {
    key: 'X',
    received: '2026-02-09',
    steps: [
      ['approve', '2026-02-23'],
      ['circulate', '2026-03-02'],
      ['offer', '2026-03-16', 'brent'],
      ['accept', '2026-03-23'],
      ['move', '2026-04-20', 1, 1],
    ],
  },
  // Referred in the period's last month; approved, circulated, offered and moved in the next year.
  {
    key: 'Y',
    received: '2026-03-16',
    steps: [
      ['approve', '2026-04-13'],
      ['circulate', '2026-04-20'],
      ['offer', '2026-04-27', 'brent'],
      ['accept', '2026-05-11'],
      ['move', '2026-05-18', 1, 0],
    ],
  },
];
