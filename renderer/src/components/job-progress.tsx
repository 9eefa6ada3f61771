import { useEffect, useState } from 'react';
import { api } from '../services/api';

export interface JobProgressState {
  jobId: string;
  label: string;
  done: number;
  total: number;
}

/**
 * The latest progress of the running job of `kind` (from the one event channel), or null when none runs. Long work
 * runs in main's job runner; this is how a screen shows it and offers to cancel it (`jobs.cancel`).
 */
export function useJobProgress(kind: string): JobProgressState | null {
  const [state, setState] = useState<JobProgressState | null>(null);
  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'progress' && event.kind === kind) setState({ jobId: event.taskId, label: event.label, done: event.done, total: event.total });
        if (event.type === 'job' && event.kind === kind) setState(null);
      }),
    [kind],
  );
  return state;
}

/** A job's progress with its Cancel button; the progress bar is labelled by the job's own words. */
export function JobProgress({ progress }: { progress: JobProgressState }) {
  const id = `job-${progress.jobId}`;
  return (
    <div className="job-progress">
      <span id={id}>{progress.label}…</span>
      {progress.total > 0 && <progress aria-labelledby={id} max={progress.total} value={progress.done} />}
      <button className="button" type="button" onClick={() => void api().jobs.cancel({ jobId: progress.jobId })}>
        Cancel
      </button>
    </div>
  );
}
