import type { Api } from '../../../contract/channels';
import type { AppError, ErrorCode, Result } from '../../../contract/result';

/** The renderer reaches main only through this object; tests of components can swap it with `setApi`. */
let current: Api | null = null;

export function api(): Api {
  return current ?? window.api;
}

export function setApi(replacement: Api | null): void {
  current = replacement;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  readonly retryAfterMs: number | undefined;

  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields ?? {};
    this.retryAfterMs = error.retryAfterMs;
  }
}

/** Results cross as data; inside the renderer an error becomes an exception that forms catch and show. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong and nothing was saved. Try again.';
}
