import { DEMO_PASSPHRASE, type DemoScale } from '../../contract/demo';
import type { IsoDate } from '../../contract/calendar-date';
import type { AppServices } from '../app/services';
import { AppFailure } from '../errors';
import type { IpcRegistry } from '../ipc/registry';
import { circulateForDemo } from './demo-circulation';
import { generateScheme } from './generator';

export interface DemoDeps {
  demo: boolean;
  scale: DemoScale;
  isUnlocked(): boolean;
  /** Moves the app's today while the scheme is made; null gives the real today back. */
  setToday(day: IsoDate | null): void;
  baseToday(): IsoDate;
}

/** Demo mode's two channels (issue 14). Filling goes through the registry, so every rule and audit entry holds. */
export function registerDemoHandlers(registry: IpcRegistry, services: AppServices, deps: DemoDeps): void {
  const filled = () => deps.isUnlocked() && (services.db().prepare('SELECT count(*) FROM partners', { pluck: true }).get() as number) > 0;
  let filling = false;

  registry.register('demo.status', () => ({
    demo: deps.demo,
    passphrase: deps.demo ? DEMO_PASSPHRASE : null,
    filled: deps.demo && filled(),
    scale: deps.scale,
  }));

  registry.register('demo.fill', async (req, sender) => {
    // Made-up cases must never land in a real store.
    if (!deps.demo) throw new AppFailure('RULE', 'Demo data can only be made in the demonstration store. Nothing was changed.');
    if (!deps.isUnlocked()) throw new AppFailure('LOCKED', 'Unlock the demonstration store first. Nothing was changed.');
    if (filling || filled()) throw new AppFailure('RULE', 'The demonstration store already holds its demo data. Nothing was changed.');
    filling = true;
    const endOn = deps.baseToday();
    try {
      const s = await generateScheme(
        {
          call: (channel, payload) => registry.dispatch(channel, payload, sender) as ReturnType<Parameters<typeof generateScheme>[0]['call']>,
          setToday: (day) => deps.setToday(day),
          circulate: async (caseId) => circulateForDemo(services, caseId),
        },
        {
          seed: req.seed,
          scale: req.scale,
          endOn,
          // Each step is its own short transaction on the main connection; between them the window is answered.
          onProgress: (done, total) => services.emit({ type: 'progress', taskId: 'demo.fill', kind: 'demo.fill', done, total, label: 'Making demo data' }),
        },
      );
      return {
        partners: s.partners,
        enquiries: s.enquiries,
        referrals: s.referrals,
        circulated: s.circulated,
        moves: s.moves.reciprocal + s.moves.housingMoves,
      };
    } finally {
      deps.setToday(null);
      filling = false;
    }
  });
}
