import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { boroughName, type BoroughCode } from '../../../contract/boroughs';
import type { ReferralInput } from '../../../contract/cases';
import type { BatchOutcome, CirculationPlan, SendOutcome } from '../../../contract/circulation';
import { aReferral } from '../cases/referral-builder';
import { circulationWorld, lettings, type CirculationWorld } from '../circulation/circulation-fixture';

/*
 * The pack is anonymous, proved with real PDF tools. Each case has a unique marker in every personal field of every
 * type (names, date of birth, address, postcode, phone, email, safe-contact notes, the risk narrative, medical
 * details, the MARAC reference, the referring agency, the unsafe boroughs and the equality answers). Packs are made
 * through the real channels (one by one, encrypted or not, and in a batch), then their text is extracted with
 * poppler's pdftotext, their metadata read with pdfinfo, their objects uncompressed with qpdf, and the CSV and the
 * address list read as written. No marker may appear anywhere; what a landlord needs must be there.
 */

const REQUESTED: BoroughCode[] = ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'];
// Unsafe boroughs, never requested and never held by a partner here, so their names can only come from the case.
const UNSAFE: BoroughCode[] = ['E09000014', 'E09000019'];
const CURRENT: BoroughCode = 'E09000012';

function markers(n: number) {
  const m = (word: string) => `Qz${word}${n}`;
  return {
    first: m('first'),
    surname: m('surname'),
    dob: `193${n}-05-17`,
    dobUk: `17/05/193${n}`,
    phone: `07700 900 91${n}`,
    phoneDigits: `0770090091${n}`,
    email: m('mail'),
    safe: m('safe'),
    line1: m('line'),
    line2: m('court'),
    town: m('town'),
    postcode: `QX${n} 7YW`,
    risk: m('risk'),
    marac: m('MARAC'),
    medical: m('medical'),
    consent: m('consent'),
    agency: m('agency'),
  };
}
type Markers = ReturnType<typeof markers>;

/** Label words of the equality answers chosen below, and the names of the boroughs the applicant must avoid. */
const FIXED_MARKERS = ['Gypsy', 'Traveller', 'Bisexual', ...UNSAFE.map(boroughName), boroughName(CURRENT), 'MARAC'];

function referral(landlordId: number, k: Markers, n: number): ReferralInput {
  const base = aReferral();
  return {
    ...base,
    referringAgency: { name: `${k.agency} Women's Aid`, kind: 'domestic_abuse_service' },
    nominatingOfficers: [
      {
        name: `Nadia Officer${n}`,
        organisation: 'Solace Advocacy',
        role: 'IDVA',
        phone: `020 7946 01${n}0`,
        email: `nadia${n}@solace.example.org`,
        secureEmail: `nadia${n}@solace.example.org.cjsm.net`,
      },
      {
        name: `Omar Second${n}`,
        organisation: 'Children’s Services',
        role: 'Social Worker',
        phone: `020 7946 02${n}0`,
        email: `omar${n}@example.gov.uk`,
        secureEmail: '',
      },
    ],
    applicant: {
      fullName: `${k.first} ${k.surname}`,
      dateOfBirth: k.dob,
      phone: k.phone,
      email: `${k.email}@example.org`,
      safeContactNotes: `${k.safe}: text only`,
      address: { line1: `7 ${k.line1} Road`, line2: `${k.line2} Estate`, town: k.town, postcode: k.postcode },
    },
    household: [
      { kind: 'child', yearOfBirth: 2019, sexOrGender: 'female' },
      { kind: 'adult', yearOfBirth: 2007, sexOrGender: 'male' },
    ],
    risk: { categories: ['domestic_abuse'], summary: `${k.risk}: he waits outside the school`, unsafeBoroughs: UNSAFE, maracReference: k.marac },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: landlordId, borough: CURRENT, bedrooms: 3 },
    needs: { access: 'step_free', medicalNeeds: `${k.medical} condition`, hasPets: true, wouldConsiderRehoming: 'no' },
    requestedBoroughs: REQUESTED,
    consent: { given: true, date: '2026-03-01', covers: ['share_with_home_landlord', 'circulate_request'], notes: `${k.consent} by phone` },
    equality: {
      optedIn: true,
      ageBand: '35_44',
      gender: 'woman',
      ethnicity: 'white_gypsy_irish_traveller',
      sexualOrientation: 'bisexual',
      transStatus: 'no',
      disability: 'yes',
      careLeaver: 'yes',
      criminalJusticeContact: 'yes',
    },
  };
}

