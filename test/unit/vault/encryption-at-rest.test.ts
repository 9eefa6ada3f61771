import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, setUp, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { openEncrypted } from '../../../main/db/open';
import { randomBytes } from 'node:crypto';

const MARKER = 'ZEBRA-MARKER-7f3a91c2-applicant-Jane-Doe';

function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('encryption at rest', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('keeps a marker written into the database out of every file in the data folder, WAL included', async () => {
    t = createTestCore();
    await setUp(t, MARKER);
    // Write the marker several times so it would surely land in the WAL and the main file if unencrypted.
    for (let i = 0; i < 5; i++) expect((await t.call('settings.updateGeneral', { coordinatorName: `${MARKER}-${i}` })).ok).toBe(true);
    const wal = path.join(t.dataDir, 'reciprocal.db-wal');
    expect(fs.existsSync(wal)).toBe(true);
    const needle = Buffer.from('ZEBRA-MARKER-7f3a91c2');
    const check = () => {
      for (const file of filesIn(t.dataDir)) {
        const bytes = fs.readFileSync(file);
        expect(bytes.includes(needle), `${path.basename(file)} contains the marker`).toBe(false);
        expect(bytes.includes(Buffer.from(MARKER, 'utf16le')), `${path.basename(file)} contains the marker (UTF-16)`).toBe(false);
      }
    };
    check(); // while open: database, WAL, shared memory, key file, log
    t.core.lock('manual');
    check(); // after close and checkpoint
    const header = fs.readFileSync(path.join(t.dataDir, 'reciprocal.db')).subarray(0, 16).toString('latin1');
    expect(header).not.toContain('SQLite format 3');
  });

  it('refuses a wrong key cleanly and leaves the file untouched', async () => {
    t = createTestCore();
    await setUp(t);
    t.core.lock('manual');
    const file = path.join(t.dataDir, 'reciprocal.db');
    const before = fs.readFileSync(file);
    expect(() => openEncrypted(file, randomBytes(32))).toThrow(/could not be opened with this key/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const wrong = await t.call('vault.unlock', { passphrase: 'definitely not it' });
    expect(wrong.ok).toBe(false);
    expect(wrong.error?.code).toBe('WRONG_PASSPHRASE');
    expect((await t.call('session.status')).value).toMatchObject({ state: 'locked' });
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
  });
});
