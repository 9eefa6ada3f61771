import { useEffect, useState } from 'react';
import type { AboutInfo, IntegrityReport } from '../../../../contract/session';
import { formatUkDateTime } from '../../../../contract/dates';
import { useTask } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { AboutDetails } from '../../shell/AboutDialog';
import { JobProgress, useJobProgress } from '../../components/job-progress';

export function DatabaseSettings() {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const { busy, error, run } = useTask();
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const progress = useJobProgress('database.integrity');

  useEffect(() => {
    unwrap(api().session.about({})).then(setAbout, () => undefined);
  }, []);

  const check = async () => {
    const next = await run(() => unwrap(api().database.integrityCheck({})));
    if (next) setReport(next);
  };

  return (
    <>
      <section className="panel" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">Database integrity</h2>
        <p>Checks every encrypted page of the database for damage or tampering.</p>
        <button className="button" type="button" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check the database'}
        </button>
        {busy && progress && <JobProgress progress={progress} />}
        <div role="status" className="status-line">
          {error}
          {report &&
            (report.ok
              ? `Database verified: every page is intact (checked ${formatUkDateTime(report.checkedAt)}).`
              : `Problems found: ${report.problems.join('; ')}. Restore from a backup and tell your administrator.`)}
        </div>
      </section>
      <section className="panel" aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        {about && <AboutDetails about={about} />}
      </section>
    </>
  );
}
