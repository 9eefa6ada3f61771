import type { AppError, ErrorCode } from '../contract/result';

/** An expected failure with a message written for the coordinator. Handlers throw it; the registry returns it as data. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, extra: { fields?: Record<string, string>; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterMs = extra.retryAfterMs;
  }

  toError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs;
    return error;
  }
}

/**
 * The codes of an error and its causes. SQLite rolls a transaction back by itself on SQLITE_FULL, so the
 * driver's own ROLLBACK then fails and carries the real error as its `cause`.
 */
export function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ('code' in e) codes.push(String((e as { code: unknown }).code));
  }
  return codes;
}

/** SQLite and file-system errors carry a code; map the ones a coordinator can act on. */
export function describeUnexpected(err: unknown): AppError {
  const codes = codesOf(err);
  const code = codes.find((c) => c === 'SQLITE_FULL' || c === 'ENOSPC') ?? codes.find((c) => c !== 'SQLITE_ERROR') ?? codes[0] ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return { code: 'DISK_FULL', message: 'The disk is full, so nothing was saved. Free some space and try again.' };
  }
  // SQLite says CANTOPEN when it cannot create its journal beside the database (a read-only folder), READONLY when
  // the file or the folder refuses writes.
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return { code: 'IO', message: 'The app could not write to its data folder. Nothing was saved. Check the folder permissions.' };
  }
  // SQLCipher checks every page it reads: a damaged page fails whole (no partial rows), as NOTADB or CORRUPT.
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return {
      code: 'DATABASE_UNREADABLE',
      message:
        'Part of the database file is damaged, so this could not be read and nothing was changed. Run the integrity check in Settings, and restore the latest backup.',
    };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'IO', message: 'The database is busy. Nothing was saved. Try again in a moment.' };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong and nothing was saved. Try again; if it keeps happening, note the time and tell your administrator.',
  };
}

export function errorCodeOf(err: unknown): string {
  if (err instanceof AppFailure) return err.code;
  const codes = codesOf(err);
  if (codes.length) return codes.join('<');
  return err instanceof Error ? err.name : 'unknown';
}

const FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'ETXTBSY', 'EEXIST', 'ENAMETOOLONG', 'EINVAL', 'ELOOP']);

/**
 * A file the coordinator chose (an export destination, an import source) that could not be written or read, as a
 * failure that says what to do; null when `err` is not a file-system error, so the caller rethrows it. Without this
 * the registry could only say "something went wrong", or blame the app's own data folder.
 */
export function fileFailure(err: unknown, doing: 'save' | 'read'): AppFailure | null {
  const codes = codesOf(err);
  if (codes.includes('ENOSPC')) {
    return new AppFailure('DISK_FULL', 'The disk is full, so the file was not saved. Free some space, or choose another drive, and try again.');
  }
  if (!codes.some((c) => FILE_CODES.has(c))) return null;
  return doing === 'save'
    ? new AppFailure('IO', 'The file could not be saved there. Choose another folder, or close the file if another program has it open, and try again.')
    : new AppFailure('IO', 'The file could not be read. Check that it still exists and that no other program has it open, then choose it again.');
}
