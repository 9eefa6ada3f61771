import { expect } from 'vitest';
import type { ErrorCode } from '../../../contract/result';
import type { Timers } from '../../../main/ports';
import { verifyAuditChain } from '../../../main/audit/audit';
import { aPartnerInput } from '../directory/builders';
import { aReferral } from '../cases/referral-builder';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import { changedTables, fingerprint } from './db-fingerprint';

/** Every code a refusal may carry; `satisfies` makes the compiler say when the contract adds one. */
const ERROR_CODES = {
  VALIDATION: true,
  UNKNOWN_CHANNEL: true,
  FORBIDDEN_SENDER: true,
  NOT_SET_UP: true,
  ALREADY_SET_UP: true,
  LOCKED: true,
  WRONG_PASSPHRASE: true,
  WRONG_RECOVERY_KEY: true,
  THROTTLED: true,
  DATABASE_TOO_NEW: true,
  DATABASE_UNREADABLE: true,
  DATABASE_DAMAGED: true,
  KEY_FILE_DAMAGED: true,
  NOT_FOUND: true,
  CONFLICT: true,
  RULE: true,
  CANCELLED: true,
  DISK_FULL: true,
  IO: true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>;

/** A clock the test moves by hand: the idle lock never fires, and the unlock throttle can be waited out at once. */
export function handClock(): Timers & { advance(ms: number): void } {
  let now = Date.UTC(2026, 2, 10, 9);
  return {
    now: () => now,
    setTimeout: () => null,
    clearTimeout: () => undefined,
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface FuzzCore {
  t: TestCore;
  clock: ReturnType<typeof handClock>;
  partnerId: number;
  caseIds: number[];
  /** Calls `channel` with `payload` and checks what every call must satisfy; returns the answer. */
  hostileCall(channel: string, payload: unknown): Promise<Awaited<ReturnType<TestCore['call']>>>;
  /** After a channel that locks: unlock again for the next one. */
  ensureUnlocked(): Promise<void>;
}

/**
 * The people the fuzzed cases are about. Each is a different person (name and date of birth), because intake refuses
 * a referral that looks like an open case's applicant. Two are Okafors and one is not, so that a search for "okafor"
 * finds some cases and a search that found every case would show.
 */
const FUZZ_APPLICANTS = [
  { fullName: 'Amara Okafor', dateOfBirth: '1991-07-14' },
  { fullName: 'Chidi Okafor', dateOfBirth: '1987-02-03' },
  { fullName: 'Ngozi Adeyemi', dateOfBirth: '1995-11-28' },
] as const;

/** A referral for one of the people above, living in a home of the fuzzed partner. */
export function aFuzzReferral(partnerId: number, applicant: { fullName: string; dateOfBirth: string }): ReturnType<typeof aReferral> {
  const referral = aReferral();
  return {
    ...referral,
    applicant: { ...referral.applicant, ...applicant },
    currentHome: { ...referral.currentHome, homeLandlordPartnerId: partnerId },
  };
}

/** The real core, set up and unlocked, with a partner and a few cases for ids to point at. */
export async function fuzzCore(today = '2026-03-10'): Promise<FuzzCore> {
  const clock = handClock();
  const t = createTestCore({ timers: clock, today: () => today });
  await setUp(t);
  const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012', 'E09000007'] }));
  if (!partner.ok) throw new Error(partner.error?.message);
  const partnerId = (partner.value as { id: number }).id;
  const caseIds: number[] = [];
  for (const applicant of FUZZ_APPLICANTS) {
    const created = await t.call('cases.create', aFuzzReferral(partnerId, applicant));
    if (!created.ok) throw new Error(created.error?.message);
    caseIds.push((created.value as { id: number }).id);
  }
  await t.call('cases.transition', { id: caseIds[1], to: 'awaiting_landlord_approval' });

  const hostileCall: FuzzCore['hostileCall'] = async (channel, payload) => {
    // Electron's IPC structured-clones what the renderer sends; a value that cannot be cloned never reaches main.
    let sent: unknown;
    try {
      sent = structuredClone(payload);
    } catch {
      sent = payload;
    }
    const before = t.core.session.isUnlocked ? fingerprint(t.core.services.db()) : null;
    const res = await t.call(channel, sent);

    // Always an answer of the one shape, never a throw, never the generic "something went wrong".
    expect(typeof res.ok).toBe('boolean');
    if (res.ok) {
      expect(res).toHaveProperty('value');
    } else {
      expect(Object.keys(ERROR_CODES)).toContain(res.error?.code);
      expect(res.error?.message.length).toBeGreaterThan(0);
      expect(res.error?.code, `${channel} failed unexpectedly: ${res.error?.message}`).not.toBe('INTERNAL');
    }
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);

    if (before !== null && t.core.session.isUnlocked) {
      const changed = changedTables(before, fingerprint(t.core.services.db()));
      // A refusal changes nothing; an accepted change writes its audit entry with it.
      if (!res.ok) expect(changed, `${channel} was refused (${res.error?.code}) but changed tables`).toEqual([]);
      else if (changed.length > 0) expect(changed, `${channel} changed ${changed.join(', ')} without an audit entry`).toContain('audit_log');
    }
    return res;
  };
  const ensureUnlocked = async () => {
    if (t.core.session.isUnlocked) return;
    // session.lock did its job (the channels were fuzzed locked since). Wait out any unlock throttle the vault
    // fuzzing earned, and unlock once for the next channel: each unlock is a full key stretch.
    clock.advance(24 * 60 * 60 * 1000);
    const again = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    if (!again.ok) throw new Error(`could not unlock again: ${again.error?.message}`);
  };
  return { t, clock, partnerId, caseIds, hostileCall, ensureUnlocked };
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** The chain still verifies after the fuzzing. */
export function expectChainIntact(f: FuzzCore): void {
  expect(verifyAuditChain(f.t.core.services.db()).ok).toBe(true);
}
