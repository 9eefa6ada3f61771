import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { appendAudit } from '../../../main/audit/audit';
import { AgePayloadError, CHUNK, openAgeFile, sealPayload, startAgeFile } from '../../../main/backup/age-stream';
import { openArchive, writeArchive } from '../../../main/backup/archive';
import { makeBackup } from '../../../main/backup/make-backup';
import { insertPartner } from '../cases/case-db';

// A full collection on demand, for the memory test (the flag, then V8's `gc` from a fresh context).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/*
 * Our age files are standard both ways: the `age` CLI (Debian's 1.1, the disaster-recovery path) reads what we write
 * (also in archive.test.ts), and we read what it writes, including at the chunk boundaries where STREAM's last-chunk
 * flag matters. And the payload is streamed: memory does not grow with the size of the database.
 */

const PASS = 'a passphrase for the age tests';

async function writeOurs(file: string, plain: Buffer, target: Parameters<typeof startAgeFile>[0]) {
  const age = await startAgeFile(target);
  const parts = [age.prefix];
  // Two pieces that do not fall on chunk boundaries, as a tar stream gives them.
  const pieces = (async function* () {
    yield plain.subarray(0, 1000);
    yield plain.subarray(1000);
  })();
  for await (const c of sealPayload(age.key, pieces)) parts.push(c);
  fs.writeFileSync(file, Buffer.concat(parts));
}

async function readOurs(file: string, key: Parameters<typeof openAgeFile>[1]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of (await openAgeFile(file, key)).payload) parts.push(c);
  return Buffer.concat(parts);
}

/** age asks for a passphrase only on a terminal: `script` gives it one, fed from our stdin. */
const onTerminal = (command: string, input: string) =>
  execFileSync('script', ['-q', '-c', command, '/dev/null'], { input, stdio: ['pipe', 'ignore', 'ignore'] });

