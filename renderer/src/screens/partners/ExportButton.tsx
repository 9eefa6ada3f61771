import { useState } from 'react';
import { useTask } from '../../components/form';
import { api, unwrap } from '../../services/api';

/** Saves the whole directory as CSV, in the import format, through the native save dialog. */
export function ExportButton() {
  const { busy, error, run } = useTask();
  const [saved, setSaved] = useState<string | null>(null);
  const save = async () => {
    setSaved(null);
    const outcome = await run(() => unwrap(api().partners.export({})));
    if (outcome && !outcome.cancelled) setSaved(`Saved ${outcome.partners} partners (${outcome.rows} rows) to ${outcome.fileName}.`);
  };
  return (
    <span className="export-button">
      <button type="button" className="button" onClick={() => void save()} disabled={busy}>
        Export CSV
      </button>
      <span role="status" className={error ? 'export-button__error' : 'saved'}>
        {error ?? saved}
      </span>
    </span>
  );
}
