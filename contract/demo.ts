import { z } from 'zod';
import { channel } from './channel';

/*
 * Demo mode (issue 14): a separate store, in its own folder with its own key, filled with a made-up scheme. The
 * passphrase is fixed and shown on screen: the data is fictional, and trainers need to open it without asking.
 */

export const DEMO_PASSPHRASE = 'demo store with made up cases only';
export const DEMO_COORDINATOR = 'Demo Coordinator';
export const DEMO_SCALES = ['small', 'real'] as const;
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
}

export interface DemoFillResult {
  partners: number;
  enquiries: number;
  referrals: number;
  circulated: number;
  moves: number;
}

export const demoChannels = {
  'demo.status': channel<DemoStatus>()(z.strictObject({})),
  'demo.fill': channel<DemoFillResult>()(
    z.strictObject({
      scale: z.enum(DEMO_SCALES, { error: () => 'Choose small or real' }).default('small'),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .default(14),
    }),
  ),
};
