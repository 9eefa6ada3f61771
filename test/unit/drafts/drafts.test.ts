import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Draft, DraftSummary } from '../../../contract/drafts';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import { tableSnapshot } from '../helpers/table-snapshot';

// "No lost typing": drafts of unsaved forms kept by main, through the IPC registry.

let t: TestCore;
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
  return res.value as T;
};
const body = (fullName: string) => JSON.stringify({ fullName, riskSummary: 'Seen outside the block' });

beforeEach(async () => {
  t = createTestCore({ today: () => '2026-03-02' });
  await setUp(t);
});
afterEach(() => t.cleanup());

describe('drafts', () => {
  it('keeps an unsaved referral through a lock and a restart, encrypted in the database, until it is saved', async () => {
    await ok('drafts.save', { key: 'referral:new', body: body('Amara') });
    await ok('drafts.save', { key: 'referral:new', body: body('Amara Okafor') });

    // Ctrl+L, then a crash: the app is closed without warning and started again.
    await ok('session.lock');
    t.restart();
    await ok('vault.unlock', { passphrase: PASSPHRASE });

    const list = await ok<DraftSummary[]>('drafts.list');
    expect(list).toEqual([{ key: 'referral:new', kind: 'referral', caseId: null, reference: null, updatedAt: expect.any(String) }]);
    // The list that offers drafts back names no applicant.
    expect(JSON.stringify(list)).not.toContain('Amara');
    const draft = await ok<Draft>('drafts.get', { key: 'referral:new' });
    expect(JSON.parse(draft.body)).toEqual({ fullName: 'Amara Okafor', riskSummary: 'Seen outside the block' });

    // Encrypted at rest: the name is nowhere in the files on disk.
    for (const file of fs.readdirSync(t.dataDir)) {
      const full = path.join(t.dataDir, file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(Buffer.from('Amara Okafor')), file).toBe(false);
    }

    // Starting and ending the draft are in the audit log; the saves in between are not, and neither is the name.
    expect(await ok('drafts.discard', { key: 'referral:new', saved: true })).toEqual({ discarded: true });
    expect(await ok('drafts.get', { key: 'referral:new' })).toBeNull();
    const audit = await ok<{ entries: { action: string; summary: string }[] }>('audit.list', {});
    const drafts = audit.entries.filter((e) => e.action.startsWith('draft.'));
    expect(drafts.map((e) => e.summary)).toEqual(['Draft of a new referral saved', 'Draft of a new referral kept']);
    expect(JSON.stringify(audit)).not.toContain('Amara');
  });

  it('refuses a draft for a form that does not keep drafts, or a body that is not JSON, with nothing changed', async () => {
    const db = t.core.services.db();
    const before = tableSnapshot(db);
    for (const payload of [
      { key: 'settings', body: '{}' },
      { key: 'referral:new', body: 'not json' },
      { key: 'case:99:edit', body: '{}' },
      { key: 'referral:new', body: `"${'x'.repeat(95_000)}"` },
    ]) {
      const res = await t.call('drafts.save', payload);
      expect(res.ok, payload.key).toBe(false);
    }
    expect(await t.call('drafts.discard', { key: 'referral:new' })).toEqual({ ok: true, value: { discarded: false } });
    expect(tableSnapshot(db)).toEqual(before);
  });
});
