import type { AnonymisedStatus } from './rights';
import type { AuditEntryView } from './audit';
import type { BoroughCode } from './boroughs';
import type { CasePolicy } from './case-policy';
import type { IsoDate } from './calendar-date';
import type { CaseState, ClosureReason, OverridableRule, Referral, RiskCategory } from './cases';
import type { PartnerStatus } from './partners';

/*
 * What main sends back about cases. Types only: the renderer shows these; main builds them from the store.
 */

// --- Eligibility ---------------------------------------------------------------------------------------------

export type EligibilitySeverity = 'error' | 'warning' | 'override';

export type EligibilityRule =
  | 'no_social_tenancy'
  | 'landlord_not_partner'
  | 'landlord_suspended'
  | 'ledger_cap'
  | 'requested_current_borough'
  | 'requested_unsafe_borough'
  | 'below_minimum_boroughs';

export interface EligibilityFailure {
  rule: EligibilityRule;
  /** Dot path of the form field, as zod reports it (e.g. `currentHome.tenancyType`). */
  field: string;
  severity: EligibilitySeverity;
  message: string;
  /** For an override or warning: the reason recorded to go past it. Errors can never be resolved. */
  resolvedBy?: string;
}

// --- Deadlines -----------------------------------------------------------------------------------------------

export type DeadlineKind = 'chase_approval' | 'circulate' | 'recirculate' | 'review_no_offer' | 'no_progress' | 'close_case';

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
  chase_approval: "Chase the landlord's approval",
  circulate: 'Circulate the request',
  recirculate: 'Re-circulate the request',
  review_no_offer: 'Review: no offer yet',
  no_progress: 'No progress: check on the case',
  close_case: 'Close the case: offer declined, no further offer',
};

export type DeadlineStatus = 'overdue' | 'due_today' | 'due_soon' | 'upcoming';

export interface Deadline {
  kind: DeadlineKind;
  label: string;
  dueOn: IsoDate;
  status: DeadlineStatus;
  /** Calendar days from today to the due date: negative when overdue. */
  daysUntilDue: number;
  /** "Overdue by 3 days", "Due today", "Due in 2 days". */
  text: string;
  /** How the due date was counted, in words: "5 working days after approval (weekends and bank holidays do not count)". */
  rule?: string;
}

// --- The case list -------------------------------------------------------------------------------------------

export const CASE_SORT_KEYS = ['reference', 'state', 'applicant', 'landlord', 'borough', 'receivedOn', 'nextDueOn', 'updatedAt'] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];

export interface CaseListRow {
  id: number;
  reference: string;
  state: CaseState;
  /**
   * Shown only inside the app; never in exports or circulations. Null unless "Show applicant names in lists" is on:
   * main does not send names that the list will not show.
   */
  applicantName: string | null;
  /** "A. O.": what the list shows instead of the name. */
  applicantInitials: string;
  homeLandlordName: string;
  currentBorough: BoroughCode;
  riskCategories: RiskCategory[];
  requestedBoroughCount: number;
  receivedOn: IsoDate;
  nextDue: Deadline | null;
  needsRecirculation: boolean;
}

export interface CaseListPage {
  rows: CaseListRow[];
  /** All matching cases, for the row count and the scroll height. */
  total: number;
  offset: number;
}

// --- The case page -------------------------------------------------------------------------------------------

export type TimelineKind = 'created' | 'transition' | 'note' | 'no_update' | 'review' | 'updated' | 'boroughs_added' | 'chase';

export interface TimelineEntry {
  id: number;
  /** When it was recorded (an ISO timestamp). */
  at: string;
  /** The calendar day it happened, which can be earlier than `at` (a decision that arrived by email yesterday). */
  on: IsoDate;
  kind: TimelineKind;
  actor: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  /** The note, or why (a reason given for a transition). */
  text: string;
  /** A short line in plain words: "Moved from 'Approved' to 'Circulated'". */
  summary: string;
}

export interface AvailableTransition {
  to: CaseState;
  /** Button text: "Record the landlord's approval". */
  action: string;
  reasonRequired: boolean;
  /** Only for `closed`: the reasons that fit the current state. */
  closureReasons: ClosureReason[];
  /** Why this move is not possible right now (e.g. the offer cap), shown instead of the button working. */
  blockedBecause: string | null;
  /** A rule the coordinator can go past only by recording why (a landlord that has left or is suspended). */
  needsOverride: { rule: OverridableRule; message: string } | null;
}

