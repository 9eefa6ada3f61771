import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../services/api';

/** Long enough not to write on every keystroke, short enough that a crash loses a few words at most. */
const SAVE_AFTER_MS = 400;

export interface KeptDraft {
  /** The form differs from what it was loaded with, and is not saved. */
  dirty: boolean;
  /** The same, read at the moment it is asked (for a navigation that follows a save in the same tick). */
  isDirty(): boolean;
  /** Call once the form is saved: the draft has done its work, and leaving no longer asks. */
  saved(): Promise<void>;
  /** Throw the typing away. */
  discard(): Promise<void>;
}

/**
 * Keeps what is typed into a form as a draft in main, encrypted in the database, never in the renderer's storage.
 * When the form opens and main holds a draft for it, the draft is put back (`restore`), so a form left by Back,
 * by Ctrl+L, by auto-lock or by a crash comes back as it was. `value` is the form's state; null while loading.
 */
export function useKeptDraft<T extends object>(key: string, value: T | null, restore: (kept: T) => void): KeptDraft {
  // What the form was loaded with: typing that differs from it is worth keeping.
  const [baseline, setBaseline] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const started = useRef(false);
  const finishedNow = useRef(false);
  const dirtyNow = useRef(false);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const json = value === null ? null : JSON.stringify(value);

  // The first value is what the form was loaded with; a kept draft, if any, goes on top of it.
  useEffect(() => {
    if (json === null || started.current) return;
    started.current = true;
    const loaded = json;
    void unwrap(api().drafts.get({ key })).then(
      (draft) => {
        setBaseline(loaded);
        if (draft === null) return;
        try {
          restore({ ...(JSON.parse(loaded) as T), ...(JSON.parse(draft.body) as Partial<T>) });
        } catch {
          // A draft that no longer reads is left for the coordinator to discard from the offer.
        }
      },
      () => setBaseline(loaded),
    );
  }, [json, key, restore]);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const body = pending.current;
    pending.current = null;
    if (body !== null && !finishedNow.current) void api().drafts.save({ key, body });
  }, [key]);

  const dirty = !finished && baseline !== null && json !== null && json !== baseline;
  useEffect(() => {
    dirtyNow.current = dirty;
    if (!dirty || json === null) return;
    pending.current = json;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_AFTER_MS);
  }, [dirty, json, flush]);

  useEffect(() => {
    // Ctrl+L and Lock now lock at once: write what is pending first. Capture listeners on window run before the
    // shell's own.
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') flush();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Element && event.target.closest('.button--lock')) flush();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('pagehide', flush);
      // Leaving the form (to another screen, or because the app locked): keep what was typed.
      flush();
    };
  }, [flush]);

  const end = useCallback(
    async (saved: boolean) => {
      finishedNow.current = true;
      setFinished(true);
      if (timer.current !== null) clearTimeout(timer.current);
      pending.current = null;
      await unwrap(api().drafts.discard({ key, saved })).catch(() => undefined);
    },
    [key],
  );
  const isDirty = useCallback(() => dirtyNow.current && !finishedNow.current, []);
  const saved = useCallback(() => end(true), [end]);
  const discard = useCallback(() => end(false), [end]);
  return { dirty, isDirty, saved, discard };
}
