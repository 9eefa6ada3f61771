import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS } from '../../../main/directory/csv-format';
import { fuzzCore, type FuzzCore } from './fuzz-core';
import { FUZZ_RUNS, hostileString } from './hostile-values';

/*
 * The partners CSV importer, fed hostile files through the real channels (the dialog returns the file): random
 * bytes, broken quoting and encodings, formula cells, huge cells, wrong headers. Every preview is a plain answer;
 * a preview never writes; a confirmed import leaves a directory that still lists and exports.
 */

const PLAUSIBLE_CELLS: Record<string, string[]> = {
  partner_name: ['Peabody', 'Clarion Housing', 'London Borough of Camden', 'Peabody ', 'PEABODY'],
  partner_type: ['Housing association', 'Local authority', 'housing_association', 'council'],
  status: ['Active', 'Suspended', 'Left', 'active'],
  status_changed_on: ['01/04/2020', '2020-04-01', '31/02/2020', '1/4/20'],
  joined_on: ['01/04/2020', '2019-04-01', ''],
  stock_boroughs: ['Hackney; Camden', 'Camden', 'E09000012', 'Atlantis', ''],
  approval_route_notes: ['Panel on Tuesdays', ''],
  contact_kind: ['Named Lead', 'Lettings', 'Other', ''],
  contact_name: ['Lee Lead', 'Dana Okafor', ''],
  contact_role: ['Lettings Manager', ''],
  contact_phone: ['020 7946 0001', '12', ''],
  contact_email: ['lee@example.org', 'not-an-email', ''],
  contact_secure_email: ['', 'lee@example.gov.uk.cjsm.net'],
};

const cell = (column: string) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(PLAUSIBLE_CELLS[column] ?? [''])) }, { weight: 1, arbitrary: hostileString });

/** Quotes a cell the way a spreadsheet would, or now and then not at all (which is the point). */
const quoted = (value: string, roll: number) => (roll === 0 ? value : /[",\r\n]/.test(value) || roll === 1 ? `"${value.replaceAll('"', '""')}"` : value);

const csvText = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.shuffledSubarray([...DIRECTORY_COLUMNS], { minLength: DIRECTORY_COLUMNS.length - 2 }),
    fc.array(fc.tuple(...DIRECTORY_COLUMNS.map((c) => cell(c)), fc.nat(6)), { maxLength: 12 }),
  )
  .map(([bom, eol, header, rows]) => {
    const lines = [header.join(',')];
    for (const row of rows) {
      const roll = row.at(-1) as number;
      lines.push(header.map((column) => quoted(row[DIRECTORY_COLUMNS.indexOf(column as never)] as string, roll)).join(','));
    }
    return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`, 'utf8');
  });

const csvFile: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: csvText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)) },
  // Not UTF-8 (Latin-1 and UTF-16), a header with nothing after it, an unclosed quote.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from(`${DIRECTORY_COLUMNS.join(',')}\r\nCaf\xe9,Local authority,Active,01/04/2020,,,,,,,,,\r\n`, 'latin1'),
      Buffer.from(`\uFEFF${DIRECTORY_COLUMNS.join(',')}\r\n`, 'utf16le'),
      Buffer.from(`${DIRECTORY_COLUMNS.join(',')}\r\n`),
      Buffer.from(`${DIRECTORY_COLUMNS.join(',')}\r\n"Peabody,Housing association\r\n`),
      Buffer.from(''),
      Buffer.from(`${DIRECTORY_COLUMNS.join(',')}\r\n${'x,'.repeat(5000)}\r\n`),
    ),
  },
);

describe('the partners CSV importer survives hostile files', () => {
  let f: FuzzCore;
  let dir: string;
  beforeAll(async () => {
    f = await fuzzCore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-csv-fuzz-'));
  });
  afterAll(() => {
    f.t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every preview is a plain answer that writes nothing; every confirmed import is whole and audited', { timeout: 30_000 + FUZZ_RUNS * 2_000 }, async () => {
    let n = 0;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(csvFile, fc.boolean(), async (bytes, confirm) => {
        const file = path.join(dir, `import-${n++}.csv`);
        fs.writeFileSync(file, bytes);
        f.t.dialogs.open.push(file);
        // hostileCall asserts the answer's shape and that a preview (which may not write) changed nothing it did not audit.
        const preview = await f.hostileCall('partners.importPreview', {});
        expect(preview.ok).toBe(true);
        const value = preview.value as { status: string; token?: string };
        outcomes.add(value.status);
        if (value.status === 'ready' && confirm) {
          const confirmed = await f.hostileCall('partners.importConfirm', { token: value.token });
          outcomes.add(confirmed.ok ? 'confirmed' : `refused ${confirmed.error?.code}`);
        }
        expect((await f.t.call('partners.list', {})).ok).toBe(true);
      }),
      { numRuns: FUZZ_RUNS * 4 },
    );
    // The files reached the planner and the writer, not only the parser's first refusal.
    expect(outcomes).toContain('ready');
    expect(outcomes).toContain('file_error');
  });

  it('a preview writes nothing, even when it is ready', async () => {
    // hostileCall would allow an audited change; a preview must make none at all.
    const file = path.join(dir, 'plain.csv');
    fs.writeFileSync(file, `${DIRECTORY_COLUMNS.join(',')}\r\nNotting Hill Genesis,Housing association,Active,01/04/2020,01/04/2020,Camden,,,,,,,\r\n`);
    const db = f.t.core.services.db();
    const audits = db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get();
    f.t.dialogs.open.push(file);
    const preview = await f.t.call('partners.importPreview', {});
    expect((preview.value as { status: string }).status).toBe('ready');
    expect(db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get()).toBe(audits);
  });
});
