import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileFailure } from '../errors';

/*
 * A file written in two steps, so that the slow part (writing and fsync) happens off main's event loop before the
 * transaction, and the transaction itself only renames it into place: the rename is the last step of the
 * transaction, and if it (or anything before it) fails, the transaction rolls back and the temporary file is removed.
 * Nothing is left behind either way. The temporary file sits beside the destination, so the rename never crosses a
 * drive.
 */
export interface StagedFile {
  temp: string;
  file: string;
}

export async function stageFile(file: string, bytes: Uint8Array): Promise<StagedFile> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(temp, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw fileFailure(err, 'save') ?? err;
  }
  await handle.close();
  return { temp, file };
}

/** Inside the transaction, as its last step. */
export function commitStaged(staged: StagedFile): void {
  try {
    fs.renameSync(staged.temp, staged.file);
  } catch (err) {
    throw fileFailure(err, 'save') ?? err;
  }
}

/** After a failed transaction: the temporary copy must not stay behind. */
export function discardStaged(staged: StagedFile): void {
  fs.rmSync(staged.temp, { force: true });
}
