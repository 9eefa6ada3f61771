import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { verifyAuditChain } from '../../../main/audit/audit';

describe('a full disk', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('gets a plain message and leaves the data exactly as it was', async () => {
    t = createTestCore();
    await setUp(t);
    const db = t.core.services.db();
    // max_page_count makes SQLite report SQLITE_FULL exactly as it would when the disk runs out.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const auditCount = () => db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get();

    let lastGood = await t.call('settings.getGeneral');
    let lastAudits = auditCount();
    let res = { ok: true } as Awaited<ReturnType<TestCore['call']>>;
    for (let i = 0; i < 500 && res.ok; i++) {
      lastGood = await t.call('settings.getGeneral');
      lastAudits = auditCount();
      res = await t.call('settings.updateGeneral', { coordinatorName: `${'y'.repeat(90)}${i}` });
    }
    expect(res.ok).toBe(false);
    expect(res.error).toEqual({ code: 'DISK_FULL', message: 'The disk is full, so nothing was saved. Free some space and try again.' });

    // The failed change left nothing behind: the settings and the audit log are as they were before it.
    expect(await t.call('settings.getGeneral')).toEqual(lastGood);
    expect(auditCount()).toBe(lastAudits);
    expect(verifyAuditChain(db).ok).toBe(true);

    // With space again, work carries on.
    db.pragma('max_page_count = 1073741823');
    expect((await t.call('settings.updateGeneral', { coordinatorName: 'Sam' })).ok).toBe(true);
  });
});
