import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Decrypter } from 'age-encryption';
import type { SubjectAccessResult } from '../../../contract/rights';
import { fingerprint } from '../reliability/db-fingerprint';
import { markersIn } from './decrypted-scan';
import { aMarkedCase, rightsWorld, type RightsWorld } from './rights-fixture';

/*
 * The subject access export: everything held about one applicant, as an AES-256 PDF and an age-encrypted JSON file
 * opened by one generated passphrase, recorded in `exports` as holding identity. Every marker of the case is in both
 * (so nothing is left out), none is readable in either file without the passphrase, another applicant's are in
 * neither, and a cancelled or refused request writes nothing.
 */

describe('subject access export', () => {
  let w: RightsWorld | undefined;
  afterEach(() => w?.cleanup());

  it('holds every field, the timeline, circulations with recipients, offers, the move and the audit entries', { timeout: 240_000 }, async () => {
    w = await rightsWorld('2026-03-02');
    const subject = await aMarkedCase(w, 'qwj', 2, '2026-03-02', 'moved');
    const other = await aMarkedCase(w, 'qwk', 4, '2026-03-02', 'closed');
    const db = w.t.core.services.db();

    // Cancelled at the dialog, or for a case that does not exist: nothing written, nothing recorded.
    const before = fingerprint(db);
    w.t.dialogs.save.push(null);
    expect(await w.ok('rights.subjectAccess', { caseId: subject.id })).toEqual({ cancelled: true, files: [], passphrase: null });
    expect((await w.call('rights.subjectAccess', { caseId: 9999 })).error?.code).toBe('NOT_FOUND');
    expect(fingerprint(db)).toEqual(before);

    const target = path.join(w.outside, 'sar');
    w.t.dialogs.save.push(target);
    const res = await w.ok<SubjectAccessResult>('rights.subjectAccess', { caseId: subject.id });
    expect(res.files).toEqual(['sar.pdf', 'sar.json.age']);
    expect(res.passphrase?.split(' ')).toHaveLength(5);
    const pdfFile = path.join(w.outside, 'sar.pdf');
    const jsonFile = path.join(w.outside, 'sar.json.age');
    // No temporary file is left beside them.
    expect(fs.readdirSync(w.outside).filter((f) => f.startsWith('.'))).toEqual([]);

    // Encrypted: no marker readable in either file as it lies on disk.
    expect(markersIn(fs.readFileSync(pdfFile), subject.markers)).toEqual([]);
    expect(markersIn(fs.readFileSync(jsonFile), subject.markers)).toEqual([]);

    // Opened with the passphrase: every marker of the case, none of the other applicant's.
    const plain = path.join(w.outside, 'plain.pdf');
    execFileSync('qpdf', [`--password=${res.passphrase}`, '--decrypt', pdfFile, plain]);
    const pdfText = execFileSync('pdftotext', ['-layout', plain, '-'], { encoding: 'utf8' });
    const wanted = subject.markers.filter((m) => m !== subject.m.dob);
    expect(markersIn(pdfText, wanted)).toEqual(wanted);
    // Dates read dd/mm/yyyy.
    expect(pdfText).toContain(subject.m.dob.split('-').reverse().join('/'));
    expect(markersIn(pdfText, other.markers)).toEqual([]);
    for (const heading of ['Timeline', 'Circulations', 'Who each circulation went to', 'Offers', 'Move', 'Ledger entries', 'Audit log entries']) {
      expect(pdfText).toContain(heading);
    }
    expect(pdfText).toContain('Lee Lead');

    const d = new Decrypter();
    d.addPassphrase(res.passphrase!);
    const json = await d.decrypt(fs.readFileSync(jsonFile), 'text');
    expect(markersIn(json, subject.markers)).toEqual(subject.markers);
    expect(markersIn(json, other.markers)).toEqual([]);
    const record = JSON.parse(json) as { reference: string; sections: { title: string; rows: unknown[] }[] };
    expect(record.reference).toBe(subject.reference);
    const rows = Object.fromEntries(record.sections.map((s) => [s.title, s.rows.length]));
    expect(rows).toMatchObject({ Offers: 2, Move: 1, Circulations: 1 });
    expect(rows['Audit log entries']).toBeGreaterThan(10);
    expect(rows['Ledger entries']).toBeGreaterThan(0);

    // Recorded as the deliberate full-record export, with the files' hashes, and audited.
    const exports = db.prepare("SELECT kind, case_id, file_name, holds_identity, encrypted, sha256 FROM exports WHERE kind = 'full_record' ORDER BY id").all();
    expect(exports).toHaveLength(2);
    expect(exports).toMatchObject([
      { case_id: subject.id, file_name: 'sar.pdf', holds_identity: 1, encrypted: 1 },
      { case_id: subject.id, file_name: 'sar.json.age', holds_identity: 1, encrypted: 1 },
    ]);
    const audit = await w.ok<{ entries: { action: string; summary: string }[] }>('audit.list', { caseId: subject.id, action: 'case.subject_access_exported' });
    expect(audit.entries[0]?.summary).toBe(`Case ${subject.reference}: subject access export made (encrypted PDF and JSON)`);
  });
});
