// Every IPC call answers with data, never a thrown error, so the renderer can show `message` to the coordinator as is.

export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN_SENDER'
  | 'NOT_SET_UP'
  | 'ALREADY_SET_UP'
  | 'LOCKED'
  | 'WRONG_PASSPHRASE'
  | 'WRONG_RECOVERY_KEY'
  | 'THROTTLED'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_UNREADABLE'
  | 'DATABASE_DAMAGED'
  | 'KEY_FILE_DAMAGED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE'
  | 'CANCELLED'
  | 'DISK_FULL'
  | 'IO'
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined) to a plain-words message, for forms. */
  fields?: Record<string, string>;
  /** For THROTTLED: how long until the next attempt is allowed. */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
