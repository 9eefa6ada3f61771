import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { BOROUGHS_ALPHABETICAL } from '../../../../contract/boroughs';
import { ACCESS_NEEDS } from '../../../../contract/cases';
import { formatUkDate } from '../../../../contract/dates';
import {
  OFFERED_PROPERTY_TYPE_LABELS,
  OFFERED_PROPERTY_TYPES,
  PROPERTY_ACCESS_LABELS,
  PROPERTY_TENANCY_LABELS,
  PROPERTY_TENANCY_TYPES,
  propertyInputSchema,
  type PropertyFormOptions,
} from '../../../../contract/properties';
import { RadioGroup } from '../../components/choices';
import { CheckboxField, choicesOf, DateField, Field, Form, FormAlert, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import { isoOf, penceOf, todayUk } from './offer-words';
import './offers.css';

interface Draft {
  partnerId: string;
  borough: string;
  bedrooms: string;
  propertyType: string;
  floor: string;
  hasLift: boolean;
  access: string;
  petsAllowed: boolean;
  rent: string;
  tenancyType: string;
  availableFrom: string;
  notes: string;
}

const blank = (partnerId: string): Draft => ({
  partnerId,
  borough: '',
  bedrooms: '',
  propertyType: 'flat',
  floor: '0',
  hasLift: false,
  access: 'none',
  petsAllowed: false,
  rent: '',
  tenancyType: 'secure',
  availableFrom: todayUk(),
  notes: '',
});

const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function toInput(d: Draft) {
  return {
    partnerId: numberOf(d.partnerId),
    borough: d.borough,
    bedrooms: numberOf(d.bedrooms),
    propertyType: d.propertyType,
    floor: numberOf(d.floor),
    hasLift: d.hasLift,
    access: d.access,
    petsAllowed: d.petsAllowed,
    weeklyRentPence: penceOf(d.rent),
    tenancyType: d.tenancyType,
    availableFrom: isoOf(d.availableFrom),
    notes: d.notes,
  };
}

/**
 * Record (or edit) a property from a partner's email in under a minute: every control is a native one in reading
 * order, so Tab and the arrow keys do it all, and the partner starts as the last one used.
 */
export function PropertyFormScreen() {
  const params = useParams();
  const editId = params['id'] === undefined ? null : Number(params['id']);
  const navigate = useNavigate();
  const form = useSubmission();
  const [options, setOptions] = useState<PropertyFormOptions | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const opts = await unwrap(api().properties.formOptions({}));
        setOptions(opts);
        if (editId === null) {
          setDraft(blank(opts.lastPartnerId === null ? '' : String(opts.lastPartnerId)));
        } else {
          const p = await unwrap(api().properties.get({ id: editId }));
          setDraft({
            partnerId: String(p.partnerId),
            borough: p.borough,
            bedrooms: String(p.bedrooms),
            propertyType: p.propertyType,
            floor: String(p.floor),
            hasLift: p.hasLift,
            access: p.access,
            petsAllowed: p.petsAllowed,
            rent: (p.weeklyRentPence / 100).toFixed(2),
            tenancyType: p.tenancyType,
            availableFrom: formatUkDate(p.availableFrom),
            notes: p.notes,
          });
        }
      } catch (err) {
        setLoadError(errorMessage(err));
      }
    })();
  }, [editId]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    if (!draft) return;
    const next = { ...draft, [key]: value };
    setDraft(next);
    form.recheck(propertyInputSchema, toInput(next));
  };

  const submit = async () => {
    if (!draft) return;
    const saved = await form.run(propertyInputSchema, toInput(draft), (parsed) =>
      unwrap(editId === null ? api().properties.create(parsed) : api().properties.update({ id: editId, property: parsed })),
    );
    if (saved) navigate(`/properties/${saved.id}`, { state: { saved: editId === null ? 'created' : 'updated' } });
  };

  const f = form.fields;
  return (
    <Screen name="property-form" title={editId === null ? 'Record a property' : 'Edit property'} ready={draft !== null || loadError !== null}>
      <FormAlert message={loadError} />
      {draft && options && (
        <Form onSubmit={submit} error={form.error} summary={f} className="panel property-form" aria-label="Property">
          <p className="muted">No address is recorded here: it is asked for only once the applicant accepts an offer.</p>
          <div className="form-grid">
            <SelectField
              label="Partner offering the property"
              value={draft.partnerId}
              onChange={(e) => set('partnerId', e.target.value)}
              error={f['partnerId']}
              placeholder="Choose a partner"
              options={options.partners.filter((p) => p.status !== 'left').map((p) => ({ value: String(p.id), label: p.name }))}
              hint={options.lastPartnerId !== null && editId === null ? 'The last partner you used is chosen for you.' : undefined}
            />
            <SelectField
              label="Borough"
              value={draft.borough}
              onChange={(e) => set('borough', e.target.value)}
              error={f['borough']}
              placeholder="Choose a borough"
              options={BOROUGHS_ALPHABETICAL.map((b) => ({ value: b.code, label: b.name }))}
            />
            <Field
              label="Bedrooms"
              inputMode="numeric"
              value={draft.bedrooms}
              onChange={(e) => set('bedrooms', e.target.value)}
              error={f['bedrooms']}
              hint="0 for a studio"
            />
            <SelectField
              label="Type"
              value={draft.propertyType}
              onChange={(e) => set('propertyType', e.target.value)}
              error={f['propertyType']}
              options={choicesOf(OFFERED_PROPERTY_TYPES, OFFERED_PROPERTY_TYPE_LABELS)}
            />
            <Field
              label="Floor"
              inputMode="numeric"
              value={draft.floor}
              onChange={(e) => set('floor', e.target.value)}
              error={f['floor']}
              hint="0 for ground, -1 for basement"
            />
            <CheckboxField label="There is a lift" checked={draft.hasLift} onChange={(e) => set('hasLift', e.target.checked)} error={f['hasLift']} />
          </div>
          <RadioGroup
            legend="Access"
            value={draft.access as (typeof ACCESS_NEEDS)[number]}
            onChange={(v) => set('access', v)}
            error={f['access']}
            options={choicesOf(ACCESS_NEEDS, PROPERTY_ACCESS_LABELS)}
          />
          <div className="form-grid">
            <CheckboxField label="Pets allowed" checked={draft.petsAllowed} onChange={(e) => set('petsAllowed', e.target.checked)} error={f['petsAllowed']} />
            <Field
              label="Weekly rent in pounds"
              inputMode="decimal"
              value={draft.rent}
              onChange={(e) => set('rent', e.target.value)}
              error={f['weeklyRentPence']}
              hint="For example, 135.75"
            />
            <SelectField
              label="Tenancy type"
              value={draft.tenancyType}
              onChange={(e) => set('tenancyType', e.target.value)}
              error={f['tenancyType']}
              options={choicesOf(PROPERTY_TENANCY_TYPES, PROPERTY_TENANCY_LABELS)}
            />
            <DateField label="Available from" value={draft.availableFrom} onChange={(e) => set('availableFrom', e.target.value)} error={f['availableFrom']} />
          </div>
          <TextAreaField
            label="Notes"
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
            error={f['notes']}
            rows={3}
            hint="No names or addresses."
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={form.busy}>
              {editId === null ? 'Record property and see matches' : 'Save changes'}
            </button>
          </div>
        </Form>
      )}
    </Screen>
  );
}
