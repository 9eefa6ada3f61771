import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { IpcRegistry } from '../../../main/ipc/registry';
import { silentLogger } from '../../../main/log/logger';
import { contract } from '../../../contract/channels';
import { channel } from '../../../contract/channel';
import { exceedsLimits } from '../../../main/ipc/payload-limits';
import { aReferral } from '../cases/referral-builder';

function auditCount(t: TestCore): number {
  return Number(t.core.services.db().prepare('SELECT count(*) FROM audit_log', { pluck: true }).get());
}

describe('IPC registry', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('rejects an invalid payload with a field-level message and changes nothing', async () => {
    t = createTestCore();
    await setUp(t);
    const before = await t.call('settings.getGeneral');
    const audits = auditCount(t);
    const res = await t.call('settings.updateGeneral', { autoLockMinutes: 0, coordinatorName: 'Changed' });
    expect(res.ok).toBe(false);
    expect(res.error).toMatchObject({ code: 'VALIDATION', fields: { autoLockMinutes: 'Auto-lock must be at least 1 minute' } });
    expect(res.error?.message).toContain('Nothing was changed');
    expect(await t.call('settings.getGeneral')).toEqual(before);
    expect(auditCount(t)).toBe(audits);
  });

  it('refuses fields the contract does not know, and payloads that are not objects', async () => {
    t = createTestCore();
    await setUp(t);
    const extra = await t.call('settings.updateGeneral', { autoLockMinutes: 10, isAdmin: true });
    expect(extra.error?.code).toBe('VALIDATION');
    expect(extra.error?.fields).toHaveProperty('isAdmin');
    expect((await t.call('settings.getGeneral')).value).toMatchObject({ autoLockMinutes: 5 });
    expect((await t.call('settings.updateGeneral', 'autoLockMinutes=10')).error?.code).toBe('VALIDATION');
  });

  it('answers an unknown channel with a typed error', async () => {
    t = createTestCore();
    for (const channel of ['db.exec', '__proto__', 'constructor', 42, null]) {
      const res = await t.core.registry.dispatch(channel, {}, { url: 'app://reciprocal/index.html', isMainFrame: true });
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses senders that are not the app’s own main frame', async () => {
    t = createTestCore();
    for (const sender of [
      { url: 'https://evil.example/', isMainFrame: true },
      { url: 'app://reciprocal/index.html', isMainFrame: false },
      { url: 'file:///tmp/x.html', isMainFrame: true },
    ]) {
      expect(await t.core.registry.dispatch('session.status', {}, sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('refuses duplicate registrations and channels outside the contract', () => {
    const registry = new IpcRegistry({ isTrustedSender: () => true, logger: silentLogger });
    registry.register('session.status', () => ({
      state: 'locked',
      mustChangePassphrase: false,
      retryAfterMs: 0,
      coordinatorName: null,
      damage: null,
      recoveryKeyUnconfirmed: false,
    }));
    expect(() =>
      registry.register('session.status', () => ({
        state: 'locked',
        mustChangePassphrase: false,
        retryAfterMs: 0,
        coordinatorName: null,
        damage: null,
        recoveryKeyUnconfirmed: false,
      })),
    ).toThrow(/already/);
    expect(() =>
      registry.register('nope.nothing' as 'session.status', () => ({
        state: 'locked',
        mustChangePassphrase: false,
        retryAfterMs: 0,
        coordinatorName: null,
        damage: null,
        recoveryKeyUnconfirmed: false,
      })),
    ).toThrow(/not in the contract/);
    expect(registry.missing()).toContain('vault.unlock');
  });

  it('every channel in the contract has a handler in the app core', () => {
    t = createTestCore();
    expect(t.core.registry.missing()).toEqual([]);
    expect(Object.keys(contract).length).toBeGreaterThan(10);
  });

  it('refuses data channels while locked', async () => {
    t = createTestCore();
    await setUp(t);
    t.core.lock('manual');
    expect((await t.call('settings.getGeneral')).error).toMatchObject({ code: 'LOCKED', message: 'Reciprocal is locked. Unlock it to continue.' });
    expect(t.events).toContainEqual({ type: 'locked', reason: 'manual' });
  });

  it('refuses a huge request before zod walks it, and says nothing about its content', async () => {
    const request = z.strictObject({ boroughs: z.array(z.string().max(9)).max(33), note: z.string().max(2000).default('') });
    const parse = vi.spyOn(request, 'safeParse');
    const handler = vi.fn(() => null);
    const warnings: string[] = [];
    const registry = new IpcRegistry({
      isTrustedSender: () => true,
      logger: { ...silentLogger, warn: (event) => warnings.push(event) },
      contract: { 'cases.addBoroughs': channel<null>()(request) },
    });
    registry.register('cases.addBoroughs', handler as unknown as Parameters<typeof registry.register<'cases.addBoroughs'>>[1]);
    const sender = { url: 'app://reciprocal/index.html', isMainFrame: true };

    for (const payload of [
      { boroughs: new Array(10_000_000).fill('E09000001') },
      { boroughs: [], note: 'x'.repeat(50_000_000) },
      { boroughs: [], note: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown },
      { boroughs: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) },
    ]) {
      const res = await registry.dispatch('cases.addBoroughs', payload, sender);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(res).length).toBeLessThan(300);
    }
    expect(parse).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
    expect(warnings).toEqual(Array(4).fill('ipc.oversized_payload'));

    // A normal request still goes through.
    expect(await registry.dispatch('cases.addBoroughs', { boroughs: ['E09000001'] }, sender)).toEqual({ ok: true, value: null });
  });

  it('leaves room for the largest request a form can send', () => {
    const officer = aReferral().nominatingOfficers[0]!;
    const biggest = {
      id: 1,
      reason: 'x'.repeat(2000),
      referral: {
        ...aReferral(),
        nominatingOfficers: Array(10).fill({ ...officer, name: 'x'.repeat(200) }),
        household: Array(20).fill({ kind: 'adult', age: 30, sexOrGender: 'female' }),
        risk: { ...aReferral().risk, summary: 'x'.repeat(4000) },
      },
    };
    expect(exceedsLimits(biggest)).toBe(false);
    expect(exceedsLimits({ bankHolidays: Array(400).fill('2026-12-25') })).toBe(false);
  });
});
