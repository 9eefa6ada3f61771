import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { FOCUSABLE } from './focus';

/*
 * Every form control of the app: one labelled shell (label or legend, hint, error, all tied to the control with
 * aria-describedby) under inputs, selects, text areas and groups of radios or checkboxes alike.
 */

interface Described {
  hint?: ReactNode;
  error?: string | undefined;
}

/** What the shell hands its control, so the label, hint and error are read out with it. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

function useDescribed({ hint, error }: Described) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

/** The hint, then the error, as they sit under every label and legend. */
function Messages({ hint, hintId, error, errorId }: Described & { hintId: string | undefined; errorId: string | undefined }) {
  return (
    <>
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
    </>
  );
}

interface ShellProps extends Described {
  label: ReactNode;
  /** Extra classes for the wrapper (the control's own `className` goes on the control). */
  fieldClassName?: string | undefined;
  /** Extra content under the control, e.g. a strength meter. */
  after?: ReactNode;
}

/** The one labelled-field shell: a label, hint and error tied to whatever control `children` renders. */
export function LabelledField({ label, hint, error, fieldClassName, after, children }: ShellProps & { children(control: ControlProps): ReactNode }) {
  const d = useDescribed({ hint, error });
  return (
    <div className={['field', error ? 'field--error' : '', fieldClassName ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={d.id}>{label}</label>
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
      {children({ id: d.id, 'aria-describedby': d.describedBy, 'aria-invalid': error ? true : undefined })}
      {after}
    </div>
  );
}

type ShellOwn = keyof ShellProps | 'id';

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, hint, error, fieldClassName, after, ...input }: ShellProps & Omit<InputHTMLAttributes<HTMLInputElement>, ShellOwn>) {
  return (
    <LabelledField label={label} hint={hint} error={error} fieldClassName={fieldClassName} after={after}>
      {(control) => <input {...control} {...input} />}
    </LabelledField>
  );
}

export const DATE_HINT = 'For example, 27/03/2026 (27 Mar 2026 also works)';

/** A date typed as dd/mm/yyyy (read with `parseUkDate`), with an example unless `hint` says otherwise. */
export function DateField({ hint = DATE_HINT, className = 'input--date', ...props }: Parameters<typeof Field>[0]) {
  return <Field hint={hint} className={className} autoComplete="off" spellCheck={false} {...props} />;
}

export interface Choice {
  value: string;
  label: string;
}

/** A list of values with their labels, as options for SelectField or a group of radios. */
export function choicesOf<T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export interface SelectProps extends ShellProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, ShellOwn> {
  /** The options, after the placeholder; `children` may add more. */
  options?: readonly Choice[];
  /** A first option with an empty value, e.g. "Choose…" or "Any borough". */
  placeholder?: string;
}

export function SelectField({ label, hint, error, fieldClassName, after, options = [], placeholder, children, ...select }: SelectProps) {
  return (
    <LabelledField label={label} hint={hint} error={error} fieldClassName={fieldClassName} after={after}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {children}
        </select>
      )}
    </LabelledField>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  fieldClassName,
  after,
  ...area
}: ShellProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, ShellOwn>) {
  return (
    <LabelledField label={label} hint={hint} error={error} fieldClassName={fieldClassName} after={after}>
      {(control) => <textarea {...control} {...area} />}
    </LabelledField>
  );
}

/** A group of controls with one legend, and its hint and error tied to the group for screen readers. */
export function Group({ legend, hint, error, className, children }: Described & { legend: ReactNode; className?: string; children: ReactNode }) {
  const d = useDescribed({ hint, error });
  return (
    <fieldset className={['group', error ? 'group--error' : '', className ?? ''].filter(Boolean).join(' ')} aria-describedby={d.describedBy}>
      <legend>{legend}</legend>
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
      {children}
    </fieldset>
  );
}

