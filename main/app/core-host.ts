import path from 'node:path';
import { DEMO_COORDINATOR, DEMO_PASSPHRASE, type DemoStatus } from '../../contract/demo';
import type { LockReason } from '../../contract/session';
import { AppFailure } from '../errors';
import type { SenderInfo } from '../ipc/registry';
import { createAppCore, type AppCore, type CoreOptions } from './core';

export interface CoreHostOptions extends Omit<CoreOptions, 'paths' | 'demo' | 'demoSwitch' | 'memorySecurity'> {
  /** The real store's data folder; the demonstration store lives in its `demo` subfolder. */
  dataDir: string;
  /** Start on the demonstration store (`npm run demo`). */
  startInDemo?: boolean;
}

/** The demonstration store's folder: its own database and its own key, beside the real store and never inside it. */
export function demoDataDir(dataDir: string): string {
  return path.join(dataDir, 'demo');
}

/**
 * Holds the one app core that answers the window, and swaps it between the real store and the demonstration store
 * (issue 14, "Try it with demo data" and "Leave demo"). Each store has its own core: its own session, key, jobs and
 * backup schedule. Switching locks the core being left, so nothing of one store is open while the other is used,
 * and the real store is never opened, written or moved by the demo.
 */
export class CoreHost {
  private core: AppCore;

  constructor(private readonly options: CoreHostOptions) {
    this.core = this.make(options.startInDemo ?? false);
  }

  get current(): AppCore {
    return this.core;
  }

  dispatch(channel: unknown, payload: unknown, sender: SenderInfo): ReturnType<AppCore['registry']['dispatch']> {
    return this.core.registry.dispatch(channel, payload, sender);
  }

  lock(reason: LockReason): void {
    this.core.lock(reason);
  }

  close(): void {
    this.core.close();
  }

  private make(demo: boolean): AppCore {
    const { dataDir, startInDemo: _start, ...rest } = this.options;
    return createAppCore({
      ...rest,
      paths: { dataDir: demo ? demoDataDir(dataDir) : dataDir },
      demo,
      demoSwitch: { enter: (sender) => this.enterDemo(sender), leave: (sender) => this.leaveDemo(sender) },
    });
  }

  /** Opens the demonstration store (made on first use, with its fixed passphrase shown on screen), then swaps. */
  private async enterDemo(sender: SenderInfo): Promise<DemoStatus> {
    const demo = this.make(true);
    try {
      const state = demo.session.status().state;
      if (state === 'needs-setup') {
        await expectOk(demo, 'vault.create', { coordinatorName: DEMO_COORDINATOR, passphrase: DEMO_PASSPHRASE, confirmPassphrase: DEMO_PASSPHRASE }, sender);
        // The passphrase is fixed and shown on the banner: the demonstration store needs no recovery key kept.
        await expectOk(demo, 'vault.confirmRecoveryKey', {}, sender);
      } else if (state === 'locked') {
        await expectOk(demo, 'vault.unlock', { passphrase: DEMO_PASSPHRASE }, sender);
      } else if (state === 'damaged') {
        throw new AppFailure('RULE', 'The demonstration store is damaged. Your own store was not touched. Nothing was changed.');
      }
    } catch (err) {
      demo.close();
      throw err;
    }
    const real = this.core;
    this.core = demo;
    real.close();
    return statusOf(demo, sender);
  }

  /** Back to the real store, as it was: locked, or at its first run. */
  private async leaveDemo(sender: SenderInfo): Promise<DemoStatus> {
    const real = this.make(false);
    const demo = this.core;
    this.core = real;
    demo.close();
    return statusOf(real, sender);
  }
}

async function statusOf(core: AppCore, sender: SenderInfo): Promise<DemoStatus> {
  const res = await core.registry.dispatch('demo.status', {}, sender);
  if (!res.ok) throw new AppFailure(res.error.code, res.error.message);
  return res.value as DemoStatus;
}

async function expectOk(core: AppCore, channel: string, payload: unknown, sender: SenderInfo): Promise<void> {
  const res = await core.registry.dispatch(channel, payload, sender);
  if (!res.ok) throw new AppFailure(res.error.code, `The demonstration store could not be opened: ${res.error.message}`);
}
