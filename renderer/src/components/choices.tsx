import { useId, type ReactNode } from 'react';
import { Group, type Choice } from './Field';

/*
 * Groups of radios and checkboxes, inside the same labelled shell as every other control (a fieldset with a legend,
 * hint and error).
 */

export function RadioGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  inline = true,
}: {
  legend: ReactNode;
  options: readonly (Choice & { value: T })[];
  value: T | '';
  onChange(value: T): void;
  error?: string | undefined;
  hint?: ReactNode;
  /** Side by side (a few short choices) rather than one under another. */
  inline?: boolean;
}) {
  const name = useId();
  return (
    <Group legend={legend} hint={hint} error={error} className={inline ? 'group--inline' : undefined}>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </Group>
  );
}

export type YesNoBlank = '' | 'yes' | 'no';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

export function YesNo(props: { legend: ReactNode; value: YesNoBlank; onChange(v: YesNoBlank): void; error?: string | undefined; hint?: ReactNode }) {
  return <RadioGroup {...props} options={YES_NO} />;
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
  legend: ReactNode;
  options: readonly { value: T; label: string; disabled?: string | undefined }[];
  selected: readonly T[];
  onChange(values: T[]): void;
  error?: string | undefined;
  hint?: ReactNode;
  columns?: boolean;
}) {
  const set = new Set(selected);
  return (
    <Group legend={legend} hint={hint} error={error} className={columns ? 'group--columns' : undefined}>
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
