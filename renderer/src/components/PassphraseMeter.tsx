import { useEffect, useState } from 'react';
import type { PassphraseStrength } from '../../../contract/passphrase';
import { loadStrengthEstimator, type StrengthEstimator } from '../../../contract/passphrase-strength';
import { Field } from './Field';

/** zxcvbn and its dictionaries (a few MB) load in their own chunk, the first time a passphrase field is shown. */
function useStrength(value: string, userInputs: string[]): PassphraseStrength | null {
  const [estimate, setEstimate] = useState<StrengthEstimator | null>(null);
  useEffect(() => {
    let live = true;
    void loadStrengthEstimator().then((fn) => {
      if (live) setEstimate(() => fn);
    });
    return () => {
      live = false;
    };
  }, []);
  return estimate && value !== '' ? estimate(value, userInputs) : null;
}

/** Strength of a new passphrase, in words as well as colour so it does not rely on colour alone. Main applies the same rule. */
export function PassphraseMeter({ value, userInputs = [] }: { value: string; userInputs?: string[] }) {
  const strength = useStrength(value, userInputs);
  const score = strength?.score ?? 0;
  return (
    <div className="meter" aria-live="polite">
      <div className="meter__bar" data-score={score}>
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= score ? 'on' : ''} />
        ))}
      </div>
      <div className="meter__text">
        {value === '' ? (
          // Nothing typed yet: say what is needed rather than call an empty field "too short".
          'At least 12 characters. Four or more unrelated words work well.'
        ) : strength ? (
          <>
            <strong>Strength: {strength.label}.</strong> {strength.hint}
          </>
        ) : (
          'Checking the strength…'
        )}
      </div>
    </div>
  );
}

/**
 * A new passphrase typed twice, the first with its strength: for setting up, changing, and replacing a forgotten one.
 * `label` is the first field's ("New passphrase"); the second is the same label with "again".
 */
export function NewPassphraseFields({
  label,
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  errors,
  autoFocus = false,
  userInputs = [],
}: {
  label: string;
  passphrase: string;
  confirm: string;
  onPassphrase(value: string): void;
  onConfirm(value: string): void;
  errors: Record<string, string>;
  autoFocus?: boolean;
  /** Words the passphrase should not be built from (the coordinator's name). */
  userInputs?: string[];
}) {
  return (
    <>
      <Field
        label={label}
        type="password"
        autoComplete="new-password"
        autoFocus={autoFocus}
        value={passphrase}
        onChange={(e) => onPassphrase(e.target.value)}
        error={errors['passphrase']}
        after={<PassphraseMeter value={passphrase} userInputs={userInputs} />}
      />
      <Field
        label={`${label} again`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors['confirmPassphrase']}
      />
    </>
  );
}
