import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestCore } from './test-core';

export interface CirculateOptions {
  /** The day it was sent, when a test's story has it earlier than its today (the app's clock is set to it). */
  on?: string | undefined;
  /** Why the coordinator goes ahead although the home landlord has left or is suspended. */
  overrideReason?: string | undefined;
}

/**
 * Circulates a case the only way the app allows (issue 9): `circulation.plan`, then `circulation.send` with the save
 * dialog answered, so the pack and its recipients are recorded as they are from the case's Circulation panel.
 * The pack is written to a temporary folder and removed afterwards: only its record matters to the caller.
 * Needs an active partner with a circulation contact holding stock in a requested borough (else the plan is blocked).
 */
export async function circulate(t: Pick<TestCore, 'call' | 'dialogs' | 'onDay'>, caseId: number, options: CirculateOptions = {}): Promise<void> {
  const send = async () => {
    const plan = await t.call('circulation.plan', { caseId });
    if (!plan.ok) throw new Error(`circulation.plan failed: ${plan.error?.code} ${plan.error?.message}`);
    const { planKey, blockedBecause } = plan.value as { planKey: string; blockedBecause: string | null };
    if (blockedBecause !== null) throw new Error(`The case cannot be circulated: ${blockedBecause}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-pack-'));
    try {
      t.dialogs.save.push(path.join(dir, 'pack.pdf'));
      const override = options.overrideReason === undefined ? {} : { overrideReason: options.overrideReason };
      const sent = await t.call('circulation.send', { caseId, encrypt: false, planKey, ...override });
      if (!sent.ok) throw new CirculateRefused(sent.error?.code ?? 'UNKNOWN', sent.error?.message ?? '');
      if ((sent.value as { cancelled: boolean }).cancelled) throw new Error('circulation.send was cancelled');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  await (options.on === undefined ? send() : t.onDay(options.on, send));
}

/** `circulation.send` refused the send: its code and message, for tests that expect a refusal. */
export class CirculateRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
