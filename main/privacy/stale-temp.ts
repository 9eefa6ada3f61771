import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/types';
import type { Logger } from '../log/logger';
import type { Dialogs } from '../ports';
import { readSetting, writeSetting } from '../settings/settings-repo';

/*
 * Exports are written to a hidden temporary file beside the destination, then renamed (main/vault/atomic-write.ts,
 * main/circulation/staged-file.ts), so a SIGKILL or a power cut never leaves a half-written file under the export's
 * name. It does leave the temporary file: hidden, but holding part of a pack, a report or a statement, in a folder the
 * coordinator may share. So at start-up (the data folder) and at each unlock (every folder the app has saved an
 * export to, and the backup folder), temporary files of exactly our naming pattern, written before this run began,
 * are removed. Files of this run are left alone: one may be an export being written right now, and every failure
 * path of this run removes its own.
 */

/** `.<name>.<pid>.<12 hex>.tmp` (writeFileAtomic) or `.<name>.<12 hex>.tmp` (stageFile): nobody else's files. */
const OUR_TEMP = /^\..+\.(?:\d+\.)?[0-9a-f]{12}\.tmp$/;

export function isOurTempName(name: string): boolean {
  return OUR_TEMP.test(name);
}

/** When this process started: temporary files older than this were left by an earlier run. */
export const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000);

/**
 * Removes our temporary files last modified before `before` from each folder (not its subfolders). A folder that is
 * gone, or unreadable, is skipped: this tidies up, and must never stop the app starting. Returns how many went.
 */
export function removeStaleTemps(folders: readonly string[], before: Date, logger: Logger): number {
  let removed = 0;
  for (const folder of new Set(folders)) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!isOurTempName(name)) continue;
      const file = path.join(folder, name);
      try {
        const stat = fs.lstatSync(file);
        if (!stat.isFile() || stat.mtimeMs >= before.getTime()) continue;
        fs.rmSync(file, { force: true });
        removed++;
      } catch {
        logger.warn('files.stale_temp_not_removed');
      }
    }
  }
  if (removed > 0) logger.info('files.stale_temps_removed', { count: removed });
  return removed;
}

const KEY = 'files.exportFolders';
/** Enough for every folder a coordinator saves to; the oldest is forgotten first. */
const MAX_FOLDERS = 20;
const foldersSchema = z.array(z.string().max(4096)).max(MAX_FOLDERS);

/** The folders exports have been saved to, newest first (kept in the encrypted store: a path can name the machine). */
export function exportFolders(db: Db): string[] {
  return readSetting(db, KEY, foldersSchema, []);
}

/** The backup folder, if one is set. */
function backupFolder(db: Db): string | null {
  return readSetting(db, 'backups.schedule', z.object({ folder: z.string().nullable() }).loose(), { folder: null }).folder;
}

/** Every folder the app writes exports or backups to. */
export function knownFolders(db: Db): string[] {
  const backups = backupFolder(db);
  return [...exportFolders(db), ...(backups === null ? [] : [backups])];
}

/**
 * Adds folders exports were saved to. Written inside the export's own transaction (see core.ts), so an export that is
 * cancelled or refused leaves every table as it was.
 */
export function addExportFolders(db: Db, folders: readonly string[]): void {
  const known = exportFolders(db);
  const fresh = folders.filter((f) => !known.includes(f));
  if (fresh.length === 0) return;
  writeSetting(db, KEY, [...new Set(fresh)].concat(known).slice(0, MAX_FOLDERS));
}

/** The host's dialogs, noting the folder of every file the coordinator chooses to save to. */
export function notingSaveFolders(dialogs: Dialogs, note: (folder: string) => void): Dialogs {
  return {
    chooseOpenFile: (o) => dialogs.chooseOpenFile(o),
    // A batch of packs is written inside the folder chosen, so the folder itself is where its leftovers would be.
    async chooseFolder(o) {
      const folder = await dialogs.chooseFolder(o);
      if (folder !== null) note(folder);
      return folder;
    },
    async chooseSaveFile(o) {
      const file = await dialogs.chooseSaveFile(o);
      if (file !== null) note(path.dirname(file));
      return file;
    },
  };
}
