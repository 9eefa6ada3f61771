import { circulateForDemo } from '../../../main/demo/demo-circulation';
import { generateScheme, type GeneratedSummary } from '../../../main/demo/generator';
import type { ScaleName } from '../../../main/demo/scales';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

/** A fresh store filled by the generator through the real registry, with the app's today driven by the generator. */
export async function generatedStore(
  seed: number,
  { scale = 'small', endOn = '2026-11-30', ledgerCap, memorySecurity }: { scale?: ScaleName; endOn?: string; ledgerCap?: number; memorySecurity?: false } = {},
): Promise<{ t: TestCore; summary: GeneratedSummary }> {
  let today = endOn;
  const t = createTestCore({ today: () => today, ...(memorySecurity === false ? { memorySecurity } : {}) });
  await setUp(t);
  const summary = await generateScheme(
    { call: (channel, payload) => t.call(channel, payload), setToday: (d) => void (today = d), circulate: async (id) => circulateForDemo(t.core.services, id) },
    { seed, scale, endOn, ...(ledgerCap === undefined ? {} : { ledgerCap }) },
  );
  return { t, summary };
}
