import { useState } from 'react';
import { BOROUGHS_ALPHABETICAL } from '../../../../contract/boroughs';
import { missingCase } from '../../../../contract/missing-case';
import {
  acceptOfferSchema,
  bookViewingSchema,
  completeMoveSchema,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  declineOfferSchema,
  fellThroughSchema,
  withdrawOfferSchema,
  type OfferView,
} from '../../../../contract/offers';
import { Dialog } from '../../components/Dialog';
import { choicesOf, DateField, Field, Form, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { isoOf, todayUk } from './offer-words';

export type OfferAction = 'viewing' | 'accept' | 'decline' | 'withdraw' | 'fell' | 'move' | 'housing';

const TITLES: Record<OfferAction, string> = {
  viewing: 'Book a viewing',
  accept: 'The applicant accepted',
  decline: 'The applicant declined',
  withdraw: 'The landlord withdrew the offer',
  fell: 'The offer fell through',
  move: 'Move completed',
  housing: 'Moved through the Housing Moves pathway',
};

const n = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Every step of an offer after it is made, each a small form checked with the contract's own schema. */
export function OfferActionDialog({
  action,
  caseId,
  offer,
  household,
  onClose,
  onDone,
}: {
  action: OfferAction;
  caseId: number;
  offer: OfferView | null;
  household: { adults: number; children: number };
  onClose(): void;
  onDone(message: string): void;
}) {
  const form = useSubmission();
  const [date, setDate] = useState(todayUk());
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [line1, setLine1] = useState('');
  const [postcode, setPostcode] = useState('');
  const [planned, setPlanned] = useState('');
  const [adults, setAdults] = useState(String(household.adults));
  const [children, setChildren] = useState(String(household.children));
  const [borough, setBorough] = useState('');
  const offerId = offer?.id ?? 0;
  const f = form.fields;

  const submit = async () => {
    let done: unknown;
    switch (action) {
      case 'viewing':
        done = await form.run(bookViewingSchema, { offerId, viewingOn: isoOf(date) }, (p) => unwrap(api().offers.bookViewing(p)));
        break;
      case 'accept': {
        const address = line1.trim() || postcode.trim() ? { line1, line2: '', town: '', postcode } : undefined;
        const values = { offerId, decidedOn: isoOf(date), ...(address ? { address } : {}), ...(planned.trim() ? { plannedStartOn: isoOf(planned) } : {}) };
        done = await form.run(acceptOfferSchema, values, (p) => unwrap(api().offers.accept(p)));
        break;
      }
      case 'decline':
        done = await form.run(declineOfferSchema, { offerId, decidedOn: isoOf(date), reason, text }, (p) => unwrap(api().offers.decline(p)));
        break;
      case 'withdraw':
        done = await form.run(withdrawOfferSchema, { offerId, decidedOn: isoOf(date), text }, (p) => unwrap(api().offers.withdraw(p)));
        break;
      case 'fell':
        done = await form.run(fellThroughSchema, { offerId, decidedOn: isoOf(date), text }, (p) => unwrap(api().offers.fellThrough(p)));
        break;
      case 'move':
        done = await form.run(
          completeMoveSchema,
          { caseId, route: 'reciprocal', offerId, tenancyStartOn: isoOf(date), adults: n(adults), children: n(children) },
          (p) => unwrap(api().offers.completeMove(p)),
        );
        break;
      case 'housing':
        done = await form.run(
          completeMoveSchema,
          { caseId, route: 'housing_moves', receivingBorough: borough || undefined, tenancyStartOn: isoOf(date), adults: n(adults), children: n(children) },
          (p) => unwrap(api().offers.completeMove(p)),
        );
        break;
      default:
        missingCase(action);
    }
    if (done) onDone(`${TITLES[action]}: recorded.`);
  };

  const dateLabel =
    action === 'viewing' ? 'Viewing date' : action === 'move' || action === 'housing' ? 'Tenancy start date' : action === 'accept' ? 'Accepted on' : 'Date';
  const dateField = action === 'viewing' ? 'viewingOn' : action === 'move' || action === 'housing' ? 'tenancyStartOn' : 'decidedOn';

  return (
    <Dialog title={TITLES[action]} onClose={onClose} closeLabel="Cancel" name={`offer-${action}`}>
      <Form onSubmit={submit} error={form.error}>
        {offer?.property && (
          <p className="muted">
            {offer.property.summary}, from {offer.partnerName}
          </p>
        )}
        {action === 'housing' && (
          <SelectField
            label="Borough moved to"
            value={borough}
            onChange={(e) => setBorough(e.target.value)}
            error={f['receivingBorough']}
            placeholder="Choose a borough"
            options={BOROUGHS_ALPHABETICAL.map((b) => ({ value: b.code, label: b.name }))}
          />
        )}
        <DateField label={dateLabel} value={date} onChange={(e) => setDate(e.target.value)} error={f[dateField]} />
        {action === 'decline' && (
          <SelectField
            label="Why the applicant declined"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={f['reason']}
            placeholder="Choose a reason"
            options={choicesOf(DECLINE_REASONS, DECLINE_REASON_LABELS)}
            hint={
              offer?.outcome === 'accepted'
                ? 'The applicant accepted, then pulled out before the move: this is a decline. It counts against the offer cap, this landlord will not be matched to the case again, and the property becomes available.'
                : 'A decline counts against the offer cap, and this landlord will not be matched to the case again.'
            }
          />
        )}
        {(action === 'decline' || action === 'withdraw' || action === 'fell') && (
          <TextAreaField
            label={action === 'fell' ? 'What happened' : 'More detail (optional)'}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={f['text']}
            rows={3}
            hint={action === 'fell' ? "For the landlord's or the circumstances' reasons. If the applicant turned it down, record a decline." : undefined}
          />
        )}
        {action === 'accept' && (
          <>
            <p className="muted">The address can be added now or later; it stays inside the app and never appears in a summary.</p>
            <Field
              label="Address, first line (optional)"
              value={line1}
              onChange={(e) => setLine1(e.target.value)}
              error={f['address.line1']}
              autoComplete="off"
            />
            <Field
              label="Postcode (optional)"
              value={postcode}
              onChange={(e) => setPostcode(e.target.value)}
              error={f['address.postcode']}
              autoComplete="off"
            />
            <DateField label="Planned tenancy start (optional)" value={planned} onChange={(e) => setPlanned(e.target.value)} error={f['plannedStartOn']} />
          </>
        )}
        {(action === 'move' || action === 'housing') && (
          <div className="form-grid">
            <Field label="Adults who moved" inputMode="numeric" value={adults} onChange={(e) => setAdults(e.target.value)} error={f['adults']} />
            <Field label="Children who moved" inputMode="numeric" value={children} onChange={(e) => setChildren(e.target.value)} error={f['children']} />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            {action === 'move' || action === 'housing' ? 'Record the move and close the case' : 'Record'}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
