import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, contract, type ChannelName } from '../../../contract/channels';
import { aFuzzReferral, expectChainIntact, fuzzCore, type FuzzCore } from './fuzz-core';
import { deeplyNested, FUZZ_RUNS, hostileValue, pollutingObject, shapedBy, spoiled } from './hostile-values';
import { aPartnerInput } from '../directory/builders';

/*
 * Every channel in the contract, fuzzed through the real registry and handlers over a real encrypted database:
 * main answers every payload with a result or a typed refusal (never the generic "something went wrong"), nothing
 * reaches Object.prototype, a refusal leaves every table exactly as it was, and an accepted change is audited.
 * The list of channels is the contract itself, so channels added later are fuzzed with no change here.
 * RECIPROCAL_FUZZ_RUNS sets the runs per channel (default 25, for two shared cores).
 */

/** The channels that run their work on the job runner (main/jobs), each accepted call in a new worker thread. */
const JOB_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'audit.verify',
  'database.integrityCheck',
  'reports.yearEnd',
  'reports.operational',
  'circulation.batchRun',
  'backups.runNow',
  'rights.subjectAccess',
]);

describe('every IPC channel survives hostile input', () => {
  let f: FuzzCore;
  beforeAll(async () => {
    f = await fuzzCore();
  });
  afterAll(() => f.t.cleanup());
  afterEach(async () => f.ensureUnlocked());

  // Time grows with the runs asked for (the soak run asks for 20 times as many), not with a guess at the machine.
  const timeout = 30_000 + FUZZ_RUNS * 2_000;
  // An accepted call to a job channel starts a worker thread with its own connection to the encrypted store: about
  // 4 s on two shared cores. A test below makes up to four times FUZZ_RUNS calls.
  const jobTimeout = 30_000 + FUZZ_RUNS * 4 * 6_000;
  const eachChannel = (title: string, body: (channel: ChannelName) => Promise<void>) => {
    it.each(channelNames.filter((c) => !JOB_CHANNELS.has(c)))(title, { timeout }, body);
    it.each(channelNames.filter((c) => JOB_CHANNELS.has(c)))(title, { timeout: jobTimeout }, body);
  };

  eachChannel('%s: the payloads chosen to hurt', async (channel) => {
    const fixed: unknown[] = [
      undefined,
      null,
      'text',
      42,
      Number.NaN,
      [],
      [{}],
      pollutingObject(),
      { id: Number.NaN },
      { id: -1 },
      { id: 2 ** 53 },
      { id: '1' },
      { id: f.caseIds[0], __proto__: { admin: true } },
      deeplyNested(5000, false),
      deeplyNested(5000, true),
      { search: 'x'.repeat(1_000_000) },
      Object.fromEntries(Object.keys((contract[channel].request as unknown as { shape?: object }).shape ?? {}).map((k) => [k, undefined])),
    ];
    for (const payload of fixed) await f.hostileCall(channel, payload);
  });

  eachChannel('%s: random payloads', async (channel) => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (payload) => {
        await f.hostileCall(channel, payload);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  eachChannel('%s: payloads shaped like its own schema, with hostile parts', async (channel) => {
    await fc.assert(
      fc.asyncProperty(shapedBy(contract[channel].request), async (payload) => {
        await f.hostileCall(channel, payload);
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
  });

  /**
   * Good requests for the channels that take more than a few fields, each spoiled in one place. A channel without a
   * sample here is still fuzzed above; adding one makes the fuzzing reach deeper into its handler.
   */
  const samples = async (): Promise<Partial<Record<ChannelName, unknown>>> => {
    // Someone not yet referred: the fuzzed cases' applicants would be refused as possible duplicates before anything else.
    const referral = aFuzzReferral(f.partnerId, { fullName: 'Femi Okafor', dateOfBirth: '1983-05-09' });
    const partner = ((await f.t.call('partners.get', { id: f.partnerId })).value as { partner: object }).partner;
    const policy = (await f.t.call('cases.getPolicy')).value;
    const [first, second] = f.caseIds;
    return {
      'cases.create': referral,
      'cases.update': { id: first, referral: { ...referral, applicant: { ...referral.applicant, fullName: 'Ama Okafor' } }, reason: 'Name corrected' },
      'cases.transition': { id: second, to: 'approved', reason: 'Approved by the Named Lead', effectiveOn: '2026-03-09' },
      'cases.addNote': { id: first, kind: 'note', text: 'Spoke to the Nominating Officer', on: '2026-03-09' },
      'cases.addBoroughs': { id: first, boroughs: ['E09000033'], note: 'Asked for Westminster' },
      'cases.checkEligibility': { tenancyType: 'secure', homeLandlordPartnerId: f.partnerId, currentBorough: 'E09000012', requestedBoroughs: ['E09000007'] },
      'cases.list': { search: 'Okafor', states: ['referral_received'], borough: 'E09000012', sort: 'reference', direction: 'desc', offset: 0, limit: 50 },
      'cases.updatePolicy': policy,
      'partners.create': aPartnerInput({ name: 'Peabody', type: 'housing_association' }),
      'partners.update': { ...partner, approvalRouteNotes: 'Panel on Thursdays' },
      'partners.setStatus': { id: f.partnerId, status: 'suspended', statusChangedOn: '2026-03-09' },
      'partners.list': { search: 'hack', type: 'local_authority', status: 'active', borough: 'E09000012', sort: 'joinedOn', direction: 'desc' },
      'audit.list': { reference: 'PLHR-2026-0001', action: 'case.created', actor: 'Sam Coordinator', from: '2026-01-01', to: '2026-03-10', limit: 20 },
      'settings.updateGeneral': { coordinatorName: 'Sam Coordinator', autoLockMinutes: 10 },
    };
  };

  it('every sample is a request its channel accepts, so that spoiling one part is what gets tested', async () => {
    for (const [channel, sample] of Object.entries(await samples())) {
      expect(contract[channel as ChannelName].request.safeParse(sample).success, channel).toBe(true);
    }
  });

  eachChannel('%s: a good request spoiled in one place', async (channel) => {
    const sample = (await samples())[channel];
    if (sample === undefined) return;
    await fc.assert(
      fc.asyncProperty(spoiled(sample), async (payload) => {
        await f.hostileCall(channel, payload);
      }),
      { numRuns: FUZZ_RUNS * 4 },
    );
  });

  it('leaves the audit chain intact and the cases readable', async () => {
    expectChainIntact(f);
    for (const id of f.caseIds) expect((await f.t.call('cases.get', { id })).ok).toBe(true);
  });
});