const allMarkers = (k: Markers) => [...Object.values(k), ...FIXED_MARKERS];
const found = (text: string, words: readonly string[]) => words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const text = (file: string) => run('pdftotext', ['-layout', file, '-']);
/** Everything the file holds with its streams uncompressed, as a reader would see it byte for byte. */
function uncompressed(file: string, out: string, password?: string): string {
  run('qpdf', [...(password ? [`--password=${password}`, '--decrypt'] : []), '--qdf', '--object-streams=disable', file, out]);
  return fs.readFileSync(out).toString('latin1');
}

describe('circulation packs hold no applicant identity', () => {
  let w: CirculationWorld;
  afterEach(() => w.cleanup());

  it('proved with pdftotext, pdfinfo and qpdf, for plain, encrypted and batch packs, and the CSV and address list', async () => {
    w = await circulationWorld();
    await w.partner('Peabody', ['E09000007', 'E09000003'], {
      contacts: [
        lettings('Lee Lettings', 'lee@peabody.example.org', 'lee@peabody.example.org.cjsm.net'),
        { kind: 'named_lead', name: 'Pat Lead', email: 'pat@peabody.example.org' },
      ],
    });
    await w.partner('Clarion Housing', ['E09000008']);
    const cases = [1, 2, 3].map((n) => ({ n, k: markers(n) }));
    const ids: number[] = [];
    for (const c of cases) ids.push(await w.approvedCase((landlord) => referral(landlord, c.k, c.n)));

    // Case 1: plain; case 2: encrypted; case 3: in a batch.
    const files: { file: string; id: number; k: Markers; n: number; passphrase: string | null }[] = [];
    for (const [i, encrypt] of [false, true].entries()) {
      const id = ids[i]!;
      const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
      // The list and the address line, as the coordinator exports and copies them before sending.
      const csv = path.join(w.outside, `list-${i + 1}.csv`);
      w.t.dialogs.save.push(csv);
      await w.ok('circulation.exportList', { caseId: id });
      expect(found(fs.readFileSync(csv, 'utf8'), allMarkers(cases[i]!.k))).toEqual([]);
      const addresses = await w.ok<{ text: string }>('circulation.addressList', { caseId: id });
      expect(addresses.text).toContain('lee@peabody.example.org.cjsm.net');
      expect(found(addresses.text, allMarkers(cases[i]!.k))).toEqual([]);
      const file = path.join(w.outside, `pack-${i + 1}.pdf`);
      w.t.dialogs.save.push(file);
      const sent = await w.ok<SendOutcome>('circulation.send', { caseId: id, encrypt, planKey: plan.planKey });
      if (sent.cancelled) throw new Error('cancelled');
      files.push({ file, id, k: cases[i]!.k, n: cases[i]!.n, passphrase: sent.passphrase });
    }
    const folder = path.join(w.outside, 'batch');
    w.t.dialogs.save.push(folder);
    const batch = await w.ok<BatchOutcome>('circulation.batchRun', { task: 'markers', encrypt: false, caseIds: [ids[2]] });
    if (batch.cancelled) throw new Error('cancelled');
    expect(batch.sent).toBe(1);
    files.push({ file: path.join(folder, batch.results[0]!.fileName!), id: ids[2]!, k: cases[2]!.k, n: 3, passphrase: null });

    const db = w.t.core.services.db();
    for (const f of files) {
      const reference = db.prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([f.id]) as string;
      const everyMarker = [...allMarkers(f.k), ...cases.filter((c) => c.n !== f.n).flatMap((c) => Object.values(c.k))];
      let readable = f.file;
      if (f.passphrase !== null) {
        // Encrypted: AES-256, revision 6; it does not open without the passphrase, and opens with it.
        const shown = run('qpdf', [`--password=${f.passphrase}`, '--show-encryption', f.file]);
        expect(shown).toMatch(/^R = 6$/m);
        expect(shown).toMatch(/stream encryption method: AESv3/);
        expect(spawnSync('qpdf', ['--decrypt', f.file, path.join(w.outside, 'nope.pdf')]).status).not.toBe(0);
        expect(spawnSync('pdftotext', [f.file, '-']).status).not.toBe(0);
        readable = path.join(w.outside, `decrypted-${f.n}.pdf`);
        run('qpdf', [`--password=${f.passphrase}`, '--decrypt', f.file, readable]);
      }

      const content = text(readable);
      expect(found(content, everyMarker), `markers in the text of ${path.basename(f.file)}`).toEqual([]);
      // What a landlord needs.
      expect(content).toContain(reference);
      expect(content).toMatch(/Bedrooms needed\s+3, the same as the current home/);
      for (const code of REQUESTED) expect(content).toContain(boroughName(code));
      for (const o of [
        `Nadia Officer${f.n}`,
        'Solace Advocacy',
        'IDVA',
        `020 7946 01${f.n}0`,
        `nadia${f.n}@solace.example.org.cjsm.net`,
        `Omar Second${f.n}`,
        `omar${f.n}@example.gov.uk`,
      ]) {
        expect(content).toContain(o);
      }
      expect(content).toMatch(/Adults\s+2: aged 65 or over \(the applicant\); aged 18 to 24/);
      expect(content).toMatch(/Children\s+1: aged 5 to 9/);
      expect(content).toContain('Step-free access');
      expect(content).toMatch(/Would rehome a pet if the\s+No/);
      // The risk category is off by default.
      expect(content).not.toContain('Domestic violence and abuse');

      // The metadata holds only the reference; no author, subject or keywords.
      const info = run('pdfinfo', [readable]);
      expect(info).toContain(`Title:           Property request ${reference}`);
      expect(info).not.toMatch(/^(Author|Subject|Keywords):/m);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      const xmp = run('pdfinfo', ['-meta', readable]);
      expect(xmp).toContain(reference);
      expect(found(xmp, everyMarker)).toEqual([]);

      // The raw bytes, as written and with every stream uncompressed.
      const raw = fs.readFileSync(f.file);
      expect(found(raw.toString('latin1'), everyMarker)).toEqual([]);
      expect(found(raw.toString('utf8'), everyMarker)).toEqual([]);
      expect(found(uncompressed(f.file, path.join(w.outside, `qdf-${f.n}.pdf`), f.passphrase ?? undefined), everyMarker)).toEqual([]);
      // The document language and its structure, for screen readers.
      const qdf = fs.readFileSync(path.join(w.outside, `qdf-${f.n}.pdf`), 'latin1');
      expect(qdf).toMatch(/\/Lang \(en-GB\)/);
      expect(qdf).toMatch(/\/DisplayDocTitle true/);
      for (const tag of ['/H1', '/H2', '/Table', '/TH', '/TD', '/P']) expect(qdf).toContain(`/S ${tag}`);
    }

    // Every file that left the app is in `exports`, none of them with identity, each with its real hash.
    const exported = db
      .prepare('SELECT kind, file_name, sha256, holds_identity FROM exports ORDER BY id')
      .all<{ kind: string; file_name: string; sha256: string; holds_identity: number }>();
    expect(exported.map((e) => e.kind)).toEqual(['distribution_list', 'pack', 'distribution_list', 'pack', 'pack']);
    expect(exported.every((e) => e.holds_identity === 0)).toBe(true);
    for (const f of files) {
      const hash = createHash('sha256').update(fs.readFileSync(f.file)).digest('hex');
      expect(exported.some((e) => e.kind === 'pack' && e.sha256 === hash && e.file_name === path.basename(f.file))).toBe(true);
    }
  }, 120_000);

  it('shows the risk category only when the policy says so', async () => {
    w = await circulationWorld();
    await w.partner('Peabody', ['E09000007']);
    const id = await w.approvedCase((landlord) => referral(landlord, markers(4), 4));
    await w.ok('circulation.updatePolicy', { showRiskCategory: true, recirculationAudience: 'new_partners' });
    const preview = await w.ok<{ pdfBase64: string }>('circulation.preview', { caseId: id });
    const file = path.join(w.outside, 'preview.pdf');
    fs.writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
    const content = text(file);
    expect(content).toContain('Risk category');
    expect(content).toContain('Domestic violence and abuse');
    expect(found(content, allMarkers(markers(4)))).toEqual([]);
  });
});
