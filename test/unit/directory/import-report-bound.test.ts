import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS } from '../../../main/directory/csv-format';
import { MAX_IMPORT_MESSAGES, type ImportPreview } from '../../../contract/partners';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(() => t?.cleanup());

describe('a bounded import report', () => {
  it('a file of 20,000 bad rows answers with the first 200 messages and a count of the rest', async () => {
    t = createTestCore();
    await setUp(t);
    const file = path.join(t.dataDir, 'bad.csv');
    const bad = Array.from({ length: 20_000 }, (_, i) => `Partner ${i},Not a type,Active,01/04/2019,01/04/2019,Nowhere,,,,,,,`);
    fs.writeFileSync(file, [DIRECTORY_COLUMNS.join(','), ...bad].join('\r\n'));
    t.dialogs.open.push(file);
    const res = await t.call('partners.importPreview');
    const preview = res.value as Extract<ImportPreview, { status: 'ready' }>;
    expect(preview.status).toBe('ready');
    expect(preview.errors.length + preview.warnings.length).toBeLessThanOrEqual(MAX_IMPORT_MESSAGES);
    expect(preview.errors).toHaveLength(MAX_IMPORT_MESSAGES);
    expect(preview.errors[0]).toMatchObject({ line: 2 });
    expect(preview.errorCount).toBeGreaterThanOrEqual(20_000);
    expect(preview.errorsNotShown).toBe(preview.errorCount - MAX_IMPORT_MESSAGES);
    expect(JSON.stringify(res).length).toBeLessThan(200_000);
  });
});
