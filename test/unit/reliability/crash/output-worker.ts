import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { dataFiles } from '../../../../main/app/data-files';
import { openArchive } from '../../../../main/backup/archive';
import { makeBackup } from '../../../../main/backup/make-backup';
import { checkRestored, stageRestore, swapIn } from '../../../../main/backup/restore';
import { commitStaged, stageFile } from '../../../../main/circulation/staged-file';
import { openEncrypted } from '../../../../main/db/open';
import { readKeyFile, unwrapKey } from '../../../../main/vault/key-file';
import { writeFileAtomic } from '../../../../main/vault/atomic-write';

/*
 * The child process of the output kill test (output-kill.test.ts): it does one kind of work over and over until it is
 * SIGKILLed, through the same functions the app uses for it.
 *  - backup: snapshot, encrypt, write to *.partial, verify, rename (make-backup.ts);
 *  - restore: build the new store beside the live one, swap the files in, check in place, drop the safety copy
 *    (restore.ts, in the order RestoreService runs them);
 *  - export: the two ways exports reach a file chosen by the coordinator: `writeFileAtomic` (reports, statements,
 *    distribution lists) and `stageFile` + `commitStaged` (circulation packs). Each file's first 32 bytes are the
 *    SHA-256 of the rest, so the parent can tell a complete file from part of one.
 * Environment: RECIPROCAL_OUT_MODE, RECIPROCAL_OUT_DATA (data folder), RECIPROCAL_OUT_DIR, RECIPROCAL_OUT_PASS (the
 * store's passphrase), RECIPROCAL_OUT_BACKUP_PASS, RECIPROCAL_OUT_BACKUP (restore: the backup file),
 * RECIPROCAL_OUT_NEW_PASS (restore: the passphrase the restored store gets).
 */

const env = (name: string) => process.env[`RECIPROCAL_OUT_${name}`]!;
const mode = env('MODE');
const files = dataFiles(env('DATA'));
const dir = env('DIR');
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function liveKey(): Promise<Buffer> {
  const keyFile = readKeyFile(files.keyFile);
  for (const pass of [env('PASS'), process.env['RECIPROCAL_OUT_NEW_PASS'] ?? '']) {
    const key = pass ? await unwrapKey(keyFile, pass, 'passphrase') : null;
    if (key) return key;
  }
  throw new Error('No passphrase opens the store');
}

async function backups(): Promise<void> {
  const db = openEncrypted(files.database, await liveKey());
  say('READY');
  for (let i = 0; ; i++) {
    const dest = path.join(dir, `reciprocal-backup-${process.pid}-${i}.plhr.age`);
    const passphrase = env('BACKUP_PASS');
    const made = await makeBackup({
      db,
      workRoot: path.join(files.dataDir, '.backup-work'),
      dest,
      target: { passphrase },
      kind: 'backup',
      appVersion: 'kill-test',
      createdBy: 'Kill test',
      now: new Date(),
      verifyWith: { passphrase },
    });
    say(`DONE ${path.basename(made.file)}`);
  }
}

async function restores(): Promise<void> {
  const work = fs.mkdtempSync(path.join(files.dataDir, '.restore-open-'));
  const opened = await openArchive(env('BACKUP'), { passphrase: env('BACKUP_PASS') }, work);
  say('READY');
  for (;;) {
    const now = new Date();
    const stage = fs.mkdtempSync(path.join(files.dataDir, '.restore-stage-'));
    const dataKey = randomBytes(32);
    await stageRestore({ ...opened, stage, dataKey, passphrase: env('NEW_PASS'), now });
    const swap = swapIn(files, stage, now, randomBytes(3).toString('hex'));
    checkRestored(files.database, dataKey, opened.manifest);
    swap.keep();
    fs.rmSync(stage, { recursive: true, force: true });
    say('DONE restore');
  }
}

function content(size: number): Buffer {
  const body = randomBytes(size);
  return Buffer.concat([createHash('sha256').update(body).digest(), body]);
}

async function exports(): Promise<void> {
  say('READY');
  for (let i = 0; ; i++) {
    const bytes = content(2 * 1024 * 1024 + Math.floor(Math.random() * 1024 * 1024));
    if (i % 2 === 0) writeFileAtomic(path.join(dir, `report-${process.pid}-${i}.pdf`), bytes);
    else commitStaged(await stageFile(path.join(dir, `pack-${process.pid}-${i}.pdf`), bytes));
    say(`DONE ${i}`);
  }
}

await (mode === 'backup' ? backups() : mode === 'restore' ? restores() : exports());
