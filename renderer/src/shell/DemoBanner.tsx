import { useEffect, useRef, useState } from 'react';
import type { DemoStatus } from '../../../contract/demo';
import { api, errorMessage, unwrap } from '../services/api';
import { useSession } from '../stores/session-store';

/**
 * Demo mode (issue 14): on every screen, a banner that says DEMO and gives the demonstration store's passphrase,
 * and DEMO in the window title. The first time the demonstration store is unlocked, it is filled with made-up data.
 */
export function DemoBanner() {
  const state = useSession((s) => s.status?.state);
  const [status, setStatus] = useState<DemoStatus | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const started = useRef(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void unwrap(api().demo.status({})).then(setStatus, () => setStatus(null));
  }, [state]);

  useEffect(() => {
    if (!status?.demo) return;
    document.title = 'DEMO – Reciprocal';
    if (state !== 'unlocked' || status.filled || started.current) return;
    started.current = true;
    const off = api().onEvent((event) => {
      if (event.type === 'progress' && event.kind === 'demo.fill') setPercent(Math.round((100 * event.done) / event.total));
    });
    void unwrap(api().demo.fill({ scale: status.scale }))
      .then(
        () => {
          setStatus({ ...status, filled: true });
          // Screens already open read their data again.
          window.location.hash = '#/';
        },
        (err: unknown) => setProblem(errorMessage(err)),
      )
      .finally(off);
  }, [status, state]);

  const filling = status?.demo === true && state === 'unlocked' && !status.filled && problem === null;
  if (!status?.demo) return null;
  return (
    <aside className="demo-banner" aria-label="Demo mode" data-testid="demo-banner">
      <strong>DEMO</strong> Made-up cases only, in a separate demonstration store. Its passphrase is <code>{status.passphrase}</code>
      <span role="status">{filling ? ` Making demo data… ${percent ?? 0}%` : ''}</span>
      {problem && <span role="alert"> {problem}</span>}
    </aside>
  );
}
