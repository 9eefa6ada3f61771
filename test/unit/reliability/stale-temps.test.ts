import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFolders, isOurTempName } from '../../../main/privacy/stale-temp';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';

/*
 * Issue 15: a kill part-way through an export leaves the hidden temporary file the export was being written to
 * (`.<name>.<pid>.<hex>.tmp` or `.<name>.<hex>.tmp`), holding part of a pack, a report or a statement. The app removes
 * those of an earlier run: from the data folder at start-up, and from every folder it has saved an export to at
 * unlock (noted in the encrypted store with the export's own change). Anything else (the coordinator's own files, our pattern written during this run) stays.
 */

const LONG_AGO = new Date('2020-01-01T00:00:00Z');

function plant(folder: string, name: string, old: boolean): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, '%PDF-1.7 half of a pack');
  if (old) fs.utimesSync(file, LONG_AGO, LONG_AGO);
  return file;
}

describe('temporary files a kill leaves behind', () => {
  let t: TestCore | undefined;
  const folders: string[] = [];
  afterEach(() => {
    t?.cleanup();
    for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
  });

  it('knows its own naming pattern and nobody else’s', () => {
    expect(isOurTempName('.reciprocal-year-end-2025-04-01-to-2026-03-31-internal.pdf.4242.0123456789ab.tmp')).toBe(true);
    expect(isOurTempName('.pack-PLHR-2026-0001.pdf.0123456789ab.tmp')).toBe(true);
    for (const name of [
      'report.pdf',
      '.report.pdf.tmp',
      'report.pdf.0123456789ab.tmp',
      '.~lock.report.csv#',
      '.report.pdf.0123456789.tmp',
      '.x.0123456789AB.tmp',
    ]) {
      expect(isOurTempName(name), name).toBe(false);
    }
  });

  it('removes an earlier run’s leftovers from the data folder at start and from the export folders at unlock', { timeout: 120_000 }, async () => {
    t = createTestCore({ today: () => '2026-03-02' });
    await setUp(t);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-exports-'));
    folders.push(out);
    // An export saved to `out`: the app notes the folder (in the encrypted store, audited).
    t.dialogs.save.push(path.join(out, 'report.csv'));
    const res = await t.call('reports.export', { report: 'year_end', format: 'csv', from: '2025-04-01', to: '2026-03-31', mode: 'publishable' });
    expect(res.ok, res.error?.message).toBe(true);
    expect(exportFolders(t.core.services.db())).toEqual([out]);
    // An export refused after its dialog (the folder chosen has gone) notes nothing: its change, which would have
    // carried the note, never happens, and a later change of another call does not pick the folder up.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-refused-'));
    folders.push(other);
    t.dialogs.save.push(path.join(other, 'gone', 'report.csv'));
    const refused = await t.call('reports.export', { report: 'year_end', format: 'csv', from: '2025-04-01', to: '2026-03-31', mode: 'publishable' });
    expect(refused.ok).toBe(false);
    expect(t.dialogs.save).toHaveLength(0);
    expect((await t.call('settings.updateGeneral', { autoLockMinutes: 10 })).ok).toBe(true);
    expect(exportFolders(t.core.services.db())).toEqual([out]);
    // Calls made while an export's report is being made (activity pings, another change) neither drop its folder nor
    // take it: the export's own change notes it.
    const third = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-busy-'));
    folders.push(third);
    t.dialogs.save.push(path.join(third, 'report.csv'));
    const busy = t.call('reports.export', { report: 'year_end', format: 'csv', from: '2025-04-01', to: '2026-03-31', mode: 'publishable' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await t.call('session.activity', {})).ok).toBe(true);
    expect((await t.call('settings.updateGeneral', { autoLockMinutes: 11 })).ok).toBe(true);
    expect(exportFolders(t.core.services.db())).toEqual([out]);
    const done = await busy;
    expect(done.ok, done.error?.message).toBe(true);
    expect(exportFolders(t.core.services.db())).toEqual([third, out]);

    // What a kill leaves: temporary files of ours from before this run, beside the coordinator's own files.
    const staleExport = plant(out, '.report.csv.999999.0123456789ab.tmp', true);
    const stalePack = plant(out, '.pack-PLHR-2026-0001.pdf.abcdef012345.tmp', true);
    const staleKey = plant(t.dataDir, '.reciprocal.key.json.999999.0123456789ab.tmp', true);
    const kept = [plant(out, '.notes.tmp', true), plant(out, 'report.pdf', true), plant(out, '.report.csv.1.fedcba987654.tmp', false)];

    // Locked, the export folders are not read (their list is encrypted); the data folder is tidied at start.
    t.core.lock('manual');
    t.restart();
    expect(fs.existsSync(staleKey)).toBe(false);
    expect(fs.existsSync(staleExport)).toBe(true);
    const unlocked = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(unlocked.ok, unlocked.error?.message).toBe(true);
    expect(fs.existsSync(staleExport)).toBe(false);
    expect(fs.existsSync(stalePack)).toBe(false);
    for (const file of kept) expect(fs.existsSync(file), file).toBe(true);
    expect(fs.existsSync(path.join(out, 'report.csv'))).toBe(true);
  });
});
