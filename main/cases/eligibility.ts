import { boroughName, type BoroughCode } from '../../contract/boroughs';
import type { OverridableRule, TenancyType } from '../../contract/cases';
import type { EligibilityFailure } from '../../contract/case-views';

export type { EligibilityFailure };

/*
 * Eligibility rules, pure so that they run in the renderer as the form is filled in and again in main on submit
 * (main's answer is the one that counts). Each rule reports on the field the coordinator has to look at.
 */

/** What eligibility needs to know about the home landlord, from the partners directory. */
export type HomeLandlordFacts = {
  name: string;
  /** `left` covers partners that have left the scheme: their tenants are no longer covered. */
  status: 'active' | 'suspended' | 'left';
};

/** The parts of a (possibly half-filled) referral that the rules look at. */
export interface EligibilityFacts {
  tenancyType?: TenancyType | undefined;
  homeLandlordPartnerId?: number | undefined;
  currentBorough?: BoroughCode | undefined;
  unsafeBoroughs?: readonly BoroughCode[] | undefined;
  requestedBoroughs?: readonly BoroughCode[] | undefined;
  requestedBoroughsReason?: string | undefined;
  overrides?: readonly { rule: OverridableRule; reason: string }[] | undefined;
}

export interface EligibilityPolicy {
  minRequestedBoroughs: number;
  /** Unreciprocated successful referrals a partner may have before its next referral is blocked. */
  ledgerCap: number;
}

export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = { minRequestedBoroughs: 5, ledgerCap: 3 };

export interface EligibilityContext {
  policy: EligibilityPolicy;
  /** Looks the landlord up in the partners directory; undefined when the id is not a partner. */
  homeLandlord: HomeLandlordFacts | undefined;
  /**
   * Hook for the ledger issue: the home landlord's successful referrals not yet reciprocated. Until the ledger
   * exists, callers pass nothing and no landlord is ever at the cap.
   */
  unreciprocatedMoves?: number | undefined;
}

const overrideReason = (facts: EligibilityFacts, rule: OverridableRule): string | undefined => {
  const reason = facts.overrides?.find((o) => o.rule === rule)?.reason.trim();
  return reason === undefined || reason === '' ? undefined : reason;
};

const withResolution = (failure: EligibilityFailure, reason: string | undefined): EligibilityFailure =>
  reason === undefined ? failure : { ...failure, resolvedBy: reason };

export function checkTenancy(facts: EligibilityFacts): EligibilityFailure[] {
  if (facts.tenancyType !== 'none') return [];
  return [
    {
      rule: 'no_social_tenancy',
      field: 'currentHome.tenancyType',
      severity: 'error',
      message: 'Not eligible: the applicant must hold a social tenancy, or have held one before being placed in temporary accommodation.',
    },
  ];
}

export function checkHomeLandlord(facts: EligibilityFacts, ctx: EligibilityContext): EligibilityFailure[] {
  if (facts.homeLandlordPartnerId === undefined) return [];
  const field = 'currentHome.homeLandlordPartnerId';
  const landlord = ctx.homeLandlord;
  if (landlord === undefined || landlord.status === 'left') {
    return [
      {
        rule: 'landlord_not_partner',
        field,
        severity: 'error',
        message: landlord
          ? `Not eligible: ${landlord.name} has left the scheme, so it cannot approve a reciprocal move.`
          : "Not eligible: the applicant's landlord must be a partner of the scheme.",
      },
    ];
  }
  const failures: EligibilityFailure[] = [];
  if (landlord.status === 'suspended') {
    failures.push(
      withResolution(
        {
          rule: 'landlord_suspended',
          field,
          severity: 'override',
          message: `${landlord.name} is suspended from the scheme. You can go ahead only by recording why.`,
        },
        overrideReason(facts, 'landlord_suspended'),
      ),
    );
  }
  failures.push(...checkLedgerCap(facts, landlord.name, ctx.unreciprocatedMoves ?? 0, ctx.policy.ledgerCap));
  return failures;
}

/**
 * The ledger cap: a partner with `cap` successful referrals not yet reciprocated cannot refer again until it
 * reciprocates, unless a coordinator overrides with a recorded reason (DOMAIN.md, "The ledger").
 */
export function checkLedgerCap(facts: EligibilityFacts, landlordName: string, unreciprocatedMoves: number, cap: number): EligibilityFailure[] {
  if (unreciprocatedMoves < cap) return [];
  return [
    withResolution(
      {
        rule: 'ledger_cap',
        field: 'currentHome.homeLandlordPartnerId',
        severity: 'override',
        message: `${landlordName} has ${unreciprocatedMoves} moves it has not yet reciprocated, the most the scheme allows (${cap}). It must reciprocate first, or you can go ahead by recording why.`,
      },
      overrideReason(facts, 'ledger_cap'),
    ),
  ];
}

export function checkRequestedBoroughs(facts: EligibilityFacts, ctx: EligibilityContext): EligibilityFailure[] {
  const requested = facts.requestedBoroughs ?? [];
  const failures: EligibilityFailure[] = [];
  if (facts.currentBorough !== undefined && requested.includes(facts.currentBorough)) {
    failures.push({
      rule: 'requested_current_borough',
      field: 'requestedBoroughs',
      severity: 'error',
      message: `${boroughName(facts.currentBorough)} is the applicant's current borough; the move must be to a different borough.`,
    });
  }
  const unsafe = new Set(facts.unsafeBoroughs ?? []);
  const unsafeRequested = requested.filter((b) => unsafe.has(b));
  if (unsafeRequested.length > 0) {
    const names = unsafeRequested.map(boroughName).join(', ');
    failures.push({
      rule: 'requested_unsafe_borough',
      field: 'requestedBoroughs',
      severity: 'error',
      message: `The applicant is unsafe in ${names}; remove ${unsafeRequested.length === 1 ? 'it' : 'them'} from the requested boroughs.`,
    });
  }
  const min = ctx.policy.minRequestedBoroughs;
  if (requested.length < min) {
    const reason = facts.requestedBoroughsReason?.trim();
    failures.push(
      withResolution(
        {
          rule: 'below_minimum_boroughs',
          field: 'requestedBoroughs',
          severity: 'warning',
          message: `${requested.length === 1 ? 'Only 1 borough is' : `Only ${requested.length} boroughs are`} requested; the scheme asks for at least ${min}, because more boroughs mean a better chance of an offer. Record why to go on.`,
        },
        reason === undefined || reason === '' ? undefined : reason,
      ),
    );
  }
  return failures;
}

/** All rules, in the order of the form. */
export function checkEligibility(facts: EligibilityFacts, ctx: EligibilityContext): EligibilityFailure[] {
  return [...checkHomeLandlord(facts, ctx), ...checkTenancy(facts), ...checkRequestedBoroughs(facts, ctx)];
}

/** Failures that stop the referral being saved: every error, and any override or warning with no reason recorded. */
export function blockingFailures(failures: readonly EligibilityFailure[]): EligibilityFailure[] {
  return failures.filter((f) => f.severity === 'error' || f.resolvedBy === undefined);
}

export function canProceed(failures: readonly EligibilityFailure[]): boolean {
  return blockingFailures(failures).length === 0;
}
