import type { BackupManifest } from '../../../../contract/backup-types';
import { formatUkDateTime } from '../../../../contract/dates';

/** What a backup holds, shown before anything is restored or opened. */
export function ManifestSummary({ manifest, fileName }: { manifest: BackupManifest; fileName: string }) {
  const n = (v: number) => v.toLocaleString('en-GB');
  return (
    <dl className="backup-manifest" data-testid="manifest">
      <dt>File</dt>
      <dd className="mono">{fileName}</dd>
      <dt>Made</dt>
      <dd>
        {formatUkDateTime(manifest.createdAt)} by {manifest.createdBy}
      </dd>
      <dt>Kind</dt>
      <dd>{manifest.kind === 'share' ? 'A share for named colleagues' : 'A backup'}</dd>
      <dt>App version</dt>
      <dd>
        {manifest.appVersion} (data version {manifest.schemaVersion})
      </dd>
      <dt>Cases</dt>
      <dd>{n(manifest.counts.cases)}</dd>
      <dt>Partners</dt>
      <dd>{n(manifest.counts.partners)}</dd>
      <dt>Moves</dt>
      <dd>{n(manifest.counts.moves)}</dd>
      <dt>Ledger entries</dt>
      <dd>{n(manifest.counts.ledgerEntries)}</dd>
      <dt>Audit entries</dt>
      <dd>{n(manifest.counts.auditEntries)}</dd>
    </dl>
  );
}
