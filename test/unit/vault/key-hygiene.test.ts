import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from '@signalapp/sqlcipher';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEncrypted } from '../../../main/db/open';
import { writeFileAtomic } from '../../../main/vault/atomic-write';
import { createTestCore } from '../helpers/test-core';

/*
 * Key material and plain text, where they could linger: the driver's statement cache, SQLite's temporary files,
 * and the temporary copy an atomic write makes.
 */

let dir: string;
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('opening the encrypted database', () => {
  it('does not leave the key in the statement cache, and keeps temporary data in memory', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-key-'));
    const key = randomBytes(32);
    const hex = key.toString('hex');
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const db = openEncrypted(path.join(dir, 'x.db'), key);
    try {
      // pragma() prepares through the cache, which would keep the statement (and its text) for the connection's life.
      const withKey = prepare.mock.calls.filter(([sql]) => String(sql).toLowerCase().includes(hex));
      expect(withKey).toEqual([]);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1)');
      expect(db.prepare('SELECT count(*) FROM t', { pluck: true }).get()).toBe(1);
    } finally {
      db.close();
    }
    // And the key still opens it again, so the key really was applied.
    const again = openEncrypted(path.join(dir, 'x.db'), key);
    expect(again.prepare('SELECT count(*) FROM t', { pluck: true }).get()).toBe(1);
    again.close();
  });
});

describe('writeFileAtomic', () => {
  it('leaves no temporary copy behind when the rename is refused', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-atomic-'));
    // A folder where the file should go: the rename fails after the contents were written to the temporary file.
    const target = path.join(dir, 'export.csv');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, 'partner,contact\r\n')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
  });

  it('replaces the file whole, readable only by the user', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-atomic-'));
    const target = path.join(dir, 'file.json');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['file.json']);
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });
});

describe('the data folder', () => {
  it.skipIf(process.platform === 'win32')('is private to the user, even when it already existed (Electron creates it)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-folder-'));
    const dataDir = path.join(dir, 'userData');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const t = createTestCore({ dataDir });
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      t.core.close();
    }
  });
});
