import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../contract/jobs';
import type { ExportResult } from '../../../contract/ledger';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from './ledger-fixture';

/*
 * Statement exports run on the job runner (main/jobs): the lines are read and the file laid out in a worker, with
 * progress, and Cancel stops it with nothing written and nothing audited.
 */

let t: TestCore;
let w: LedgerWorld;
beforeEach(async () => {
  t = createTestCore({ today: () => '2026-03-10' });
  w = new LedgerWorld(t);
  await setUp(t);
});
afterEach(() => t.cleanup());

const exportsAudited = () => w.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'ledger.statement_exported'", { pluck: true }).get() as number;

describe('statement exports on the job runner', () => {
  it('reports progress from the worker and writes the file and its audit entry on main', async () => {
    const hackney = await w.partner('Hackney Council', [BOROUGH.hackney]);
    const barnet = await w.partner('Barnet Homes', [BOROUGH.barnet]);
    await w.move(hackney, barnet, BOROUGH.barnet);
    const file = path.join(t.dataDir, 'statement.csv');
    t.dialogs.save.push(file);
    const res = await w.ok<ExportResult>('ledger.exportStatement', { partnerId: hackney, format: 'csv', password: '' });
    expect(res).toMatchObject({ cancelled: false, file: 'statement.csv', lines: 1 });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/Move out: case PLHR-/);
    const progress = t.events.filter((e) => e.type === 'progress' && e.kind === 'ledger.statementExport');
    expect(progress.map((e) => e.type === 'progress' && e.label)).toEqual(expect.arrayContaining(['Reading 1 statement lines', 'Writing the CSV']));
    expect(t.events.filter((e) => e.type === 'job' && e.kind === 'ledger.statementExport')).toEqual([expect.objectContaining({ outcome: 'finished' })]);
    expect(exportsAudited()).toBe(1);
  });

  it('stops when cancelled: no file, no audit entry, and the app keeps answering meanwhile', async () => {
    const hackney = await w.partner('Hackney Council', [BOROUGH.hackney]);
    // A long statement, written straight in: this test is about the export, not about how entries are made.
    const insert = w.db.prepare(
      `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, reason, recorded_at, actor)
       VALUES ('2026-02-01', 'contribution', NULL, ?, 1, 'Gave a flat', '2026-02-01T00:00:00Z', 'Sam')`,
    );
    w.db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run([hackney]);
    })();
    const file = path.join(t.dataDir, 'statement.pdf');
    t.dialogs.save.push(file);
    const running = t.call('ledger.exportStatement', { partnerId: hackney, format: 'pdf', password: '' });
    let jobs: JobInfo[] = [];
    while (jobs.length === 0) {
      jobs = ((await t.call('jobs.status')).value as { jobs: JobInfo[] }).jobs;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(jobs).toEqual([expect.objectContaining({ kind: 'ledger.statementExport', label: expect.any(String) })]);
    expect((await t.call('ledger.table', {})).ok).toBe(true);
    await t.call('jobs.cancel', { jobId: jobs[0]!.jobId });
    expect((await running).error).toMatchObject({ code: 'CANCELLED', message: 'The job was cancelled. Nothing was changed.' });
    expect(fs.existsSync(file)).toBe(false);
    expect(exportsAudited()).toBe(0);
  });
});
