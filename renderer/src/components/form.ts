import { useCallback, useRef, useState } from 'react';
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
  /**
   * As the coordinator edits after a submit the schema refused: each error put right goes (with the alert once none
   * is left). None is added until the next submit, so nothing shouts while they type.
   */
  recheck(schema: z.ZodType, values: unknown): void;
}

const attention = (count: number) => (count === 1 ? 'One field needs attention. Nothing was saved.' : `${count} fields need attention. Nothing was saved.`);

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // The errors on show came from the schema here (not from main), so the schema can tell when they are put right.
  const fromSchema = useRef(false);

  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  const run = useCallback(async <S extends z.ZodType, T>(schema: S, values: unknown, send: (parsed: z.output<S>) => Promise<T>) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error);
      setFields(errs);
      setError(attention(Object.keys(errs).length));
      fromSchema.current = true;
      return undefined;
    }
    fromSchema.current = false;
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

  const recheck = useCallback(
    (schema: z.ZodType, values: unknown) => {
      if (!fromSchema.current || Object.keys(fields).length === 0) return;
      const parsed = schema.safeParse(values);
      const now = parsed.success ? {} : fieldErrors(parsed.error);
      const kept: Record<string, string> = {};
      for (const path of Object.keys(fields)) if (now[path] !== undefined) kept[path] = now[path];
      const count = Object.keys(kept).length;
      if (count === Object.keys(fields).length && Object.entries(kept).every(([k, v]) => fields[k] === v)) return;
      setFields(kept);
      setError(count === 0 ? null : attention(count));
    },
    [fields],
  );

  return { busy, error, fields, setFields, clear, run, recheck };
}

export interface Task {
  busy: boolean;
  /** What went wrong the last time, in the coordinator's words; cleared when the task runs again. */
  error: string | null;
  /** Runs `work` unless it is running already; its result, or undefined if it failed. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

/** A button's work that is not a form (a check, an export, an import): busy while it runs, its error if it fails. */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
