import type { CaseState } from '../../../../contract/cases';
import { allowedTargets, closureReasonsFor } from '../../../../main/cases/lifecycle';
import { aReferral } from '../../cases/referral-builder';
import { aPartnerInput } from '../../directory/builders';

/*
 * The realistic writes the crash test makes, through the real handlers. Each returns what it committed (the channel
 * and the audit entries it wrote) or null when the app refused it (a refusal commits nothing). Offers, moves and
 * ledger entries join by adding an operation here; the checks after each kill need no change.
 */

export type Call = (channel: string, payload: unknown) => Promise<{ ok: boolean; value?: unknown }>;

export interface CrashState {
  partners: number[];
  cases: { id: number; state: CaseState; stateBeforeHold: CaseState | null }[];
  random(): number;
}

export interface CrashOperation {
  name: string;
  weight: number;
  run(call: Call, state: CrashState): Promise<boolean>;
}

const pick = <T>(items: readonly T[], random: () => number): T | undefined => items[Math.floor(random() * items.length)];

async function refresh(call: Call, state: CrashState, id: number): Promise<void> {
  const res = await call('cases.get', { id });
  if (!res.ok) return;
  const detail = res.value as { state: CaseState; stateBeforeHold?: CaseState | null };
  const known = state.cases.find((c) => c.id === id);
  if (known) {
    known.state = detail.state;
    known.stateBeforeHold = detail.stateBeforeHold ?? null;
  }
}

export const CRASH_OPERATIONS: readonly CrashOperation[] = [
  {
    name: 'partners.create',
    weight: 1,
    async run(call, state) {
      const res = await call(
        'partners.create',
        aPartnerInput({ name: `Partner ${state.partners.length + 1} ${Math.floor(state.random() * 1e9)}`, stockBoroughs: ['E09000007', 'E09000012'] }),
      );
      if (res.ok) state.partners.push((res.value as { id: number }).id);
      return res.ok;
    },
  },
  {
    name: 'partners.update',
    weight: 1,
    async run(call, state) {
      const id = pick(state.partners, state.random);
      if (id === undefined) return false;
      const got = await call('partners.get', { id });
      if (!got.ok) return false;
      const partner = (got.value as { partner: Record<string, unknown> }).partner;
      return (await call('partners.update', { ...partner, approvalRouteNotes: `Panel ${Math.floor(state.random() * 1e6)}` })).ok;
    },
  },
  {
    name: 'cases.create',
    weight: 3,
    async run(call, state) {
      const landlord = pick(state.partners, state.random);
      if (landlord === undefined) return false;
      const res = await call('cases.create', { ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord } });
      if (res.ok) state.cases.push({ id: (res.value as { id: number }).id, state: 'referral_received', stateBeforeHold: null });
      return res.ok;
    },
  },
  {
    name: 'cases.transition',
    weight: 6,
    async run(call, state) {
      const open = state.cases.filter((c) => c.state !== 'closed');
      const c = pick(open, state.random);
      if (c === undefined) return false;
      const to = pick(allowedTargets(c.state, c.stateBeforeHold), state.random);
      if (to === undefined) return false;
      const closureReason = to === 'closed' ? pick(closureReasonsFor(c.state), state.random) : undefined;
      const res = await call('cases.transition', { id: c.id, to, reason: 'Recorded by the crash test', ...(closureReason ? { closureReason } : {}) });
      await refresh(call, state, c.id);
      return res.ok;
    },
  },
  {
    name: 'cases.addNote',
    weight: 2,
    async run(call, state) {
      const c = pick(state.cases, state.random);
      if (c === undefined) return false;
      return (await call('cases.addNote', { id: c.id, kind: 'note', text: `Note ${Math.floor(state.random() * 1e6)}` })).ok;
    },
  },
];
