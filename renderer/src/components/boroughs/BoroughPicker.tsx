import { useId } from 'react';
import { BOROUGHS_ALPHABETICAL, boroughName, sortBoroughCodes } from '../../../../contract/boroughs';
import type { BoroughCode } from '../../../../contract/boroughs';
import { BoroughMap } from './BoroughMap';

export interface BoroughPickerProps {
  label: string;
  selected: BoroughCode[];
  onChange(codes: BoroughCode[]): void;
  /** Boroughs that cannot be chosen (e.g. where the applicant is at risk), each with the reason shown. */
  unavailable?: Partial<Record<BoroughCode, string>>;
  hint?: string;
  error?: string | undefined;
}

/**
 * Choose London boroughs on the map or in the equivalent alphabetical checkbox list; both show the same choice.
 * Used for a partner's stock boroughs, and by cases for the requested boroughs.
 */
export function BoroughPicker({ label, selected, onChange, unavailable = {}, hint, error }: BoroughPickerProps) {
  const id = useId();
  const chosen = new Set(selected);
  const toggle = (code: BoroughCode) => {
    if (unavailable[code] !== undefined) return;
    const next = new Set(chosen);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    onChange(sortBoroughCodes([...next]));
  };
  const names = sortBoroughCodes(selected).map(boroughName);
  const unavailableCount = Object.keys(unavailable).length;

  return (
    <fieldset
      className={`picker${error ? ' picker--error' : ''}`}
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
    >
      <legend>{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <p className="picker__summary" role="status">
        {names.length === 0 ? 'No boroughs chosen.' : `${names.length} chosen: ${names.join(', ')}.`}
      </p>
      <BoroughMap mode="select" label={`${label}: map`} selected={selected} onToggle={toggle} unavailable={unavailable} />
      <ul className="map-legend" aria-hidden="true">
        <li>
          <span className="map-legend__swatch map-legend__swatch--selected" /> Chosen
        </li>
        <li>
          <span className="map-legend__swatch map-legend__swatch--band0" /> Not chosen
        </li>
        {unavailableCount > 0 && (
          <li>
            <span className="map-legend__swatch map-legend__swatch--unavailable" /> Cannot be chosen
          </li>
        )}
      </ul>
      <p className="picker__list-heading">Or tick them in the list, A to Z:</p>
      <ul className="picker__list" aria-label={`${label}: list`}>
        {BOROUGHS_ALPHABETICAL.map((b) => {
          const reason = unavailable[b.code];
          return (
            <li key={b.code}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(b.code)}
                  disabled={reason !== undefined}
                  onChange={() => toggle(b.code)}
                  data-borough-option={b.code}
                />
                <span>
                  {b.name}
                  {reason !== undefined && <span className="picker__reason">{reason}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {selected.length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear all boroughs
        </button>
      )}
    </fieldset>
  );
}
