import { useId, useState } from 'react';

/**
 * Shown once. The recovery key is the only way back in if the passphrase is forgotten, so the coordinator
 * has to confirm they stored it before going on.
 */
export function RecoveryKeyPanel({ recoveryKey, onDone, doneLabel }: { recoveryKey: string; onDone(): void; doneLabel: string }) {
  const [stored, setStored] = useState(false);
  const checkId = useId();
  return (
    <div className="recovery">
      <p>
        Write this key down or print it, and keep it somewhere safe and separate from this laptop, as your organisation requires. If the passphrase is
        forgotten, this key is the only way to open the data. <strong>It will not be shown again.</strong>
      </p>
      <p className="recovery__key" data-testid="recovery-key" aria-label={`Recovery key: ${recoveryKey.split('').join(' ')}`}>
        {/* Wraps only between groups, so no group of four is split across lines. */}
        {recoveryKey.split('-').map((group, i, all) => (
          <span key={i} className="recovery__group">
            {group}
            {i < all.length - 1 ? '-' : ''}
          </span>
        ))}
      </p>
      <div className="checkbox">
        <input id={checkId} type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <label htmlFor={checkId}>I have stored the recovery key somewhere safe</label>
      </div>
      <button className="button button--primary" type="button" disabled={!stored} onClick={onDone}>
        {doneLabel}
      </button>
    </div>
  );
}
