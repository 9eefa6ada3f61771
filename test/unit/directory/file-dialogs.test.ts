import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS } from '../../../main/directory/csv-format';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { aPartnerInput } from './builders';

/*
 * Import and export through the file dialogs, where the file system can refuse: a folder that is gone, a file open
 * in Excel, something that is not a file. The coordinator gets a message that says what to do, and nothing is
 * recorded as done that was not done.
 */

describe('directory files chosen in a dialog', () => {
  let t: TestCore;
  let outside: string;
  afterEach(() => {
    t.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const exports = () =>
    (t.core.services.db().prepare("SELECT count(*) FROM audit_log WHERE action = 'directory.exported'", { pluck: true }).get() as number) ?? 0;

  async function start() {
    t = createTestCore();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-dialogs-'));
    await setUp(t);
    expect((await t.call('partners.create', aPartnerInput())).ok).toBe(true);
  }

  it('an export to a place that cannot be written says so, and is not audited as done', async () => {
    await start();
    t.dialogs.save.push(path.join(outside, 'gone', 'directory.csv'));
    const res = await t.call('partners.export');
    expect(res.error?.code).toBe('IO');
    expect(res.error?.message).toMatch(/could not be saved there/);
    expect(exports()).toBe(0);

    const folder = path.join(outside, 'a-folder.csv');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside'), 'x');
    t.dialogs.save.push(folder);
    expect((await t.call('partners.export')).error?.code).toBe('IO');
    expect(fs.readdirSync(outside).sort()).toEqual(['a-folder.csv']);
    expect(exports()).toBe(0);

    t.dialogs.save.push(path.join(outside, 'directory.csv'));
    expect((await t.call('partners.export')).value).toMatchObject({ cancelled: false, partners: 1 });
    expect(exports()).toBe(1);
  });

  it('an import of a file that is missing or not a file explains, rather than failing obscurely', async () => {
    await start();
    t.dialogs.open.push(path.join(outside, 'missing.csv'));
    const missing = await t.call('partners.importPreview');
    expect(missing.value).toMatchObject({ cancelled: false, status: 'file_error', fileName: 'missing.csv' });
    expect((missing.value as { message: string }).message).toMatch(/could not be read/);

    t.dialogs.open.push(outside);
    expect((await t.call('partners.importPreview')).value).toMatchObject({
      status: 'file_error',
      message: 'That is not a file. Choose the CSV file to import.',
    });
  });

  it('a later preview, even one that fails, retires the token of an earlier one', async () => {
    await start();
    const file = path.join(outside, 'import.csv');
    const row = [
      'Peabody',
      'Housing association',
      'Active',
      '01/04/2020',
      '01/04/2020',
      'Hackney',
      '',
      'Named Lead',
      'Lee Lead',
      '',
      '',
      'lee@example.org',
      '',
    ];
    fs.writeFileSync(file, `${DIRECTORY_COLUMNS.join(',')}\r\n${row.join(',')}\r\n`);
    t.dialogs.open.push(file);
    const first = (await t.call('partners.importPreview')).value as { token: string };
    t.dialogs.open.push(path.join(outside, 'missing.csv'));
    await t.call('partners.importPreview');
    expect((await t.call('partners.importConfirm', { token: first.token })).error?.code).toBe('CONFLICT');
  });
});
