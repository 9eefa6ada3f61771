import { estimateStrength } from '../../../contract/passphrase';
import { Field } from './Field';

/** Strength of a new passphrase, in words as well as colour so it does not rely on colour alone. */
export function PassphraseMeter({ value }: { value: string }) {
  const strength = estimateStrength(value);
  return (
    <div className="meter" aria-live="polite">
      <div className="meter__bar" data-score={strength.score}>
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= strength.score ? 'on' : ''} />
        ))}
      </div>
      <div className="meter__text">
        {value === '' ? (
          // Nothing typed yet: say what is needed rather than call an empty field "too short".
          'At least 12 characters. Four or more unrelated words work well.'
        ) : (
          <>
            <strong>Strength: {strength.label}.</strong> {strength.hint}
          </>
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
}: {
  label: string;
  passphrase: string;
  confirm: string;
  onPassphrase(value: string): void;
  onConfirm(value: string): void;
  errors: Record<string, string>;
  autoFocus?: boolean;
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
        after={<PassphraseMeter value={passphrase} />}
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
