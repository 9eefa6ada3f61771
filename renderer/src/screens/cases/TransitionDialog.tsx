import { useState } from 'react';
import { CLOSURE_REASON_LABELS, type ClosureReason } from '../../../../contract/cases';
import type { AvailableTransition, CaseDetail } from '../../../../contract/case-views';
import { transitionRequestSchema } from '../../../../contract/case-channels';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import { Dialog } from '../../components/Dialog';
import { choicesOf, DateField, Form, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { CaseCapPanel } from '../ledger/CapNotices';

/** What the date means for each move, so the coordinator records the right day. */
function dateLabel(t: AvailableTransition): string {
  switch (t.to) {
    case 'awaiting_landlord_approval':
      return 'Date the request went to the Named Lead or panel';
    case 'approved':
      return 'Date the landlord approved';
    case 'landlord_declined':
      return 'Date the landlord declined';
    case 'circulated':
      return 'Date the request was circulated';
    default:
      return 'Date it happened';
  }
}

export function TransitionDialog({
  detail,
  transition,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  transition: AvailableTransition;
  onClose(): void;
  onDone(next: CaseDetail): void;
}) {
  const [reason, setReason] = useState('');
  const [closureReason, setClosureReason] = useState<ClosureReason | ''>(transition.closureReasons.length === 1 ? (transition.closureReasons[0] ?? '') : '');
  const [date, setDate] = useState(formatUkDate(detail.today));
  const [overrideReason, setOverrideReason] = useState('');
  const form = useSubmission();
  const closing = transition.to === 'closed';
  const reasonLabel = closing
    ? closureReason === 'other'
      ? 'Explain why the case is closing'
      : 'Notes (optional)'
    : transition.reasonRequired
      ? 'Reason'
      : 'Notes (optional)';

  const submit = async () => {
    const effectiveOn = date.trim() === '' ? undefined : (parseUkDate(date) ?? `invalid:${date}`);
    const values = {
      id: detail.id,
      to: transition.to,
      reason,
      closureReason: closureReason === '' ? undefined : closureReason,
      effectiveOn,
      overrideReason,
    };
    const next = await form.run(transitionRequestSchema, values, (req) => unwrap(api().cases.transition(req)));
    if (next) onDone(next);
  };

  return (
    <Dialog title={transition.action} onClose={onClose} name="transition" closeLabel="Cancel">
      <Form onSubmit={submit} error={form.error}>
        <p>
          Case <strong>{detail.reference}</strong>.
        </p>
        {(transition.to === 'approved' || transition.to === 'circulated') && <CaseCapPanel caseId={detail.id} />}
        {closing && (
          <SelectField
            label="Why is the case closing?"
            value={closureReason}
            onChange={(e) => setClosureReason(e.target.value as ClosureReason | '')}
            error={form.fields['closureReason']}
            placeholder="Choose…"
            options={choicesOf(transition.closureReasons, CLOSURE_REASON_LABELS)}
          />
        )}
        {transition.needsOverride && (
          <>
            <div className="alert alert--warn" data-rule={transition.needsOverride.rule}>
              <strong>Needs an override. </strong>
              {transition.needsOverride.message}
            </div>
            <TextAreaField
              label="Why go ahead"
              hint="Recorded with the case and in the audit log."
              rows={2}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              error={form.fields['overrideReason']}
            />
          </>
        )}
        <TextAreaField label={reasonLabel} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={form.fields['reason']} />
        <DateField
          label={dateLabel(transition)}
          hint="For example, 27/03/2026 or 27 Mar 2026. Leave as today unless it happened earlier."
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={form.fields['effectiveOn']}
        />
        <div className="button-row">
          <button type="submit" className={`button ${transition.to === 'withdrawn' || closing ? 'button--danger' : 'button--primary'}`} disabled={form.busy}>
            {transition.action}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