/** Who a coordinator chased. */
export type ChaseTarget = 'landlord' | 'nominating_officer';

export interface NamedLead {
  name: string;
  role: string;
  phone: string;
  email: string;
  secureEmail: string;
}

/** An open case that may be the same person as a new referral. */
export interface DuplicateMatch {
  caseId: number;
  reference: string;
  state: CaseState;
  receivedOn: IsoDate;
  matchedOn: 'name_and_date_of_birth' | 'date_of_birth_and_landlord';
}

/** Requested boroughs in which no active partner holds stock: nobody would receive the request there. */
export interface CoverageReport {
  uncovered: BoroughCode[];
  /** "Nobody would receive this request for Harrow, Hillingdon and Hounslow", or null when every borough is covered. */
  message: string | null;
}

export type CaseOverride = {
  rule: OverridableRule;
  /** The step it was recorded for: the referral itself, the landlord's approval, or circulation. */
  step: 'referral' | 'approved' | 'circulated';
  reason: string;
  at: string;
  actor: string;
};

export interface CaseDetail {
  /** The app's today (the `Today` port), so that the screens' date fields start from the same day as main. */
  today: IsoDate;
  id: number;
  reference: string;
  state: CaseState;
  stateBeforeHold: CaseState | null;
  stateEnteredOn: IsoDate;
  needsRecirculation: boolean;
  closureReason: ClosureReason | null;
  offersMade: number;
  dates: {
    receivedOn: IsoDate;
    sentForApprovalOn: IsoDate | null;
    approvedOn: IsoDate | null;
    circulatedOn: IsoDate | null;
    lastCirculatedOn: IsoDate | null;
    lastOfferOn: IsoDate | null;
    lastReviewedOn: IsoDate | null;
    closedOn: IsoDate | null;
  };
  referral: Referral;
  homeLandlord: { id: number; name: string; status: PartnerStatus };
  deadlines: Deadline[];
  transitions: AvailableTransition[];
  overrides: CaseOverride[];
  timeline: TimelineEntry[];
  /** The home landlord's Named Leads, shown once the case is sent for approval (before, the list is empty). */
  namedLeads: NamedLead[];
  coverage: CoverageReport;
  /** Who can be chased now, with the last time each was chased. */
  chase: { landlord: boolean; nominatingOfficer: boolean; lastLandlordChaseOn: IsoDate | null; lastContactOn: IsoDate | null };
  /** Set once the case is anonymised (retention) or erased (on request): it is then a record, and nothing can change it. */
  anonymised: AnonymisedStatus | null;
  createdAt: string;
  updatedAt: string;
}

// --- Home ----------------------------------------------------------------------------------------------------

export interface DueItem {
  caseId: number;
  reference: string;
  state: CaseState;
  deadline: Deadline;
  /** Days since the referral was received. */
  caseAgeDays: number;
}

export type ActivityItem = {
  id: number;
  caseId: number;
  reference: string;
  at: string;
  kind: TimelineKind;
  summary: string;
  actor: string;
};

export interface Dashboard {
  today: IsoDate;
  overdue: DueItem[];
  overdueTotal: number;
  dueSoon: DueItem[];
  dueSoonTotal: number;
  byState: { state: CaseState; count: number }[];
  openTotal: number;
  recent: ActivityItem[];
}

// --- Forms ---------------------------------------------------------------------------------------------------

export type PartnerOption = {
  id: number;
  name: string;
  status: PartnerStatus;
};

export interface ReferralOptions {
  partners: PartnerOption[];
  policy: CasePolicy;
  today: IsoDate;
}

export interface CreatedCase {
  id: number;
  reference: string;
}

// --- The audit log -------------------------------------------------------------------------------------------

export type { AuditChange, AuditEntryView } from './audit';

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `beforeId` for the next (older) page; null at the start of the log. */
  nextBeforeId: number | null;
  actions: string[];
  actors: string[];
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBadId: number | null;
  problem: string | null;
  /** Backups the check could not compare the log with, and why (a missing file, history a restore replaced). */
  anchorNotes?: string[];
  checkedAt: string;
}
