import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openEncrypted } from '../../../main/db/open';
import { migrate } from '../../../main/db/migrate';
import type { Db } from '../../../main/db/types';

export interface TestDb {
  db: Db;
  dir: string;
  file: string;
  key: Buffer;
  reopen(): Db;
  cleanup(): void;
}

/** A real SQLCipher database in a fresh temp folder, migrated to the latest version or to `to`. */
export function openTestDb(options: { to?: number } = {}): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-unit-'));
  const file = path.join(dir, 'test.db');
  const key = randomBytes(32);
  let db = openEncrypted(file, key);
  migrate(db, options.to === undefined ? {} : { to: options.to });
  const handle: TestDb = {
    get db() {
      return db;
    },
    dir,
    file,
    key,
    reopen() {
      try {
        db.close();
      } catch {
        // already closed by the test
      }
      db = openEncrypted(file, key);
      return db;
    },
    cleanup() {
      try {
        db.close();
      } catch {
        // already closed
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
