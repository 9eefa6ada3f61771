import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { delayAfter, MAX_DELAY_MS, UnlockThrottle } from '../../../main/vault/throttle';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import type { Timers } from '../../../main/ports';

function fakeTimers(start = 1_000_000): Timers & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined, advance: (ms) => (now += ms) };
}

describe('unlock throttling', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  it('waits longer after each failure past the third, up to a ceiling, never for ever', () => {
    expect([0, 1, 2].map(delayAfter)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(delayAfter)).toEqual([1000, 2000, 4000, 8000]);
    expect(delayAfter(40)).toBe(MAX_DELAY_MS);
    expect(delayAfter(10_000)).toBe(MAX_DELAY_MS);
  });

  it('remembers failures across restarts and resets on success', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throttle-'));
    const clock = fakeTimers();
    const file = path.join(dir, 'attempts.json');
    const a = new UnlockThrottle(file, clock.now);
    for (let i = 0; i < 4; i++) a.recordFailure();
    const b = new UnlockThrottle(file, clock.now);
    expect(b.retryAfterMs()).toBe(2000);
    clock.advance(2000);
    expect(b.retryAfterMs()).toBe(0);
    b.recordSuccess();
    expect(new UnlockThrottle(file, clock.now).failures).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses attempts while waiting, with the time left, even the right passphrase', async () => {
    const clock = fakeTimers();
    t = createTestCore({ timers: clock });
    await setUp(t);
    t.core.lock('manual');
    for (let i = 0; i < 3; i++) expect((await t.call('vault.unlock', { passphrase: 'wrong passphrase!' })).error?.code).toBe('WRONG_PASSPHRASE');
    const waiting = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(waiting.error).toMatchObject({ code: 'THROTTLED', message: expect.stringMatching(/Wait \d+ seconds?/) });
    expect((await t.call('session.status')).value).toMatchObject({ state: 'locked', retryAfterMs: 1000 });
    clock.advance(1000);
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
  });
});
