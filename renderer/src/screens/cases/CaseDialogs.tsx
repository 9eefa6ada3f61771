import { useState } from 'react';
import type { BoroughCode } from '../../../../contract/boroughs';
import type { CaseDetail, ChaseTarget } from '../../../../contract/case-views';
import {
  addBoroughsSchema,
  addNoteSchema,
  CHASE_TARGET_LABELS,
  NOTE_KINDS,
  NOTE_KIND_LABELS,
  recordChaseSchema,
  type NoteKind,
} from '../../../../contract/case-channels';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import { BoroughPicker } from '../../components/boroughs/BoroughPicker';
import { Dialog } from '../../components/Dialog';
import { choicesOf, DateField, Form, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';

export function AddBoroughsDialog({ detail, onClose, onDone }: { detail: CaseDetail; onClose(): void; onDone(next: CaseDetail): void }) {
  const [boroughs, setBoroughs] = useState<BoroughCode[]>([]);
  const [note, setNote] = useState('');
  const form = useSubmission();
  const unavailable: Partial<Record<BoroughCode, string>> = {};
  for (const code of detail.referral.requestedBoroughs) unavailable[code] = 'Already requested';
  for (const code of detail.referral.risk.unsafeBoroughs) unavailable[code] = 'Unsafe for the applicant';
  unavailable[detail.referral.currentHome.borough] = 'Current borough';

  const submit = async () => {
    const next = await form.run(addBoroughsSchema, { id: detail.id, boroughs, note }, (req) => unwrap(api().cases.addBoroughs(req)));
    if (next) onDone(next);
  };

  return (
    <Dialog title="Add requested boroughs" onClose={onClose} name="add-boroughs" closeLabel="Cancel">
      <Form onSubmit={submit} error={form.error}>
        {detail.dates.circulatedOn !== null && <p className="notice">The request has been circulated, so adding boroughs marks it for re-circulation.</p>}
        <BoroughPicker label="Boroughs to add" selected={boroughs} onChange={setBoroughs} unavailable={unavailable} error={form.fields['boroughs']} />
        <TextAreaField
          label="Note (optional)"
          hint="For example: the Nominating Officer phoned with the applicant's new choices."
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            Add boroughs
          </button>
        </div>
      </Form>
    </Dialog>
  );
}

export function NoteForm({ detail, onDone }: { detail: CaseDetail; onDone(next: CaseDetail): void }) {
  const [kind, setKind] = useState<NoteKind>('note');
  const [text, setText] = useState('');
  const [date, setDate] = useState(formatUkDate(detail.today));
  const [saved, setSaved] = useState(false);
  const form = useSubmission();

  const submit = async () => {
    setSaved(false);
    const on = date.trim() === '' ? undefined : (parseUkDate(date) ?? `invalid:${date}`);
    const next = await form.run(addNoteSchema, { id: detail.id, kind, text, on }, (req) => unwrap(api().cases.addNote(req)));
    if (next) {
      setText('');
      setSaved(true);
      onDone(next);
    }
  };

  return (
    <Form className="case-note-form" aria-label="Add to the timeline" onSubmit={submit} error={form.error}>
      <div className="form-grid">
        <SelectField label="What is it?" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)} options={choicesOf(NOTE_KINDS, NOTE_KIND_LABELS)} />
        <DateField label="Date" value={date} onChange={(e) => setDate(e.target.value)} error={form.fields['on']} />
      </div>
      <TextAreaField
        label="Note"
        hint={kind === 'review' ? 'A review restarts the "no offer" clock.' : 'Notes cannot be edited or deleted once added.'}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={form.fields['text']}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={form.busy}>
          Add to the timeline
        </button>
        {saved && (
          <span className="saved" role="status">
            Added.
          </span>
        )}
      </div>
    </Form>
  );
}

/** "Chased the landlord" or "Chased the Nominating Officer": on the timeline, and the reminder moves on. */
export function ChaseDialog({ detail, who, onClose, onDone }: { detail: CaseDetail; who: ChaseTarget; onClose(): void; onDone(next: CaseDetail): void }) {
  const [note, setNote] = useState('');
  const [date, setDate] = useState(formatUkDate(detail.today));
  const form = useSubmission();
  const title = CHASE_TARGET_LABELS[who];
  const submit = async () => {
    const on = date.trim() === '' ? undefined : (parseUkDate(date) ?? `invalid:${date}`);
    const next = await form.run(recordChaseSchema, { id: detail.id, who, note, on }, (req) => unwrap(api().cases.recordChase(req)));
    if (next) onDone(next);
  };
  return (
    <Dialog title={title} onClose={onClose} name="chase" closeLabel="Cancel">
      <Form onSubmit={submit} error={form.error}>
        <p>
          Case <strong>{detail.reference}</strong>.{' '}
          {who === 'landlord'
            ? 'The next chase falls due after the interval set in the case policy.'
            : 'The "no progress" reminder starts again from this chase.'}
        </p>
        <DateField label="Date you chased" value={date} onChange={(e) => setDate(e.target.value)} error={form.fields['on']} />
        <TextAreaField
          label="How, and what was said (optional)"
          hint="For example: emailed the Named Lead; panel meets on Tuesday."
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={form.fields['note']}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            Record the chase
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
