import { z } from 'zod';
import { channel } from './channel';

/*
 * Demo mode (issue 14): a separate store, in its own folder with its own key, filled with a made-up scheme. The
 * passphrase is fixed and shown on screen: the data is fictional, and trainers need to open it without asking.
 */

export const DEMO_PASSPHRASE = 'demo store with made up cases only';
export const DEMO_COORDINATOR = 'Demo Coordinator';
/** `real` is the product's; `small` is a quick one-year scheme; `tiny` is for the end-to-end test. */
export const DEMO_SCALES = ['tiny', 'small', 'real'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export interface DemoStatus {
  /** This app is running on the demonstration store. */
  demo: boolean;
  /** The fixed passphrase of the demonstration store; null outside demo mode. */
  passphrase: string | null;
  /** The demonstration store already holds its made-up scheme. */
  filled: boolean;
  /** How much scheme to make when the store is first opened: `small` from the button, `real` from `npm run demo`. */
  scale: DemoScale;
  /** This app can switch between the real store and the demonstration store ("Try it with demo data", "Leave demo"). */
  canSwitch: boolean;
}

export interface DemoFillResult {
  partners: number;
  enquiries: number;
  referrals: number;
  circulated: number;
  moves: number;
}

export const demoChannels = {
  /**
   * "Try it with demo data" on the first-run (or unlock) screen: main leaves the real store untouched and locked, and
   * opens the demonstration store in its own folder with its own key (made on first use with the fixed passphrase).
   */
  'demo.enter': channel<DemoStatus>()(z.strictObject({})),
  /** "Leave demo": back to the real store, locked or at its first run, as it was. */
  'demo.leave': channel<DemoStatus>()(z.strictObject({})),
  'demo.status': channel<DemoStatus>()(z.strictObject({})),
  'demo.fill': channel<DemoFillResult>()(
    z.strictObject({
      scale: z.enum(DEMO_SCALES, { error: () => 'Choose tiny, small or real' }).default('small'),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .default(14),
    }),
  ),
};
