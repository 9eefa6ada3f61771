import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

// Select and textarea counterparts of components/Field: label, hint and error tied to the control for screen readers.

function useDescribed(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Around({
  id,
  label,
  hint,
  hintId,
  error,
  errorId,
  children,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  hintId: string | undefined;
  error: string | undefined;
  errorId: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </div>
      )}
      {children}
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | undefined }) {
  const d = useDescribed(hint, error);
  return (
    <Around id={d.id} label={label} hint={hint} hintId={d.hintId} error={error} errorId={d.errorId}>
      <select id={d.id} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...select}>
        {children}
      </select>
    </Around>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  ...area
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | undefined }) {
  const d = useDescribed(hint, error);
  return (
    <Around id={d.id} label={label} hint={hint} hintId={d.hintId} error={error} errorId={d.errorId}>
      <textarea id={d.id} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...area} />
    </Around>
  );
}
