import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { BatchCandidate, BatchOutcome } from '../../../../contract/circulation';
import { formatUkDate } from '../../../../contract/dates';
import { FormAlert } from '../../components/Field';
import { EmptyState, Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';
import './circulation.css';

type Progress = { phase: 'packs' | 'record'; done: number; total: number; label: string };

/**
 * "Circulate everything approved": one pack per approved case that has not been circulated, made in a worker
 * thread and then recorded case by case, with a progress bar and a way to stop.
 */
export function BatchScreen() {
  const invalidate = useCases((s) => s.invalidate);
  const [candidates, setCandidates] = useState<BatchCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [encrypt, setEncrypt] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const task = useRef<string | null>(null);
  const [runningTask, setRunningTask] = useState<string | null>(null);
  const jobId = useRef<string | null>(null);

  const load = () => unwrap(api().circulation.batchCandidates({})).then(setCandidates, (err: unknown) => setError(errorMessage(err)));
  useEffect(() => {
    void load();
    return api().onEvent((event) => {
      if (event.type !== 'progress' || task.current === null) return;
      if (event.kind === 'circulation.packs') {
        jobId.current = event.taskId;
        if (event.total > 0) setProgress({ phase: 'packs', done: event.done, total: event.total, label: 'Making the packs' });
      } else if (event.kind === 'circulation.record' && event.taskId === task.current) {
        setProgress({ phase: 'record', done: event.done, total: event.total, label: 'Saving and recording each as sent' });
      }
    });
  }, []);

  const ready = candidates?.filter((c) => c.blockedBecause === null) ?? [];
  const running = runningTask !== null;

  const start = async () => {
    setError(null);
    setOutcome(null);
    task.current = `batch-${Date.now()}`;
    setRunningTask(task.current);
    jobId.current = null;
    setProgress({ phase: 'packs', done: 0, total: ready.length, label: 'Making the packs' });
    try {
      const out = await unwrap(api().circulation.batchRun({ task: task.current ?? '', encrypt, caseIds: ready.map((c) => c.caseId) }));
      if (out.cancelled) setProgress(null);
      else setOutcome(out);
      invalidate();
      await load();
    } catch (err) {
      setError(errorMessage(err));
      setProgress(null);
    } finally {
      task.current = null;
      setRunningTask(null);
    }
  };

  const cancel = () => {
    if (task.current) void api().circulation.batchCancel({ task: task.current });
    if (jobId.current) void api().jobs.cancel({ jobId: jobId.current });
  };

  return (
    <Screen name="circulation-batch" title="Circulate approved cases" ready={candidates !== null || error !== null}>
      <FormAlert message={error} />
      {candidates !== null && candidates.length === 0 && outcome === null && (
        <EmptyState title="Nothing to circulate">Every approved case has been circulated. New approvals will appear here.</EmptyState>
      )}
      {candidates !== null && candidates.length > 0 && (
        <section className="panel circulation-batch" aria-labelledby="batch-heading">
          <h2 id="batch-heading">
            {candidates.length} approved {candidates.length === 1 ? 'case has' : 'cases have'} not been circulated
          </h2>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Approved</th>
                <th scope="col">Partners</th>
                <th scope="col">Can it be sent?</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">
                    <Link to={`/cases/${c.caseId}`}>{c.reference}</Link>
                  </th>
                  <td>{formatUkDate(c.approvedOn)}</td>
                  <td className="num">{c.recipients}</td>
                  <td>{c.blockedBecause === null ? 'Yes' : <span>No: {c.blockedBecause}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="checkbox-field">
            <label className="checkbox">
              <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} disabled={running} /> Encrypt each pack (AES-256) with its
              own passphrase
            </label>
          </div>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={running || ready.length === 0} onClick={() => void start()}>
              Circulate {ready.length} {ready.length === 1 ? 'case' : 'cases'}
            </button>
            {running && (
              <button type="button" className="button" onClick={cancel}>
                Stop
              </button>
            )}
          </div>
          <p className="field__hint">You choose a name for a new folder; each pack is saved there and recorded as sent, one case at a time.</p>
        </section>
      )}
      {progress && outcome === null && (
        <div className="panel circulation-batch">
          <label htmlFor="batch-progress">
            {progress.label}: {progress.done} of {progress.total}
          </label>
          <progress id="batch-progress" max={Math.max(1, progress.total)} value={progress.done} />
        </div>
      )}
      {outcome && !outcome.cancelled && (
        <section className="panel" aria-labelledby="batch-result-heading" data-testid="batch-result">
          <h2 id="batch-result-heading" tabIndex={-1}>
            {outcome.sent} sent{outcome.skipped > 0 ? `, ${outcome.skipped} not sent` : ''}
            {outcome.stoppedEarly ? ' (stopped before the end)' : ''}
          </h2>
          <p>Saved in the folder {outcome.folderName}. Send each passphrase separately, by phone or SMS.</p>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Result</th>
                <th scope="col">Passphrase</th>
              </tr>
            </thead>
            <tbody>
              {outcome.results.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">
                    <Link to={`/cases/${r.caseId}`}>{r.reference}</Link>
                  </th>
                  <td>{r.message}</td>
                  <td>{r.passphrase ? <code className="mono circulation-passphrase">{r.passphrase}</code> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Screen>
  );
}
