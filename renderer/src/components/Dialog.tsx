import { useEffect, useId, useRef, type ReactNode } from 'react';
import { FOCUSABLE } from './focus';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  name?: string;
  /**
   * The words on the button at the top that leaves the dialog: "Close" for one that only shows something, "Cancel"
   * for one that would change something (so it never reads like the action, e.g. next to "Close the case").
   */
  closeLabel?: string;
}

/**
 * A modal built on <dialog>: focus is trapped by the browser, Escape closes it, focus starts on the first control of
 * its body, and returns afterwards to what opened it (if that is still on screen).
 */
export function Dialog({ title, onClose, children, name, closeLabel = 'Close' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    // Start where the work is, not on the way out.
    bodyRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      dialog?.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-dialog={name} onCancel={(e) => (e.preventDefault(), onClose())}>
      <div className="dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
      <div ref={bodyRef} className="dialog__body">
        {children}
      </div>
    </dialog>
  );
}
