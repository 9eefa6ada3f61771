import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { parseCsv } from '../../main/directory/csv';
import { exportDirectory, parseDirectoryCsv } from '../../main/directory/csv-format';
import { planImport } from '../../main/directory/import-plan';
import { deriveKey, newScryptParams } from '../../main/vault/kdf';
import { aContact, aPartner } from '../unit/directory/builders';

function report(label: string, ms: number, extra = ''): void {
  console.warn(`${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms${extra}`);
}

/** Directory import and export at sizes beyond the real contact list, and the cost of one unlock. */
export async function directoryAndVaultBench(): Promise<void> {
  const row =
    'Southwark Housing Association,Housing association,Active,01/04/2019,01/04/2019,"Southwark; Lambeth; Lewisham","Emergency panel, meets ""Tuesdays""",Named Lead,Jo Bloggs,Lettings manager,020 7946 0000,jo@example.org.uk,jo@example.org.uk.cjsm.net\r\n';
  const bytes = Buffer.from(row.repeat(Math.ceil((10 * 1024 * 1024) / row.length)), 'utf8');
  let start = performance.now();
  parseCsv(bytes);
  report('CSV: parse a 10 MB file', performance.now() - start);

  const partners = Array.from({ length: 2000 }, (_, i) => aPartner({ name: `Partner ${i}`, contacts: [aContact(), aContact({ kind: 'lettings' })] }));
  start = performance.now();
  const csv = exportDirectory(partners);
  report('Directory: export 2,000 partners', performance.now() - start, ` (${(csv.length / 1024).toFixed(0)} kB)`);
  start = performance.now();
  const parsed = parseDirectoryCsv(csv);
  if (parsed.ok) planImport(parsed.rows, partners);
  report('Directory: preview re-import of 2,000 partners', performance.now() - start);

  start = performance.now();
  const key = await deriveKey(randomBytes(16).toString('hex'), newScryptParams());
  key.fill(0);
  report('Unlock: scrypt key derivation (N=2^17, r=8)', performance.now() - start);
}
