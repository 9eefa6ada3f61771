import { performance } from 'node:perf_hooks';
import { parseCsv } from '../../main/directory/csv';
import { exportDirectory, parseDirectoryCsv } from '../../main/directory/csv-format';
import { planImport } from '../../main/directory/import-plan';
import { aContact, aPartner } from '../unit/directory/builders';
import type { BulkRow } from './report';

/** Directory import and export at sizes far beyond the real contact list (about 77 partners). */
export function directoryBench(): BulkRow[] {
  const row =
    'Southwark Housing Association,Housing association,Active,01/04/2019,01/04/2019,"Southwark; Lambeth; Lewisham","Emergency panel, meets ""Tuesdays""",Named Lead,Jo Bloggs,Lettings manager,020 7946 0000,jo@example.org.uk,jo@example.org.uk.cjsm.net\r\n';
  const bytes = Buffer.from(row.repeat(Math.ceil((10 * 1024 * 1024) / row.length)), 'utf8');
  let start = performance.now();
  parseCsv(bytes);
  const parse = performance.now() - start;
  const partners = Array.from({ length: 2000 }, (_, i) => aPartner({ name: `Partner ${i}`, contacts: [aContact(), aContact({ kind: 'lettings' })] }));
  start = performance.now();
  const csv = exportDirectory(partners);
  const exported = performance.now() - start;
  start = performance.now();
  const parsed = parseDirectoryCsv(csv);
  if (parsed.ok) planImport(parsed.rows, partners);
  const preview = performance.now() - start;
  return [
    { workload: 'Import: parse a 10 MB CSV', ms: parse, budgetMs: 2000 },
    { workload: 'Directory: export 2,000 partners', ms: exported, budgetMs: 1000, note: `${(csv.length / 1024).toFixed(0)} kB` },
    { workload: 'Import: preview re-import of 2,000 partners', ms: preview, budgetMs: 1000 },
  ];
}
