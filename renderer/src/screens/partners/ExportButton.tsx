import { useState } from 'react';
import { api, errorMessage, unwrap } from '../../services/api';

/** Saves the whole directory as CSV, in the import format, through the native save dialog. */
export function ExportButton() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await unwrap(api().partners.export({}));
      if (!outcome.cancelled) {
        setMessage({ ok: true, text: `Saved ${outcome.partners} partners (${outcome.rows} rows) to ${outcome.fileName}.` });
      }
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-button">
      <button type="button" className="button" onClick={() => void run()} disabled={busy}>
        Export CSV
      </button>
      <span role="status" className={message?.ok === false ? 'export-button__error' : 'saved'}>
        {message?.text}
      </span>
    </span>
  );
}
