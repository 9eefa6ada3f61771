import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { appendAudit } from '../../../main/audit/audit';
import { makeBackup } from '../../../main/backup/make-backup';
import { openArchive } from '../../../main/backup/archive';
import { openSnapshot } from '../../../main/backup/verify';
import { insertPartner } from '../cases/case-db';

const PASS = 'backup passphrase for tests';

function seed(db: TestDb['db']) {
  insertPartner(db, 'Hackney Council');
  for (let i = 1; i <= 3; i++) appendAudit(db, 'Sam', new Date(`2026-11-0${i}T10:00:00Z`), { action: 'test.entry', entityType: 'test', summary: `Entry ${i}` });
}

describe('the *.plhr.age format', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('holds a snapshot under its own key, readable by the real age CLI with the passphrase', async () => {
    t = openTestDb();
    seed(t.db);
    const dest = path.join(t.dir, 'one.plhr.age');
    const made = await makeBackup({
      db: t.db,
      workRoot: path.join(t.dir, 'work'),
      dest,
      target: { passphrase: PASS },
      kind: 'backup',
      appVersion: '0.0.0-test',
      createdBy: 'Sam',
      now: new Date('2026-11-20T09:00:00Z'),
      verifyWith: { passphrase: PASS },
    });
    expect(made.problems).toEqual([]);
    expect(made.manifest.counts).toMatchObject({ partners: 1, auditEntries: 3, cases: 0 });
    expect(fs.readdirSync(path.join(t.dir, 'work'))).toEqual([]);

    const out = path.join(t.dir, 'cli.tar');
    // age reads a passphrase only from a terminal: `script` gives it one, fed from our stdin.
    execFileSync('script', ['-q', '-c', `age -d -o '${out}' '${dest}'`, '/dev/null'], { input: `${PASS}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
    const listing = execFileSync('tar', ['tf', out], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['manifest.json', 'snapshot.key', 'reciprocal.db', 'README.txt']);
    const x = path.join(t.dir, 'x');
    fs.mkdirSync(x);
    execFileSync('tar', ['xf', out, '-C', x]);
    const key = Buffer.from(fs.readFileSync(path.join(x, 'snapshot.key'), 'utf8').trim(), 'hex');
    expect(key.equals(t.key)).toBe(false);
    const snap = openSnapshot(path.join(x, 'reciprocal.db'), key, { readOnly: true });
    expect(snap.prepare('SELECT name FROM partners', { pluck: true }).all()).toEqual(['Hackney Council']);
    snap.close();
  }, 60_000);

  it('is readable by the real age CLI with an X25519 identity, and by the app with the same identity', async () => {
    t = openTestDb();
    seed(t.db);
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const dest = path.join(t.dir, 'share.plhr.age');
    const made = await makeBackup({
      db: t.db,
      workRoot: path.join(t.dir, 'work'),
      dest,
      target: { recipients: [recipient] },
      kind: 'share',
      appVersion: '0.0.0-test',
      createdBy: 'Sam',
      now: new Date('2026-11-20T09:00:00Z'),
      verifyWith: { identity },
    });
    expect(made.problems).toEqual([]);
    fs.writeFileSync(path.join(t.dir, 'key.txt'), `${identity}\n`, { mode: 0o600 });
    const listing = execFileSync('sh', ['-c', `age -d -i '${path.join(t.dir, 'key.txt')}' '${dest}' | tar tf -`], { encoding: 'utf8' });
    expect(listing.split('\n')).toContain('reciprocal.db');

    const dir = path.join(t.dir, 'open');
    fs.mkdirSync(dir);
    const opened = await openArchive(dest, { identity }, dir);
    expect(opened.manifest.kind).toBe('share');
    expect(opened.manifest.demo).toBe(false);
  }, 60_000);
});
