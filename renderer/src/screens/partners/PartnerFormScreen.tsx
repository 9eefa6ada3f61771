import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { BoroughCode } from '../../../../contract/boroughs';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import {
  CONTACT_KINDS,
  CONTACT_KIND_LABELS,
  PARTNER_STATUSES,
  PARTNER_STATUS_LABELS,
  PARTNER_TYPES,
  PARTNER_TYPE_LABELS,
  partnerInputSchema,
  partnerUpdateSchema,
} from '../../../../contract/partners';
import type { ContactKind, Partner, PartnerStatus, PartnerType } from '../../../../contract/partners';
import { BoroughPicker } from '../../components/boroughs/BoroughPicker';
import { RadioGroup } from '../../components/choices';
import { choicesOf, DateField, Field, Form, FormAlert, SelectField, TextAreaField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { useSubmission } from '../../components/form';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { todayUk } from './today';
import './partners.css';

interface ContactDraft {
  /** React's key for the card: stable while the coordinator edits, unlike the index. */
  key: number;
  id?: number;
  kind: ContactKind;
  name: string;
  role: string;
  phone: string;
  email: string;
  secureEmail: string;
}

interface Draft {
  name: string;
  type: PartnerType | '';
  status: PartnerStatus;
  statusChangedOn: string;
  joinedOn: string;
  stockBoroughs: BoroughCode[];
  approvalRouteNotes: string;
  contacts: ContactDraft[];
  /** Other names, one a line, as typed. */
  aliases: string;
}

let nextKey = 1;
const blankContact = (kind: ContactKind): ContactDraft => ({ key: nextKey++, kind, name: '', role: '', phone: '', email: '', secureEmail: '' });

function draftOf(p: Partner): Draft {
  return {
    name: p.name,
    type: p.type,
    status: p.status,
    statusChangedOn: formatUkDate(p.statusChangedOn),
    joinedOn: formatUkDate(p.joinedOn),
    stockBoroughs: p.stockBoroughs,
    approvalRouteNotes: p.approvalRouteNotes,
    contacts: p.contacts.map((c) => ({ ...c, key: nextKey++ })),
    aliases: p.aliases.join('\n'),
  };
}

const emptyDraft = (): Draft => ({
  name: '',
  type: '',
  status: 'active',
  statusChangedOn: todayUk(),
  joinedOn: todayUk(),
  stockBoroughs: [],
  approvalRouteNotes: '',
  contacts: [blankContact('named_lead')],
  aliases: '',
});

const TYPE_CHOICES = PARTNER_TYPES.map((t) => ({
  value: t,
  label: t === 'housing_association' ? 'Housing association (registered provider)' : PARTNER_TYPE_LABELS[t],
}));

/** Dates are typed dd/mm/yyyy; an unreadable one is passed as typed so the schema can say what is wrong. */
const isoOrAsTyped = (text: string) => parseUkDate(text) ?? text;

export function PartnerFormScreen() {
  const params = useParams();
  const editing = params['id'] !== undefined ? Number(params['id']) : null;
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft | null>(editing === null ? emptyDraft() : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();

  useEffect(() => {
    if (editing === null) return;
    unwrap(api().partners.get({ id: editing })).then(
      (d) => setDraft(draftOf(d.partner)),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [editing]);

  const title = editing === null ? 'Add a partner' : 'Edit partner';
  if (loadError) {
    return (
      <Screen name="partner-form" title={title}>
        <FormAlert message={loadError} />
      </Screen>
    );
  }
  if (!draft)
    return (
      <Screen name="partner-form" title={title} ready={false}>
        {null}
      </Screen>
    );

  const f = form.fields;
  // An error stays next to its field only until the coordinator changes that field.
  const clearErrors = (matches: (path: string) => boolean) => {
    const kept = Object.fromEntries(Object.entries(f).filter(([path]) => !matches(path)));
    if (Object.keys(kept).length === Object.keys(f).length) return;
    // With every field put right, the summary above the form has nothing left to say.
    if (Object.keys(kept).length === 0) form.clear();
    else form.setFields(kept);
  };
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    const fields = Object.keys(patch);
    // Adding or removing a contact renumbers the cards, so their errors would land on the wrong one: drop them.
    const renumbered = patch.contacts !== undefined && patch.contacts.length !== draft.contacts.length;
    clearErrors((path) => fields.includes(path) || (renumbered && path.startsWith('contacts.')));
  };
  const setContact = (key: number, patch: Partial<ContactDraft>) => {
    const index = draft.contacts.findIndex((c) => c.key === key);
    setDraft({ ...draft, contacts: draft.contacts.map((c) => (c.key === key ? { ...c, ...patch } : c)) });
    const fields = Object.keys(patch);
    // Phone, email and secure email answer one rule together ("a phone number or an email address").
    const together = ['phone', 'email', 'secureEmail'];
    clearErrors((path) => {
      const [head, i, field] = path.split('.');
      if (head !== 'contacts' || Number(i) !== index || field === undefined) return path === 'contacts' && 'kind' in patch;
      return fields.includes(field) || (together.includes(field) && fields.some((x) => together.includes(x)));
    });
  };

  const addContact = (kind: ContactKind) => {
    set({ contacts: [...draft.contacts, blankContact(kind)] });
    // The kind is chosen already: the name comes next.
    focusSoon(`[data-contact-index="${draft.contacts.length}"] input`);
  };

  const submit = async () => {
    const values = {
      name: draft.name,
      type: draft.type === '' ? undefined : draft.type,
      status: draft.status,
      statusChangedOn: isoOrAsTyped(draft.statusChangedOn),
      joinedOn: isoOrAsTyped(draft.joinedOn),
      stockBoroughs: draft.stockBoroughs,
      approvalRouteNotes: draft.approvalRouteNotes,
      contacts: draft.contacts.map(({ key: _key, id, ...c }) => (id === undefined ? c : { id, ...c })),
      aliases: draft.aliases
        .split('\n')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    };
    const saved =
      editing === null
        ? await form.run(partnerInputSchema, values, (req) => unwrap(api().partners.create(req)))
        : await form.run(partnerUpdateSchema, { ...values, id: editing }, (req) => unwrap(api().partners.update(req)));
    if (saved) void navigate(`/partners/${saved.id}`);
  };

  return (
    <Screen name="partner-form" title={title}>
      <Form onSubmit={submit} error={form.error} summary={f}>
        <section className="panel" aria-labelledby="partner-heading">
          <h2 id="partner-heading">Partner</h2>
          <Field
            label="Name"
            hint="As the partner calls itself, for example London Borough of Camden or Peabody."
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={f['name']}
          />
          <TextAreaField
            label="Other names (optional)"
            hint="One a line: names a Nominating Officer might use, for example LB Camden or Camden Council. The registered check finds the partner by them."
            rows={2}
            value={draft.aliases}
            onChange={(e) => set({ aliases: e.target.value })}
            error={f['aliases'] ?? Object.entries(f).find(([k]) => k.startsWith('aliases.'))?.[1]}
          />
          <RadioGroup legend="Type" options={TYPE_CHOICES} value={draft.type} onChange={(type) => set({ type })} error={f['type']} />
          <div className="form-grid">
            <DateField label="Joined the scheme" value={draft.joinedOn} onChange={(e) => set({ joinedOn: e.target.value })} error={f['joinedOn']} />
            <SelectField
              label="Status"
              value={draft.status}
              onChange={(e) => set({ status: e.target.value as PartnerStatus })}
              error={f['status']}
              options={choicesOf(PARTNER_STATUSES, PARTNER_STATUS_LABELS)}
            />
            <DateField
              label="Status since"
              value={draft.statusChangedOn}
              onChange={(e) => set({ statusChangedOn: e.target.value })}
              error={f['statusChangedOn']}
            />
          </div>
          <TextAreaField
            label="Approval route notes"
            hint="How this partner approves requests for its own tenants, for example “Emergency panel, meets Tuesdays”."
            rows={3}
            value={draft.approvalRouteNotes}
            onChange={(e) => set({ approvalRouteNotes: e.target.value })}
            error={f['approvalRouteNotes']}
          />
        </section>

        <BoroughPicker
          label="Boroughs where it holds stock"
          hint="Circulations go to every active partner with stock in a requested borough."
          selected={draft.stockBoroughs}
          onChange={(stockBoroughs) => set({ stockBoroughs })}
          error={f['stockBoroughs']}
        />

        <section className="panel" aria-labelledby="contacts-form-heading">
          <h2 id="contacts-form-heading">Contacts</h2>
          <p className="field__hint">
            An active partner needs at least one Named Lead: the person who approves requests for its own tenants. Give each contact a phone number or an email
            address.
          </p>
          {f['contacts'] && (
            <p className="field__error" id="contacts-error">
              <span className="visually-hidden">Error: </span>
              {f['contacts']}
            </p>
          )}
          {draft.contacts.map((c, i) => {
            const at = (field: string) => f[`contacts.${i}.${field}`];
            const heading = `${CONTACT_KIND_LABELS[c.kind]}${c.name.trim() ? `: ${c.name.trim()}` : ''}`;
            return (
              <fieldset key={c.key} className="subform" data-contact-index={i}>
                <legend>
                  Contact {i + 1} <span className="muted">({heading})</span>
                </legend>
                <div className="form-grid">
                  <SelectField
                    label="Kind"
                    value={c.kind}
                    onChange={(e) => setContact(c.key, { kind: e.target.value as ContactKind })}
                    error={at('kind')}
                    options={choicesOf(CONTACT_KINDS, CONTACT_KIND_LABELS)}
                  />
                  <Field label="Name" value={c.name} onChange={(e) => setContact(c.key, { name: e.target.value })} error={at('name')} />
                  <Field label="Role" value={c.role} onChange={(e) => setContact(c.key, { role: e.target.value })} error={at('role')} />
                  <Field label="Phone" type="tel" value={c.phone} onChange={(e) => setContact(c.key, { phone: e.target.value })} error={at('phone')} />
                  <Field label="Email" type="email" value={c.email} onChange={(e) => setContact(c.key, { email: e.target.value })} error={at('email')} />
                  <Field
                    label="Secure email"
                    type="email"
                    hint="For example, an address ending .gov.uk.cjsm.net"
                    value={c.secureEmail}
                    onChange={(e) => setContact(c.key, { secureEmail: e.target.value })}
                    error={at('secureEmail')}
                  />
                </div>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    set({ contacts: draft.contacts.filter((x) => x.key !== c.key) });
                    focusSoon('[data-add-contact]');
                  }}
                >
                  Remove contact {i + 1}
                </button>
              </fieldset>
            );
          })}
          <div className="button-row">
            <button type="button" className="button" data-add-contact onClick={() => addContact('named_lead')}>
              Add a Named Lead
            </button>
            <button type="button" className="button" onClick={() => addContact('lettings')}>
              Add another contact
            </button>
          </div>
        </section>

        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            {editing === null ? 'Add partner' : 'Save changes'}
          </button>
          <Link className="button" to={editing === null ? '/partners' : `/partners/${editing}`}>
            Cancel
          </Link>
        </div>
      </Form>
    </Screen>
  );
}
