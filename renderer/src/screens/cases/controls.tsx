import { useId, type ReactNode } from 'react';
import type { EligibilityFailure } from '../../../../contract/case-views';
import type { YesNoBlank } from './referral-draft';

/** A group of controls with one legend, and its hint and error tied to the group for screen readers. */
export function Group({
  legend,
  hint,
  error,
  children,
  className = '',
}: {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined;
  return (
    <fieldset className={`group ${error ? 'group--error' : ''} ${className}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </div>
      )}
      {children}
    </fieldset>
  );
}

export function YesNo({
  legend,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  value: YesNoBlank;
  onChange(v: YesNoBlank): void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const name = useId();
  return (
    <Group legend={legend} hint={hint} error={error} className="group--inline">
      {(['yes', 'no'] as const).map((v) => (
        <label key={v} className="choice">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{v === 'yes' ? 'Yes' : 'No'}</span>
        </label>
      ))}
    </Group>
  );
}

export function Checkboxes<T extends string>({
  legend,
  options,
  selected,
  onChange,
  error,
  hint,
  columns = false,
}: {
  legend: string;
  options: readonly { value: T; label: string; disabled?: string | undefined }[];
  selected: readonly T[];
  onChange(values: T[]): void;
  error?: string | undefined;
  hint?: ReactNode;
  columns?: boolean;
}) {
  const set = new Set(selected);
  return (
    <Group legend={legend} hint={hint} error={error} className={columns ? 'group--columns' : ''}>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="checkbox"
            checked={set.has(o.value)}
            disabled={o.disabled !== undefined}
            onChange={(e) => onChange(options.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : set.has(v))))}
          />
          <span>
            {o.label}
            {o.disabled !== undefined && <span className="choice__reason"> ({o.disabled})</span>}
          </span>
        </label>
      ))}
    </Group>
  );
}

/** Eligibility's words at a field: a blocking error, or a warning or override that needs a reason to go on. */
export function EligibilityNotes({ failures, children }: { failures: readonly EligibilityFailure[]; children?: ReactNode }) {
  if (failures.length === 0) return null;
  return (
    <div className="eligibility">
      {failures.map((f) => (
        <div key={f.rule} className={`alert ${f.severity === 'error' ? 'alert--error' : 'alert--warn'}`} data-rule={f.rule}>
          <strong>{f.severity === 'error' ? 'Not eligible. ' : f.severity === 'override' ? 'Needs an override. ' : 'Warning. '}</strong>
          {f.message.replace(/^Not eligible: /, '')}
        </div>
      ))}
      {children}
    </div>
  );
}
