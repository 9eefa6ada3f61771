import type { IsoDate } from '../../contract/calendar-date';
import { defineJob } from '../jobs/job-kind';
import { generateScheme, type CallResult, type GeneratedSummary } from './generator';
import type { ScaleName } from './scales';

/** What the demo fill's worker asks main to do: one call through main's registry, or a move of the app's today. */
export type DemoAsk = { op: 'call'; channel: string; payload: unknown; answer?: boolean } | { op: 'today'; day: IsoDate } | { op: 'circulate'; caseId: number };

export interface DemoFillInput {
  seed: number;
  scale: ScaleName;
  endOn: IsoDate;
}

/**
 * The demo fill (issue 14) on the job runner. The generator's decisions are made here, in the worker; each step is
 * asked of main, which does it through its own registry as one short audited transaction, exactly as the renderer's
 * calls are. Between steps main's event loop is free, so the window keeps being answered; cancel stops at the next
 * step. The worker's own connection is read-only and unused: a job never writes the store.
 */
export const demoFillJob = defineJob({
  label: 'Making demo data',
  cancel: 'cooperative',
  async run(ctx, input: DemoFillInput): Promise<GeneratedSummary> {
    const ask = (request: DemoAsk) => ctx.ask(request);
    return generateScheme(
      {
        call: async (channel, payload, options) => (await ask({ op: 'call', channel, payload, answer: options?.answer })) as CallResult,
        setToday: async (day) => {
          await ask({ op: 'today', day });
        },
        circulate: async (caseId) => {
          await ask({ op: 'circulate', caseId });
        },
      },
      {
        seed: input.seed,
        scale: input.scale,
        endOn: input.endOn,
        signal: ctx.signal,
        onProgress: (done, total) => {
          ctx.throwIfCancelled();
          ctx.onProgress(done, total, 'Making demo data');
        },
      },
    );
  },
});