/** A single checkbox with its error tied to it (e.g. "The applicant has given consent"). */
export function CheckboxField({
  label,
  hint,
  error,
  fieldClassName,
  after,
  ...input
}: ShellProps & Omit<InputHTMLAttributes<HTMLInputElement>, ShellOwn | 'type'>) {
  const d = useDescribed({ hint, error });
  return (
    <div className={['checkbox-field', error ? 'checkbox-field--error' : '', fieldClassName ?? ''].filter(Boolean).join(' ')}>
      <div className="checkbox">
        <input id={d.id} type="checkbox" aria-describedby={d.describedBy} aria-invalid={error ? true : undefined} {...input} />
        <label htmlFor={d.id}>{label}</label>
      </div>
      <Messages hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
      {after}
    </div>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** Runs on submit (the browser's own validation and page load are off: the contract's schema decides). */
  onSubmit(): unknown;
  /** The message for the whole form, shown in an alert at the top. */
  error?: string | null;
  /**
   * Each field's message, by field path. The alert lists them, each a way to its field, and focus moves to the alert
   * after a failed submit (for long forms).
   */
  summary?: Record<string, string>;
}

/**
 * A form whose submit runs `onSubmit`, with its alert at the top. Given `summary`, a failed submit takes focus to the
 * alert, which lists what needs attention with a way to each field.
 */
export function Form({ onSubmit, error = null, summary, children, ...form }: FormProps) {
  const alertRef = useRef<HTMLDivElement>(null);
  const withSummary = summary !== undefined;
  // Counts submits; once React has shown a submit's outcome, an alert there means nothing was saved: go to it.
  const [submits, setSubmits] = useState(0);
  useEffect(() => {
    if (submits > 0 && withSummary && alertRef.current?.querySelector('[role="alert"]')) alertRef.current.focus();
  }, [submits, withSummary]);
  return (
    <form
      noValidate
      {...form}
      onSubmit={(e) => {
        e.preventDefault();
        void Promise.resolve(onSubmit()).finally(() => setSubmits((n) => n + 1));
      }}
    >
      {summary ? (
        <div ref={alertRef} tabIndex={-1} className="error-summary">
          <ErrorSummary message={error} fields={summary} formOf={() => alertRef.current?.closest('form') ?? null} />
        </div>
      ) : (
        <FormAlert message={error} />
      )}
      {children}
    </form>
  );
}

/**
 * The control an error message on screen belongs to (the first control of a group), or else the first control after
 * the message. `nth` picks among messages with the same words (e.g. two Nominating Officers without a phone).
 */
function controlFor(form: HTMLFormElement, message: string, nth: number): HTMLElement | null {
  const shown = [...form.querySelectorAll<HTMLElement>('.field__error')].filter((el) => el.textContent?.replace(/^Error: /, '').trim() === message);
  const errorEl = shown[nth] ?? shown[0];
  if (!errorEl) return null;
  const owner = errorEl.id ? form.querySelector<HTMLElement>(`[aria-describedby~="${CSS.escape(errorEl.id)}"]`) : null;
  if (owner?.matches(FOCUSABLE)) return owner;
  const inside = owner?.querySelector<HTMLElement>(FOCUSABLE);
  if (inside) return inside;
  return [...form.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => errorEl.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
}

function ErrorSummary({ message, fields, formOf }: { message: string | null; fields: Record<string, string>; formOf(): HTMLFormElement | null }) {
  if (!message) return null;
  const entries = Object.entries(fields);
  const seen = new Map<string, number>();
  return (
    <div className="alert alert--error" role="alert">
      <p className="error-summary__title">{message}</p>
      {/* One message already said in full by the title needs no list. */}
      {(entries.length > 1 || (entries.length === 1 && !message.includes(entries[0]?.[1] ?? ''))) && (
        <ul className="error-summary__list">
          {entries.map(([path, text]) => {
            const nth = seen.get(text) ?? 0;
            seen.set(text, nth + 1);
            return (
              <li key={path}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const form = formOf();
                    const control = form ? controlFor(form, text, nth) : null;
                    control?.focus();
                    control?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {text}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
