import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A modal built on <dialog>: focus is trapped by the browser, Escape closes it, and focus returns afterwards. */
export function Dialog({ title, onClose, children, name }: { title: string; onClose(): void; children: ReactNode; name?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-dialog={name} onCancel={(e) => (e.preventDefault(), onClose())}>
      <div className="dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}
