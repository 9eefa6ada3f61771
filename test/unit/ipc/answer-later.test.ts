import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../contract/case-views';
import { oneCaseStore } from '../helpers/one-case';
import { registryCalls } from '../helpers/registry-calls';
import { APP_SENDER, type TestCore } from '../helpers/test-core';

// A case action answers with the case page; an in-process caller that says it will not read the answer (the demo
// generator) gets null, and the action is stored just the same.

let t: TestCore;
let caseId: number;
const { ok } = registryCalls(() => t);
const auditCount = () => Number(t.core.services.db().prepare('SELECT count(*) FROM audit_log', { pluck: true }).get());

beforeEach(async () => {
  ({ t, caseId } = await oneCaseStore('2026-03-02'));
});
afterEach(() => t.cleanup());

describe('answers made only when read', () => {
  it('answers a note with the case page as it now is, by default', async () => {
    const page = await ok<CaseDetail>('cases.addNote', { id: caseId, kind: 'note', text: 'Spoke to the officer' });
    expect(page.id).toBe(caseId);
    expect(page.timeline.some((e) => e.text === 'Spoke to the officer')).toBe(true);
  });

  it('answers null when the caller will not read it, and still stores the note with its audit entry', async () => {
    const before = auditCount();
    const res = await t.core.registry.dispatch('cases.addNote', { id: caseId, kind: 'note', text: 'Left a message' }, APP_SENDER, { answer: false });
    expect(res).toEqual({ ok: true, value: null });
    expect(auditCount()).toBe(before + 1);
    const page = await ok<CaseDetail>('cases.get', { id: caseId });
    expect(page.timeline.some((e) => e.text === 'Left a message')).toBe(true);
  });

  it('still refuses a bad request in full when no answer is wanted', async () => {
    const res = await t.core.registry.dispatch('cases.addNote', { id: caseId, kind: 'note', text: '' }, APP_SENDER, { answer: false });
    expect(res.ok).toBe(false);
    expect(res.ok === false && res.error.code).toBe('VALIDATION');
  });

  it('answers a call that has only its answer to give, whatever the caller says', async () => {
    const res = await t.core.registry.dispatch('cases.get', { id: caseId }, APP_SENDER, { answer: false });
    expect(res.ok && (res.value as CaseDetail).id).toBe(caseId);
  });
});