describe('age files, payload by Node’s ChaCha20-Poly1305', () => {
  let dir: string;
  let t: TestDb | null = null;
  afterEach(() => {
    t?.cleanup();
    t = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const tmp = () => (dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'age-stream-')));

  it('round-trips with the age CLI at every chunk boundary, with an X25519 identity', async () => {
    tmp();
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    fs.writeFileSync(path.join(dir, 'key.txt'), `${identity}\n`, { mode: 0o600 });
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 200_003]) {
      const plain = randomBytes(size);
      const ours = path.join(dir, `ours-${size}.age`);
      await writeOurs(ours, plain, { recipients: [recipient] });
      expect(execFileSync('age', ['-d', '-i', path.join(dir, 'key.txt'), ours]).equals(plain)).toBe(true);

      const input = path.join(dir, `plain-${size}`);
      fs.writeFileSync(input, plain);
      const theirs = path.join(dir, `cli-${size}.age`);
      execFileSync('age', ['-r', recipient, '-o', theirs, input]);
      expect((await readOurs(theirs, { identity })).equals(plain)).toBe(true);
    }
  }, 120_000);

  it('reads a file the age CLI encrypted with a passphrase (scrypt), and refuses a wrong one', async () => {
    tmp();
    const plain = randomBytes(3 * CHUNK + 17);
    const input = path.join(dir, 'plain');
    fs.writeFileSync(input, plain);
    const theirs = path.join(dir, 'cli.age');
    onTerminal(`age -p -o '${theirs}' '${input}'`, `${PASS}\n${PASS}\n`);
    expect(fs.readFileSync(theirs).subarray(0, 200).toString('latin1')).toContain('\n-> scrypt ');
    expect((await readOurs(theirs, { passphrase: PASS })).equals(plain)).toBe(true);
    await expect(readOurs(theirs, { passphrase: 'not it' })).rejects.toThrow(/no identity matched/);
  }, 120_000);

  it('refuses a payload cut at a chunk boundary, cut mid-chunk, with one byte changed, or with bytes after its end', async () => {
    tmp();
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const file = path.join(dir, 'f.age');
    await writeOurs(file, randomBytes(3 * CHUNK), { recipients: [recipient] });
    const whole = fs.readFileSync(file);
    const sealedChunk = CHUNK + 16;
    const cutAtBoundary = whole.subarray(0, whole.length - sealedChunk);
    const cutMidChunk = whole.subarray(0, whole.length - 100);
    const flipped = Buffer.from(whole);
    flipped[whole.length - sealedChunk - 5]! ^= 1;
    const trailing = Buffer.concat([whole, randomBytes(10)]);
    const extraChunk = Buffer.concat([whole, whole.subarray(whole.length - sealedChunk)]);
    for (const damaged of [cutAtBoundary, cutMidChunk, flipped, trailing, extraChunk]) {
      fs.writeFileSync(file, damaged);
      await expect(readOurs(file, { identity })).rejects.toBeInstanceOf(AgePayloadError);
    }
  });

  it('an export the age CLI re-encrypted for a colleague’s key, or with a passphrase, is read by the importer', async () => {
    tmp();
    t = openTestDb();
    insertPartner(t.db, 'Hackney Council');
    appendAudit(t.db, 'Sam', new Date('2026-11-01T10:00:00Z'), { action: 'test.entry', entityType: 'test', summary: 'Entry' });
    const made = await makeBackup({
      db: t.db,
      workRoot: path.join(dir, 'work'),
      dest: path.join(dir, 'ours.plhr.age'),
      target: { passphrase: PASS },
      kind: 'backup',
      appVersion: '0.0.0-test',
      createdBy: 'Sam',
      now: new Date('2026-11-20T09:00:00Z'),
      verifyWith: null,
    });
    expect(made.problems).toEqual([]);
    const tar = path.join(dir, 'backup.tar');
    onTerminal(`age -d -o '${tar}' '${made.file}'`, `${PASS}\n`);

    const identity = await generateX25519Identity();
    const forKey = path.join(dir, 'cli-key.plhr.age');
    execFileSync('age', ['-r', await identityToRecipient(identity), '-o', forKey, tar]);
    const a = path.join(dir, 'a');
    fs.mkdirSync(a);
    const byKey = await openArchive(forKey, { identity }, a);
    expect(byKey.manifest).toEqual(made.manifest);

    const withPass = path.join(dir, 'cli-pass.plhr.age');
    onTerminal(`age -p -o '${withPass}' '${tar}'`, `${PASS}\n${PASS}\n`);
    const b = path.join(dir, 'b');
    fs.mkdirSync(b);
    const byPass = await openArchive(withPass, { passphrase: PASS }, b);
    expect(byPass.manifest.snapshot.sha256).toBe(made.manifest.snapshot.sha256);
    expect(createHash('sha256').update(fs.readFileSync(byPass.snapshotFile)).digest('hex')).toBe(made.manifest.snapshot.sha256);
  }, 120_000);

  it('writes and reads an archive in chunks: peak memory does not grow with the size of the snapshot', async () => {
    tmp();
    t = openTestDb();
    insertPartner(t.db, 'Hackney Council');
    const base = await makeBackup({
      db: t.db,
      workRoot: path.join(dir, 'work'),
      dest: path.join(dir, 'base.plhr.age'),
      target: { passphrase: PASS },
      kind: 'backup',
      appVersion: '0.0.0-test',
      createdBy: 'Sam',
      now: new Date('2026-11-20T09:00:00Z'),
      verifyWith: null,
    });
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);

    /** Heap and buffers above the level at the start, sampled at every progress step of writing and reading back. */
    const peakFor = async (mb: number): Promise<number> => {
      const snapshotFile = path.join(dir, `snap-${mb}.bin`);
      const fd = fs.openSync(snapshotFile, 'w');
      const hash = createHash('sha256');
      for (let i = 0; i < mb; i++) {
        const block = randomBytes(2 ** 20);
        hash.update(block);
        fs.writeSync(fd, block);
      }
      fs.closeSync(fd);
      const manifest = { ...base.manifest, snapshot: { ...base.manifest.snapshot, size: mb * 2 ** 20, sha256: hash.digest('hex') } };
      const used = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      gc();
      const start = used();
      let peak = start;
      // Live memory only: collected first, so that chunks already let go of (waiting for a collection that a busy
      // machine puts off) do not count as held. Holding the snapshot whole still would.
      // Every 16th step (a megabyte of chunks): a collection at each of them would take half a minute.
      let steps = 0;
      const sample = () => {
        if (steps++ % 16 !== 0) return;
        gc();
        peak = Math.max(peak, used());
      };
      const dest = path.join(dir, `big-${mb}.plhr.age`);
      await writeArchive({ manifest, snapshotFile, snapshotKey: randomBytes(32), dest, target: { recipients: [recipient] } }, { onProgress: sample });
      const out = path.join(dir, `open-${mb}`);
      fs.mkdirSync(out);
      const opened = await openArchive(dest, { identity }, out, { onProgress: sample });
      expect(opened.manifest.snapshot.sha256).toBe(manifest.snapshot.sha256);
      for (const f of [snapshotFile, dest, opened.snapshotFile]) fs.rmSync(f);
      return (peak - start) / 2 ** 20;
    };
    const small = await peakFor(2);
    const large = await peakFor(48);
    // Holding the snapshot whole would add 46 MB or more; streaming keeps the difference to a few chunks and noise.
    expect(large - small).toBeLessThan(16);
  }, 120_000);
});
