import { useState } from 'react';
import type { CaseDetail } from '../../../../contract/case-views';
import { eraseCaseSchema, type SubjectAccessResult } from '../../../../contract/rights';
import { Dialog } from '../../components/Dialog';
import { Field, Form, FormAlert, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { JobProgress, useJobProgress } from '../../components/job-progress';
import { api, errorMessage, unwrap } from '../../services/api';

/**
 * The applicant's rights on the case page: a subject access export (everything held, encrypted, with a passphrase to
 * give by another route), and erasure on request (closed cases only; main says why otherwise), confirmed by typing
 * the reference and giving a reason that goes in the audit log.
 */
export function CaseRightsActions({ detail, onErased }: { detail: CaseDetail; onErased(message: string): void }) {
  const [open, setOpen] = useState<'access' | 'erase' | null>(null);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen('access')}>
        Subject access export
      </button>
      <button type="button" className="button" onClick={() => setOpen('erase')}>
        Erase this case…
      </button>
      {open === 'access' && <SubjectAccessDialog detail={detail} onClose={() => setOpen(null)} />}
      {open === 'erase' && (
        <EraseDialog
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            onErased(message);
          }}
        />
      )}
    </>
  );
}

function SubjectAccessDialog({ detail, onClose }: { detail: CaseDetail; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SubjectAccessResult | null>(null);
  // Made on the job runner: its progress (and a way to stop it) shows while it runs.
  const progress = useJobProgress('rights.subjectAccess');
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(api().rights.subjectAccess({ caseId: detail.id }));
      if (!res.cancelled) setDone(res);
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(false);
  };
  return (
    <Dialog title="Subject access export" name="subject-access" closeLabel={done ? 'Close' : 'Cancel'} onClose={onClose}>
      <FormAlert message={error} />
      {done === null ? (
        <>
          <p>
            Everything Reciprocal holds about the applicant of case {detail.reference}: every field, the timeline, circulations and who received them, offers,
            the move, ledger entries and audit entries. Two files are saved: a PDF to read, and the same record as JSON, both encrypted with one passphrase.
          </p>
          <p>This is the one export that holds the applicant’s identity. It is recorded, with its files’ fingerprints, in the audit log.</p>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run()}>
              {busy ? 'Making the export…' : 'Choose where to save'}
            </button>
          </div>
          {busy && progress && <JobProgress progress={progress} />}
        </>
      ) : (
        <div role="status">
          <p className="alert alert--ok">Saved {done.files.join(' and ')}.</p>
          <p>
            The passphrase that opens both files: <strong className="passphrase">{done.passphrase}</strong>
          </p>
          <p className="field__hint">Give it to the applicant by a different route from the files (in person or by phone), never in the same email.</p>
        </div>
      )}
    </Dialog>
  );
}

function EraseDialog({ detail, onClose, onDone }: { detail: CaseDetail; onClose(): void; onDone(message: string): void }) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const form = useSubmission();
  const submit = async () => {
    const res = await form.run(eraseCaseSchema, { caseId: detail.id, reason, confirmReference: typed }, (req) => unwrap(api().rights.erase(req)));
    if (res) onDone(`Case ${detail.reference} was erased: the applicant’s personal details are gone; the reference, dates and ledger entries remain.`);
  };
  return (
    <Dialog title={`Erase case ${detail.reference}`} name="erase-case" closeLabel="Cancel" onClose={onClose}>
      <p>
        The applicant’s name, date of birth, contact details, addresses, risk narrative, MARAC reference and every note on the timeline are erased for good,
        here and in the audit log. The reference, states, dates, offers, the move and the ledger entries stay. Only a closed case can be erased.
      </p>
      <Form onSubmit={submit} error={form.error}>
        <TextAreaField
          label="Why is the case being erased?"
          hint="Recorded in the audit log. Say what the request was (for example, a letter and its date), not who made it."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={form.fields['reason']}
        />
        <Field
          label={`Type the reference ${detail.reference} to confirm`}
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={form.fields['confirmReference']}
        />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={form.busy}>
            Erase the case
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
