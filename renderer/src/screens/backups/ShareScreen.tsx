import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ShareView } from '../../../../contract/backup-types';
import { CASE_STATE_LABELS, type CaseState } from '../../../../contract/cases';
import { formatUkDate } from '../../../../contract/dates';
import { EmptyState, Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { api, unwrap } from '../../services/api';
import { ManifestSummary } from './ManifestSummary';
import './backups.css';

/** A colleague's share, read-only, from its own folder: nothing here reads or changes this coordinator's data. */
export function ShareScreen() {
  const [view, setView] = useState<ShareView | null | undefined>(undefined);
  const navigate = useNavigate();
  useEffect(() => {
    unwrap(api().shares.current({})).then(setView, () => setView(null));
  }, []);
  const close = async () => {
    await unwrap(api().shares.close({}));
    navigate('/settings');
  };
  return (
    <Screen
      name="share-view"
      title={view ? `Read-only: share from ${view.manifest.createdBy}` : 'Read-only share'}
      ready={view !== undefined}
      actions={
        view && (
          <button className="button" type="button" onClick={() => void close()}>
            Close the share
          </button>
        )
      }
    >
      {view === null && <EmptyState title="No share is open">Open one from Settings → Shares.</EmptyState>}
      {view && (
        <div className="backup-readonly panel">
          <p className="alert alert--warn" role="note">
            <strong>Read-only.</strong> This is a colleague’s share, opened in its own folder. Nothing here can be changed, and your own data is untouched.
            Closing it (or locking) removes the opened copy.
          </p>
          <ManifestSummary manifest={view.manifest} fileName={view.fileName} />
          <h2>Cases</h2>
          {view.cases.length === 0 ? (
            <p className="muted">The share holds no cases.</p>
          ) : (
            <Table
              caption="Cases in the share"
              rows={view.cases}
              rowKey={(c) => c.reference}
              columns={[
                { header: 'Reference', cell: (c) => <span className="mono">{c.reference}</span> },
                { header: 'State', cell: (c) => CASE_STATE_LABELS[c.state as CaseState] ?? c.state },
                { header: 'Received', cell: (c) => formatUkDate(c.receivedOn) },
                { header: 'Next due', cell: (c) => formatUkDate(c.nextDueOn) },
              ]}
            />
          )}
          <h2>Partners</h2>
          <Table
            caption="Partners in the share"
            rows={view.partners}
            rowKey={(p, i) => `${p.name}-${i}`}
            columns={[
              { header: 'Partner', cell: (p) => p.name },
              { header: 'Status', cell: (p) => p.status },
            ]}
          />
        </div>
      )}
    </Screen>
  );
}
