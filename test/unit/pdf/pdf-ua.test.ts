import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { CirculationPlan, SendOutcome } from '../../../contract/circulation';
import type { ExportResult } from '../../../contract/ledger';
import type { YearEndReportView } from '../../../contract/reports';
import { faceFor } from '../../../main/pdf/fonts';
import { reportPdf } from '../../../main/reports/export';
import { circulationWorld, type CirculationWorld } from '../circulation/circulation-fixture';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from '../ledger/ledger-fixture';
import { checkPdfUa, pdfText, type PdfUaReport } from './pdf-ua-check';

/*
 * Every PDF the app writes (circulation packs, plain and encrypted; ledger statements; year-end reports) meets the
 * PDF/UA rules in pdf-ua-check.ts, embeds its fonts, and shows names outside Windows-1252 as written: a Polish
 * Nominating Officer, a Turkish organisation, a Vietnamese name, a partner with "&" in its name, the euro sign.
 */

const CAMDEN = 'E09000007';
const OFFICER = 'Agnieszka Wóźniak-Łęcka';
const ORGANISATION = 'Şahin Advocacy';
const SECOND = 'Nguyễn Thị Ánh';

let w: CirculationWorld | null = null;
let t: TestCore | null = null;
let outside: string | null = null;
afterEach(() => {
  w?.cleanup();
  t?.cleanup();
  if (outside) fs.rmSync(outside, { recursive: true, force: true });
  w = t = outside = null;
});

/** The checks every document must pass, and the metadata that must hold nothing but the title. */
function expectAccessible(file: string, title: string): PdfUaReport {
  const report = checkPdfUa(file);
  expect(report.problems).toEqual([]);
  expect(report.title).toBe(title);
  expect(report.lang).toBe('en-GB');
  expect(report.fonts.length).toBeGreaterThan(0);
  // Subsets only: each font's name carries pdfkit's subset tag.
  expect(report.fonts.every((f) => /^[A-Z]{6}\+/.test(f.name))).toBe(true);
  // Embedding a font adds nothing about the machine or the person: no file path, no author, no subject, no keywords.
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).not.toMatch(/^(Author|Subject|Keywords):/m);
  expect(report.xmp).not.toMatch(/dc:creator|dc:description|pdf:Keywords/);
  const raw = fs.readFileSync(file).toString('latin1');
  for (const leak of [os.homedir(), os.tmpdir(), 'main/pdf/fonts', '.ttf', os.userInfo().username]) expect(raw).not.toContain(leak);
  return report;
}

describe('fonts', () => {
  it('uses Liberation Sans when it can draw the text whole, DejaVu Sans for what it cannot (Vietnamese)', () => {
    expect(faceFor('Łódź Şahin € – ·', 'regular').file).toBe('LiberationSans-Regular.ttf');
    expect(faceFor('Łódź', 'bold').file).toBe('LiberationSans-Bold.ttf');
    expect(faceFor(SECOND, 'regular').file).toBe('DejaVuSans.ttf');
    expect(faceFor(SECOND, 'bold').file).toBe('DejaVuSans-Bold.ttf');
  });
});

