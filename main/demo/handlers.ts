import { DEMO_PASSPHRASE, type DemoScale, type DemoStatus } from '../../contract/demo';
import type { IsoDate } from '../../contract/calendar-date';
import type { AppServices } from '../app/services';
import { AppFailure } from '../errors';
import type { IpcRegistry, SenderInfo } from '../ipc/registry';
import type { JobRunner } from '../jobs/runner';
import { circulateForDemo } from './demo-circulation';
import type { DemoAsk } from './fill-job';

/** How the host switches the whole app between the real store and the demonstration store (`main/app/core-host.ts`). */
export interface DemoSwitch {
  /** Each answers the status of the store switched to. */
  enter(sender: SenderInfo): Promise<DemoStatus>;
  leave(sender: SenderInfo): Promise<DemoStatus>;
}

export interface DemoDeps {
  demo: boolean;
  scale: DemoScale;
  isUnlocked(): boolean;
  /** Moves the app's today while the scheme is made; null gives the real today back. */
  setToday(day: IsoDate | null): void;
  baseToday(): IsoDate;
  jobs: JobRunner;
  /** Absent where the app cannot switch stores (unit tests of a single core). */
  switcher?: DemoSwitch;
}

/** What the fill's worker may not ask main to do: nothing that opens, locks, restores or switches a store. */
const OFF_LIMITS = /^(demo|vault|session|database|restore|jobs)\./;

/** Demo mode's channels (issue 14). Filling goes through the registry, so every rule and audit entry holds. */
export function registerDemoHandlers(registry: IpcRegistry, services: AppServices, deps: DemoDeps): void {
  const filled = () => deps.isUnlocked() && (services.db().prepare('SELECT count(*) FROM partners', { pluck: true }).get() as number) > 0;
  const status = (): DemoStatus => ({
    demo: deps.demo,
    passphrase: deps.demo ? DEMO_PASSPHRASE : null,
    filled: deps.demo && filled(),
    scale: deps.scale,
    canSwitch: deps.switcher !== undefined,
  });

  registry.register('demo.status', status);

  registry.register('demo.enter', async (_req, sender) => {
    if (deps.demo) return status();
    if (!deps.switcher) throw new AppFailure('RULE', 'This copy of Reciprocal cannot open the demonstration store. Nothing was changed.');
    // The real store is left exactly as it is; an open one would first have to be locked by the coordinator.
    if (deps.isUnlocked()) throw new AppFailure('RULE', 'Lock Reciprocal before trying the demonstration store. Nothing was changed.');
    return deps.switcher.enter(sender);
  });

  registry.register('demo.leave', async (_req, sender) => {
    if (!deps.demo) return status();
    if (!deps.switcher) throw new AppFailure('RULE', 'This copy of Reciprocal cannot leave the demonstration store. Nothing was changed.');
    return deps.switcher.leave(sender);
  });

  registry.register('demo.fill', async (req, sender) => {
    // Made-up cases must never land in a real store.
    if (!deps.demo) throw new AppFailure('RULE', 'Demo data can only be made in the demonstration store. Nothing was changed.');
    if (!deps.isUnlocked()) throw new AppFailure('LOCKED', 'Unlock the demonstration store first. Nothing was changed.');
    if (filled()) throw new AppFailure('RULE', 'The demonstration store already holds its demo data. Nothing was changed.');
    const endOn = deps.baseToday();
    // On the job runner (a second fill meanwhile answers CONFLICT): the worker decides each step and asks main to do
    // it, one short audited transaction through the registry at a time, so the window is answered between steps.
    const onAsk = async (request: unknown) => {
      const ask = request as DemoAsk;
      if (ask.op === 'today') return void deps.setToday(ask.day);
      if (ask.op === 'circulate' && Number.isInteger(ask.caseId)) return circulateForDemo(services, ask.caseId);
      if (ask.op === 'call' && typeof ask.channel === 'string' && !OFF_LIMITS.test(ask.channel))
        return registry.dispatch(ask.channel, ask.payload, sender, { answer: ask.answer !== false });
      throw new AppFailure('RULE', 'The demo fill asked for something it may not do. Nothing was changed.');
    };
    try {
      const s = await deps.jobs.run('demo.fill', { seed: req.seed, scale: req.scale, endOn }, { onAsk });
      return {
        partners: s.partners,
        enquiries: s.enquiries,
        referrals: s.referrals,
        circulated: s.circulated,
        moves: s.moves.reciprocal + s.moves.housingMoves,
      };
    } catch (err) {
      // Each step was saved as it was made: say so rather than the runner's "Nothing was changed".
      if (err instanceof AppFailure && err.code === 'CANCELLED')
        throw new AppFailure('CANCELLED', 'Making demo data was stopped. The demonstration store keeps the made-up cases made so far.');
      throw err;
    } finally {
      deps.setToday(null);
    }
  });
}
