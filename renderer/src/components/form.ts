import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../services/api';

/** The same wording the IPC edge gives: one message per field path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

export interface Submission {
  busy: boolean;
  /** The message for the whole form, shown in an alert above it. */
  error: string | null;
  fields: Record<string, string>;
  setFields(fields: Record<string, string>): void;
  clear(): void;
  /** Validates with the contract's schema first (so errors show at once), then calls main. */
  run<S extends z.ZodType, T>(schema: S, values: unknown, send: (parsed: z.output<S>) => Promise<T>): Promise<T | undefined>;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  const run = useCallback(async <S extends z.ZodType, T>(schema: S, values: unknown, send: (parsed: z.output<S>) => Promise<T>) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error);
      setFields(errs);
      const count = Object.keys(errs).length;
      setError(count === 1 ? 'One field needs attention. Nothing was saved.' : `${count} fields need attention. Nothing was saved.`);
      return undefined;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await send(parsed.data);
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, fields, setFields, clear, run };
}
