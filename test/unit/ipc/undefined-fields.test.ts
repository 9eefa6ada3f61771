import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, channelNames } from '../../../contract/channels';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeAll(async () => {
  t = createTestCore();
  await setUp(t);
});
afterAll(() => t.cleanup());

/** The request's own field names where it has them (so the test sends what a form would), else a made-up one. */
function keysOf(channel: (typeof channelNames)[number]): string[] {
  let schema: z.ZodType = contract[channel].request;
  for (let i = 0; i < 5 && !(schema instanceof z.ZodObject); i++) {
    const def = (schema as unknown as { def: { in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType } }).def;
    const inner = def.in ?? def.innerType ?? def.schema;
    if (!inner) break;
    schema = inner;
  }
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return keys.length ? keys : ['extra'];
}

describe('an undefined field is a validation error on every channel', () => {
  it('settings.updateGeneral {autoLockMinutes: undefined} answers VALIDATION and changes nothing', async () => {
    const before = (await t.call('settings.getGeneral')).value;
    const res = await t.call('settings.updateGeneral', { autoLockMinutes: undefined });
    expect(res.error).toMatchObject({
      code: 'VALIDATION',
      message: 'A field was sent with no value. Nothing was changed.',
      fields: { autoLockMinutes: 'This field has no value' },
    });
    expect((await t.call('settings.getGeneral')).value).toEqual(before);
  });

  it('every channel, each of its fields in turn, and nested ones', async () => {
    const auditBefore = (await t.call('audit.list', {})).value;
    for (const channel of channelNames) {
      for (const key of keysOf(channel)) {
        const res = await t.call(channel, { [key]: undefined });
        expect([channel, key, res.error?.code]).toEqual([channel, key, 'VALIDATION']);
      }
    }
    const nested = await t.call('partners.create', { name: 'A', contacts: [{ name: 'B', email: undefined }] });
    expect(nested.error).toMatchObject({ code: 'VALIDATION', fields: { 'contacts.0.email': 'This field has no value' } });
    // Nothing was written by any of them: the session is still unlocked and the log is as it was.
    expect(((await t.call('session.status')).value as { state: string }).state).toBe('unlocked');
    expect((await t.call('audit.list', {})).value).toEqual(auditBefore);
  });
});

describe('the preload bridge', () => {
  it('drops undefined keys from what the renderer sends, so its own optional fields are never refused', async () => {
    const { buildApi } = await import('../../../preload/build-api');
    const sent: unknown[] = [];
    const api = buildApi({ invoke: async (_c, payload) => (sent.push(payload), { ok: true, value: null }), subscribe: () => () => undefined });
    await api.settings.updateGeneral({ autoLockMinutes: undefined, coordinatorName: 'Sam' });
    expect(sent).toEqual([{ coordinatorName: 'Sam' }]);
  });
});
