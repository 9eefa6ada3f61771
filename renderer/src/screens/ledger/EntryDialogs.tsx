import { useEffect, useState } from 'react';
import { todayIso } from '../../../../contract/calendar-date';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import { manualEntrySchema, MANUAL_KINDS, LEDGER_KIND_LABELS, reverseEntrySchema, type ManualKind, type StatementLine } from '../../../../contract/ledger';
import { Dialog } from '../../components/Dialog';
import { choicesOf, DateField, Field, Form, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';

const dateValue = (text: string) => (text.trim() === '' ? undefined : (parseUkDate(text) ?? `invalid:${text}`));
const HINTS: Record<ManualKind, string> = {
  opening_balance: 'The history from before this app, held against the central pot. Date it on or before the partner’s first move here.',
  contribution: 'A property the partner gave to the pot outside a case: it is owed one.',
  correction: 'Moves a balance between this partner and another partner (or the central pot), with why.',
};

/** An opening balance, a contribution or a correction, with its reason. */
export function ManualEntryDialog({ partnerId, partnerName, onClose, onDone }: { partnerId: number; partnerName: string; onClose(): void; onDone(): void }) {
  const [kind, setKind] = useState<ManualKind>('opening_balance');
  const [direction, setDirection] = useState<'owed' | 'owes'>('owes');
  const [amount, setAmount] = useState('1');
  const [counterparty, setCounterparty] = useState('');
  const [bedrooms, setBedrooms] = useState('');
  const [date, setDate] = useState(formatUkDate(todayIso()));
  const [reason, setReason] = useState('');
  const [partners, setPartners] = useState<{ id: number; name: string }[]>([]);
  const form = useSubmission();
  useEffect(() => {
    unwrap(api().ledger.table({})).then(
      (t) => setPartners(t.rows.filter((r) => r.partnerId !== partnerId).map((r) => ({ id: r.partnerId, name: r.name }))),
      () => setPartners([]),
    );
  }, [partnerId]);

  const submit = async () => {
    const values = {
      kind,
      partnerId,
      direction: kind === 'contribution' ? 'owed' : direction,
      amount: amount.trim() === '' ? undefined : Number(amount),
      ...(kind === 'correction' && counterparty !== '' ? { counterpartyId: Number(counterparty) } : {}),
      ...(bedrooms === '' ? {} : { bedrooms: Number(bedrooms) }),
      onDate: dateValue(date),
      reason,
    };
    const line = await form.run(manualEntrySchema, values, (req) => unwrap(api().ledger.addEntry(req)));
    if (line) onDone();
  };

  return (
    <Dialog title={`Add a ledger entry for ${partnerName}`} onClose={onClose} name="ledger-entry" closeLabel="Cancel">
      <Form onSubmit={submit} error={form.error}>
        <SelectField
          label="Kind of entry"
          hint={HINTS[kind]}
          value={kind}
          onChange={(e) => setKind(e.target.value as ManualKind)}
          options={choicesOf(MANUAL_KINDS, LEDGER_KIND_LABELS)}
        />
        {kind !== 'contribution' && (
          <SelectField
            label={`Which way for ${partnerName}`}
            value={direction}
            onChange={(e) => setDirection(e.target.value as 'owed' | 'owes')}
            error={form.fields['direction']}
            options={[
              { value: 'owes', label: 'It owes properties (balance down)' },
              { value: 'owed', label: 'It is owed properties (balance up)' },
            ]}
          />
        )}
        <Field
          label="Number of properties"
          inputMode="numeric"
          className="input--short"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={form.fields['amount']}
        />
        {kind === 'correction' && (
          <SelectField
            label="With"
            value={counterparty}
            onChange={(e) => setCounterparty(e.target.value)}
            error={form.fields['counterpartyId']}
            placeholder="The central pot"
            options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
          />
        )}
        <SelectField
          label="Bedrooms (optional)"
          value={bedrooms}
          onChange={(e) => setBedrooms(e.target.value)}
          error={form.fields['bedrooms']}
          placeholder="Not recorded"
          options={[0, 1, 2, 3, 4, 5, 6, 7].map((b) => ({ value: String(b), label: b === 0 ? 'Studio' : `${b} bedrooms` }))}
        />
        <DateField label="Date of the entry" value={date} onChange={(e) => setDate(e.target.value)} error={form.fields['onDate']} />
        <TextAreaField
          label="Reason"
          hint="Kept with the entry and in the audit log. No names."
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={form.fields['reason']}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            Add the entry
          </button>
        </div>
      </Form>
    </Dialog>
  );
}

/** Undoing an entry: a new, linked reversing entry with a reason. The entry itself stays as it was. */
export function ReverseDialog({ line, onClose, onDone }: { line: StatementLine; onClose(): void; onDone(): void }) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(formatUkDate(todayIso()));
  const form = useSubmission();
  const submit = async () => {
    const res = await form.run(reverseEntrySchema, { entryId: line.entryId ?? undefined, reason, onDate: dateValue(date) }, (req) =>
      unwrap(api().ledger.reverse(req)),
    );
    if (res) onDone();
  };
  return (
    <Dialog title={`Reverse entry ${line.entryId ?? ''}`} onClose={onClose} name="ledger-reverse" closeLabel="Cancel">
      <Form onSubmit={submit} error={form.error}>
        <p>
          {line.description} ({formatUkDate(line.onDate)}). Entries are never edited or deleted: a reversing entry is added, linked to this one.
        </p>
        <TextAreaField label="Why is it reversed?" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={form.fields['reason']} />
        <DateField label="Date of the reversal" value={date} onChange={(e) => setDate(e.target.value)} error={form.fields['onDate']} />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={form.busy}>
            Reverse the entry
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