describe('the checker', () => {
  it('finds what an untagged pdfkit document with its standard fonts lacks', async () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-pdf-ua-'));
    const doc = new PDFDocument({ tagged: true, info: { Title: 'Smith & Sons' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    const root = doc.struct('Document');
    doc.addStructure(root);
    root.add(doc.struct('H2', {}, () => doc.text('A heading')));
    doc.text('Text outside the structure');
    root.add(doc.struct('Figure', {}, () => doc.rect(10, 10, 50, 50).fill()));
    root.end();
    doc.end();
    await ended;
    const file = path.join(outside, 'untagged.pdf');
    fs.writeFileSync(file, Buffer.concat(chunks));
    expect(checkPdfUa(file).problems).toEqual([
      'document language is "", not en-GB',
      'ViewerPreferences /DisplayDocTitle is not true',
      'no XMP metadata stream',
      'XMP has no pdfuaid:part 1',
      'XMP has no dc:title',
      'a Figure has no /Alt text',
      'headings H2: want one H1, first',
      'heading H2 skips a level after H0',
      'page 1: 1 marks neither tagged nor artifacts (TJ)',
      'font Helvetica is not embedded',
      'font Helvetica has no ToUnicode map',
    ]);
  });
});

describe('PDF/UA', () => {
  it('a circulation pack, plain and encrypted, is tagged, embeds its fonts and shows every name as written', async () => {
    w = await circulationWorld();
    await w.partner('Peabody', [CAMDEN]);
    const approved = () =>
      w!.approvedCase(() => ({
        nominatingOfficers: [
          { name: OFFICER, organisation: ORGANISATION, role: 'IDVA', phone: '020 7946 0110', email: 'agnieszka@example.org', secureEmail: '' },
          { name: SECOND, organisation: 'Łódź & Kraków Housing', role: 'Social Worker', phone: '020 7946 0120', email: 'anh@example.gov.uk', secureEmail: '' },
        ],
      }));
    for (const encrypt of [false, true]) {
      const id = await approved();
      const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
      const file = path.join(w.outside, `pack-${encrypt}.pdf`);
      w.t.dialogs.save.push(file);
      const sent = await w.ok<SendOutcome>('circulation.send', { caseId: id, encrypt, planKey: plan.planKey });
      if (sent.cancelled) throw new Error('cancelled');
      let readable = file;
      if (encrypt) {
        expect(() => checkPdfUa(file)).toThrow();
        readable = path.join(w.outside, 'decrypted.pdf');
        execFileSync('qpdf', [`--password=${sent.passphrase}`, '--decrypt', file, readable]);
      }
      const report = expectAccessible(readable, `Property request ${plan.reference}`);
      expect(report.structure.slice(0, 2)).toEqual(['Document', 'H1']);
      expect(report.structure).toContain('TH');
      const text = pdfText(readable);
      for (const name of [OFFICER, ORGANISATION, SECOND, 'Łódź & Kraków Housing']) expect(text).toContain(name);
      // Subset fonts keep a one-page pack small.
      expect(fs.statSync(readable).size).toBeLessThan(120_000);
    }
  });

  it('a ledger statement for a partner whose name has "&" and letters outside Windows-1252', async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-pdf-ua-'));
    const world = new LedgerWorld(t);
    await setUp(t);
    const name = 'Łódź & Şahin Housing Co-operative';
    const home = await world.partner('Hackney Council', [BOROUGH.hackney]);
    const receiving = await world.partner(name, [BOROUGH.barnet]);
    const c = await world.referral(home);
    await world.circulated(c.id);
    await world.moveInto(c.id, receiving, BOROUGH.barnet);
    const file = path.join(outside, 'statement.pdf');
    t.dialogs.save.push(file);
    const res = await world.ok<ExportResult>('ledger.exportStatement', { partnerId: receiving, format: 'pdf', password: '' });
    if (res.cancelled) throw new Error('cancelled');
    const report = expectAccessible(file, `Ledger statement: ${name}, as of 10/03/2026`);
    // The "&" is escaped in the XMP, so the packet stays well-formed XML.
    expect(report.xmp).toContain('Łódź &amp; Şahin Housing Co-operative');
    const text = pdfText(file);
    expect(text).toContain(name);
    expect(text).toContain(c.reference);
  });

  it('a year-end report, with a chart and a table whose rows name partners outside Windows-1252', async () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-pdf-ua-'));
    const view: YearEndReportView = {
      mode: 'publishable',
      period: { from: '2025-04-01', to: '2026-03-31', label: '2025/26' },
      previous: { from: '2024-04-01', to: '2025-03-31', label: '2024/25' },
      policy: { threshold: 5, roundingBase: 5 } as YearEndReportView['policy'],
      rules: ['Counts below 5 are shown as *.'],
      tables: [
        {
          id: 'borough_moves',
          title: 'Moves into each borough',
          note: 'Each completed move counts once, in the borough it went to.',
          status: 'ok',
          columns: ['2024/25', '2025/26'],
          rows: [
            {
              label: 'Camden',
              cells: [
                { text: '5', value: 5 },
                { text: '10', value: 10 },
              ],
            },
            {
              label: 'Barnet',
              cells: [
                { text: '*', value: null },
                { text: '5', value: 5 },
              ],
            },
          ],
        },
        {
          id: 'by_partner',
          title: 'Moves by receiving partner',
          note: 'Partners as named in the directory.',
          status: 'ok',
          columns: ['Moves'],
          rows: [
            { label: 'Şahin & Nguyễn Homes', cells: [{ text: '10', value: 10 }] },
            { label: 'Łódź Court Housing (€ funded)', cells: [{ text: '5', value: 5 }] },
          ],
        },
        { id: 'ledger', title: 'Ledger', note: 'Not kept yet.', status: 'not_recorded', columns: [], rows: [] },
      ],
    };
    const file = path.join(outside, 'report.pdf');
    fs.writeFileSync(file, await reportPdf(view, new Date('2026-04-30T12:00:00Z')));
    const report = expectAccessible(file, 'Year-end report 2025/26 (publishable)');
    expect(report.structure).toContain('Figure');
    const text = pdfText(file);
    for (const label of ['Şahin & Nguyễn Homes', 'Łódź Court Housing (€ funded)', 'Moves into each borough']) expect(text).toContain(label);
  });
});
