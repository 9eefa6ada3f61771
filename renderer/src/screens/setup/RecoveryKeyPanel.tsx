import { useId, useState } from 'react';
import { api, errorMessage, unwrap } from '../../services/api';
import './recovery-key.css';

/**
 * Shown once. The recovery key is the only way back in if the passphrase is forgotten, so the coordinator has to
 * confirm they stored it before going on; `onDone` records that confirmation (vault.confirmRecoveryKey), so a restart
 * before it brings a reminder. Copy goes through main (the window may not write the clipboard) and is cleared after
 * two minutes; Print prints only the key; Save writes a text file where the coordinator chooses.
 */
export function RecoveryKeyPanel({ recoveryKey, onDone, doneLabel }: { recoveryKey: string; onDone(): void | Promise<void>; doneLabel: string }) {
  const [stored, setStored] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkId = useId();

  const act = async (work: () => Promise<string | null>) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const copy = () =>
    act(async () => {
      const { clearsAfterSeconds } = await unwrap(api().vault.copyRecoveryKey({ recoveryKey }));
      return `Copied. The clipboard is cleared again in ${Math.round(clearsAfterSeconds / 60)} minutes.`;
    });
  const save = () =>
    act(async () => {
      const result = await unwrap(api().vault.saveRecoveryKey({ recoveryKey }));
      return result.cancelled ? null : `Saved as ${result.fileName}. Keep that file apart from this laptop.`;
    });
  const print = () =>
    act(async () => {
      window.print();
      return 'Sent to the printer. Collect the page straight away.';
    });
  const done = async () => {
    setBusy(true);
    try {
      await onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="recovery">
      <p>
        Write this key down, print it or save it to a USB stick, and keep it somewhere safe and separate from this laptop, as your organisation requires. If the
        passphrase is forgotten, this key is the only way to open the data. <strong>It will not be shown again.</strong>
      </p>
      <div className="recovery-print">
        <p className="recovery-print__title">Reciprocal recovery key</p>
        <p className="recovery__key" data-testid="recovery-key" aria-label={`Recovery key: ${recoveryKey.split('').join(' ')}`}>
          {/* Wraps only between groups, so no group of four is split across lines. */}
          {recoveryKey.split('-').map((group, i, all) => (
            <span key={i} className="recovery__group">
              {group}
              {i < all.length - 1 ? '-' : ''}
            </span>
          ))}
        </p>
      </div>
      <div className="button-row recovery-actions">
        <button className="button" type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button className="button" type="button" onClick={() => void print()}>
          Print
        </button>
        <button className="button" type="button" onClick={() => void save()}>
          Save as a file
        </button>
      </div>
      <div role="status" className="status-line">
        {message}
      </div>
      {error && (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      )}
      <div className="checkbox">
        <input id={checkId} type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <label htmlFor={checkId}>I have stored the recovery key somewhere safe</label>
      </div>
      <button className="button button--primary" type="button" disabled={!stored || busy} onClick={() => void done()}>
        {doneLabel}
      </button>
    </div>
  );
}
