import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePassphrase, passphraseBits, PASSPHRASE_WORDS, WORDS_PER_PASSPHRASE } from '../../../main/circulation/passphrase';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// The columns and tables that hold identity or the risk narrative (docs/STORE.md "Identity is separate from facts").
const FORBIDDEN = [
  'applicant_name',
  'applicant_phone',
  'applicant_email',
  'applicant_safe_contact',
  'address_',
  'risk_summary',
  'marac_reference',
  'case_equality',
  "'unsafe'",
  'home_landlord_id',
  'referring_agency',
  'consent_notes',
  'SELECT *',
  'readReferral',
  'getCaseRow',
];

describe('the circulation view', () => {
  it('is built by queries that never read identity columns; the date of birth only becomes an age inside SQL', () => {
    const code = source('main/circulation/circulation-view.ts').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(FORBIDDEN.filter((word) => code.includes(word))).toEqual([]);
    expect(code.match(/applicant_dob/g)).toHaveLength(2);
    expect(code).toMatch(
      /strftime\('%Y', applicant_dob\) AS INTEGER\)\s+- \(strftime\('%m-%d', \$today\) < strftime\('%m-%d', applicant_dob\)\)\) AS applicant_age/,
    );
  });

  it('is the only case data the pack module reads', () => {
    const imports = [...source('main/circulation/pack.ts').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((i) => i?.includes('/cases/') || i?.includes('case-store') || i?.includes('/db/'))).toEqual([]);
  });
});

describe('pack passphrases', () => {
  it('are five or more words from the EFF long list, at least 64 bits, chosen at random', () => {
    expect(PASSPHRASE_WORDS).toHaveLength(7776);
    expect(new Set(PASSPHRASE_WORDS).size).toBe(7776);
    expect(WORDS_PER_PASSPHRASE).toBeGreaterThanOrEqual(5);
    expect(passphraseBits()).toBeGreaterThanOrEqual(64);
    const made = Array.from({ length: 50 }, () => generatePassphrase());
    expect(new Set(made).size).toBe(50);
    for (const p of made) {
      const words = p.split(' ');
      expect(words).toHaveLength(WORDS_PER_PASSPHRASE);
      expect(words.every((w) => PASSPHRASE_WORDS.includes(w))).toBe(true);
    }
  });
});
