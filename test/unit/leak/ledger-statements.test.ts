import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReferralInput } from '../../../contract/cases';
import type { ExportResult } from '../../../contract/ledger';
import { aReferral } from '../cases/referral-builder';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BOROUGH, LedgerWorld } from '../ledger/ledger-fixture';

/*
 * Statements go to partners, so they must carry no applicant identity. Each case has a unique marker in every
 * personal field; three of them move, one is overridden past the cap, and the statement is exported as CSV and as
 * PDF (plain and encrypted). The PDF's text is read with poppler's pdftotext, its objects uncompressed with qpdf, and
 * the CSV as written. No marker may appear; the case references and the SHA-256 of the lines must.
 */

const markers = (n: number) => ({
  first: `Qzfirst${n}`,
  surname: `Qzsurname${n}`,
  dobUk: `17/05/193${n}`,
  phone: `07700 900 91${n}`,
  email: `qzmail${n}`,
  safe: `Qzsafe${n}`,
  line1: `Qzline${n}`,
  town: `Qztown${n}`,
  postcode: `QX${n} 7YW`,
  risk: `Qzrisk${n}`,
  marac: `QZMARAC${n}`,
  medical: `Qzmedical${n}`,
  agency: `Qzagency${n}`,
  officer: `Qzofficer${n}`,
});

function referral(landlordId: number, n: number): ReferralInput {
  const k = markers(n);
  const base = aReferral();
  return {
    ...base,
    referringAgency: { name: `${k.agency} Women's Aid`, kind: 'domestic_abuse_service' },
    nominatingOfficers: [
      { name: `Nadia ${k.officer}`, organisation: 'Solace', role: 'IDVA', phone: '020 7946 0110', email: `${k.officer}@solace.example.org`, secureEmail: '' },
    ],
    applicant: {
      fullName: `${k.first} ${k.surname}`,
      dateOfBirth: `193${n}-05-17`,
      phone: k.phone,
      email: `${k.email}@example.org`,
      safeContactNotes: `${k.safe}: text only`,
      address: { line1: `7 ${k.line1} Road`, line2: '', town: k.town, postcode: k.postcode },
    },
    risk: { categories: ['domestic_abuse'], summary: `${k.risk}: he waits outside`, unsafeBoroughs: base.risk.unsafeBoroughs, maracReference: k.marac },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: landlordId },
    needs: { access: 'none', medicalNeeds: `${k.medical} condition`, hasPets: false, wouldConsiderRehoming: null },
  };
}

const found = (text: string, words: readonly string[]) => words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('ledger statements hold no applicant identity', () => {
  let t: TestCore;
  let outside: string;
  afterEach(() => {
    t.cleanup();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('in the CSV, the PDF text and the PDF objects, plain or encrypted', async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-ledger-out-'));
    const w = new LedgerWorld(t);
    await setUp(t);
    const hackney = await w.partner('Hackney Council', [BOROUGH.hackney]);
    const barnet = await w.partner('Barnet Homes', [BOROUGH.barnet]);
    const refs: string[] = [];
    for (const n of [1, 2, 3]) {
      const c = await w.ok<{ id: number; reference: string }>('cases.create', referral(hackney, n));
      await w.circulated(c.id);
      await w.moveInto(c.id, barnet, BOROUGH.barnet, `2026-03-0${n + 4}`);
      refs.push(c.reference);
    }
    const fourth = await w.ok<{ id: number; reference: string }>('cases.create', {
      ...referral(hackney, 4),
      overrides: [{ rule: 'ledger_cap', reason: 'Panel agreed on risk' }],
    });
    await w.circulated(fourth.id);
    const all = [1, 2, 3, 4].flatMap((n) => Object.values(markers(n)));

    const exportTo = async (name: string, format: 'csv' | 'pdf', password = '') => {
      const file = path.join(outside, name);
      t.dialogs.save.push(file);
      const res = await w.ok<ExportResult>('ledger.exportStatement', { partnerId: hackney, format, password });
      if (res.cancelled) throw new Error('cancelled');
      return { file, res };
    };
    const csv = await exportTo('statement.csv', 'csv');
    const csvText = fs.readFileSync(csv.file, 'utf8');
    expect(found(csvText, all)).toEqual([]);
    for (const r of refs) expect(csvText).toContain(r);
    expect(csv.res.lines).toBe(3);
    // The digest is of the CSV file itself: a partner can check it with sha256sum.
    expect(createHash('sha256').update(fs.readFileSync(csv.file)).digest('hex')).toBe(csv.res.sha256);

    const pdf = await exportTo('statement.pdf', 'pdf');
    const text = run('pdftotext', ['-layout', pdf.file, '-']);
    expect(found(text, all)).toEqual([]);
    for (const r of [...refs, fourth.reference]) expect(text).toContain(r);
    expect(text.replace(/\s+/g, '')).toContain(csv.res.sha256);
    expect(pdf.res.sha256).toBe(csv.res.sha256);
    expect(text).toMatch(/Balance\s+-3/);
    expect(text).toMatch(/Moves not yet reciprocated\s+3 \(/);
    const qdf = path.join(outside, 'plain.qdf');
    run('qpdf', ['--qdf', '--object-streams=disable', pdf.file, qdf]);
    expect(found(fs.readFileSync(qdf).toString('latin1'), all)).toEqual([]);
    expect(run('pdfinfo', [pdf.file])).toMatch(/Tagged:\s+yes/);

    const locked = await exportTo('locked.pdf', 'pdf', 'statement password 2026');
    expect(() => run('pdftotext', [locked.file, '-'])).toThrow();
    expect(run('qpdf', ['--show-encryption', '--password=statement password 2026', locked.file])).toMatch(/R = 6/);
    const opened = run('pdftotext', ['-upw', 'statement password 2026', '-layout', locked.file, '-']);
    expect(found(opened, all)).toEqual([]);
    expect(opened).toContain(refs[0]!);
  }, 120_000);
});
