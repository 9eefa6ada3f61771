import type { ReactNode } from 'react';
import { Field, Form, FormAlert } from './Field';

interface SettingsPanelProps {
  /** Makes the heading's id, which names the section for screen readers. */
  id: string;
  title: string;
  /** Why the current settings could not be read, if they could not. */
  loadError?: string | null;
  /** False until the current settings have arrived: the form is not shown with blanks that could be saved. */
  ready: boolean;
  onSubmit(): Promise<void> | void;
  /** The form-level error from the last save. */
  error: string | null;
  busy: boolean;
  submitLabel: string;
  /** The confirmation after a save, announced as a status. */
  saved: string | null;
  children: ReactNode;
}

/**
 * One settings section: its heading, the fields, a save button and the saved confirmation. Each policy in Settings
 * is saved (and audited) on its own, so each gets its own panel and its own form.
 */
export function SettingsPanel({ id, title, loadError = null, ready, onSubmit, error, busy, submitLabel, saved, children }: SettingsPanelProps) {
  const headingId = `${id}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <FormAlert message={loadError} />
      {ready && (
        <Form onSubmit={onSubmit} error={error}>
          {children}
          <div className="button-row">
            <button className="button button--primary" type="submit" disabled={busy}>
              {submitLabel}
            </button>
            {saved && (
              <span className="saved" role="status">
                {saved}
              </span>
            )}
          </div>
        </Form>
      )}
    </section>
  );
}

export interface NumberSetting<K extends string> {
  key: K;
  label: string;
  hint?: string;
}

/** A policy's whole-number settings, typed as text so that a half-typed value is kept and checked by main. */
export function NumberSettings<K extends string>({
  settings,
  values,
  onChange,
  errors,
}: {
  settings: readonly NumberSetting<K>[];
  values: Record<K, string>;
  onChange(values: Record<K, string>): void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      {settings.map((n) => (
        <Field
          key={n.key}
          label={n.label}
          hint={n.hint}
          inputMode="numeric"
          className="input--short"
          value={values[n.key]}
          onChange={(e) => onChange({ ...values, [n.key]: e.target.value })}
          error={errors[n.key]}
        />
      ))}
    </>
  );
}

/** Text typed into a number setting, as the number main checks: blank is NaN, which main refuses with its reason. */
export function typedNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
