import { create } from 'zustand';
import type { DemoStatus } from '../../../contract/demo';
import { api, errorMessage, unwrap } from '../services/api';
import { setDemoTitle } from '../services/title';
import { resetAllStores } from './reset';
import { useSession } from './session-store';

/*
 * Which store the window is on (issue 14). Not reset on lock: it holds no case data, only whether this is the
 * demonstration store, and the banner and title must say so behind the lock too.
 */
interface DemoStore {
  status: DemoStatus | null;
  /** Bumped when the demo fill ends, so that the screens open meanwhile read their data again. */
  generation: number;
  load(): Promise<void>;
  /** "Try it with demo data": main opens the demonstration store; the real one is left as it is. */
  enter(): Promise<void>;
  /** "Leave demo": back to the real store's unlock or first-run screen. */
  leave(): Promise<void>;
  /** The demo fill is running on main's job runner. */
  filling: boolean;
  problem: string | null;
  /** Fills an empty demonstration store once; a failure is shown, not retried. */
  fill(): Promise<void>;
}

export const useDemo = create<DemoStore>((set, get) => {
  const switched = async (status: DemoStatus) => {
    // Nothing read from one store may show in the other.
    resetAllStores();
    set({ status, problem: null });
    setDemoTitle(status.demo);
    await useSession.getState().refresh();
  };
  return {
    status: null,
    generation: 0,
    async load() {
      const status = await unwrap(api().demo.status({}));
      set({ status });
      setDemoTitle(status.demo);
    },
    async enter() {
      await switched(await unwrap(api().demo.enter({})));
    },
    async leave() {
      await switched(await unwrap(api().demo.leave({})));
    },
    filling: false,
    problem: null,
    async fill() {
      const { status, filling, problem } = get();
      if (!status?.demo || status.filled || filling || problem) return;
      set({ filling: true });
      try {
        await unwrap(api().demo.fill({ scale: status.scale }));
        set({ status: { ...status, filled: true }, generation: get().generation + 1 });
      } catch (err) {
        set({ problem: errorMessage(err) });
        await get()
          .load()
          .catch(() => undefined);
      } finally {
        set({ filling: false });
      }
    },
  };
});
