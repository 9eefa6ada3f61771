import { describe, expect, it } from 'vitest';
import {
  contactSchema,
  partnerInputSchema,
  partnerListQuerySchema,
  partnerNameKey,
  partnerStatusChangeSchema,
  partnerUpdateSchema,
} from '../../../contract/partners';
import { aContact, aPartnerInput } from './builders';

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

describe('partner schema', () => {
  it('accepts a realistic partner and trims text', () => {
    const parsed = partnerInputSchema.parse(aPartnerInput({ name: '  Peabody  ', approvalRouteNotes: ' x ' }));
    expect(parsed.name).toBe('Peabody');
    expect(parsed.approvalRouteNotes).toBe('x');
  });

  it('requires an active partner to have a Named Lead, on the contacts field', () => {
    const result = partnerInputSchema.safeParse(aPartnerInput({ contacts: [aContact({ kind: 'lettings' })] }));
    expect(messages(result)).toEqual(['contacts: An active partner needs at least one Named Lead']);
  });

  it('lets a suspended or departed partner have no Named Lead', () => {
    for (const status of ['suspended', 'left'] as const) {
      expect(partnerInputSchema.safeParse(aPartnerInput({ status, contacts: [] })).success).toBe(true);
    }
  });

  it('accepts two Named Leads', () => {
    const contacts = [aContact(), aContact({ name: 'Ben Walsh', email: 'ben.walsh@example.gov.uk' })];
    expect(partnerInputSchema.safeParse(aPartnerInput({ contacts })).success).toBe(true);
  });

  it('refuses the same contact twice in the same capacity', () => {
    const result = partnerInputSchema.safeParse(
      aPartnerInput({
        contacts: [aContact(), aContact({ name: 'amira  OKAFOR' })],
      }),
    );
    expect(messages(result)).toEqual(['contacts.1.name: This contact is already listed with the same role type']);
  });

  it('allows the same person as Named Lead and Lettings contact', () => {
    const contacts = [aContact(), aContact({ kind: 'lettings' })];
    expect(partnerInputSchema.safeParse(aPartnerInput({ contacts })).success).toBe(true);
  });

  it.each([
    [{ name: '' }, "name: Enter the partner's name"],
    [{ name: '   ' }, "name: Enter the partner's name"],
    [{ name: 'x'.repeat(201) }, "name: The partner's name must be 200 characters or fewer"],
    [{ name: '=HYPERLINK("http://x","y")' }, "name: The partner's name must start with a letter or number, not =, +, - or @"],
    [{ type: 'council' }, 'type: Choose local authority or housing association'],
    [{ status: 'paused' }, 'status: Choose active, suspended or left'],
    [{ joinedOn: '2023-02-29' }, 'joinedOn: Enter a real date, for example 27/03/2024'],
    [{ joinedOn: '01/04/2019' }, 'joinedOn: Enter a real date, for example 27/03/2024'],
    [{ joinedOn: '' }, 'joinedOn: Enter the date the partner joined'],
    [{ statusChangedOn: '2018-01-01' }, 'statusChangedOn: The status cannot have changed before the partner joined'],
    [{ stockBoroughs: ['E09000007', 'E09000007'] }, 'stockBoroughs: Each borough can be chosen only once'],
    [{ stockBoroughs: ['Camden'] }, 'stockBoroughs.0: Choose a London borough from the list'],
    [{ approvalRouteNotes: 'x'.repeat(2001) }, 'approvalRouteNotes: Approval route notes must be 2,000 characters or fewer'],
  ])('refuses %j with a plain message', (overrides, message) => {
    const result = partnerInputSchema.safeParse({
      ...aPartnerInput(),
      ...overrides,
    });
    expect(messages(result)).toEqual([message]);
  });

  it('accepts a leap day', () => {
    expect(
      partnerInputSchema.safeParse(
        aPartnerInput({
          joinedOn: '2024-02-29',
          statusChangedOn: '2024-02-29',
        }),
      ).success,
    ).toBe(true);
  });

  it('needs an id to update', () => {
    expect(partnerUpdateSchema.safeParse(aPartnerInput()).success).toBe(false);
    expect(partnerUpdateSchema.safeParse({ ...aPartnerInput(), id: 4 }).success).toBe(true);
  });

  it('matches partner names ignoring case and spacing', () => {
    expect(partnerNameKey('  Camden   Council ')).toBe(partnerNameKey('camden council'));
    expect(partnerNameKey('Camden Council')).not.toBe(partnerNameKey('Camden Councils'));
  });
});

describe('contact schema', () => {
  it.each([
    [{ phone: '020 7946 0000' }, true],
    [{ phone: '+44 (0)20 7946 0000' }, true],
    [{ phone: '07700 900123' }, true],
    [{ phone: '7946 0000' }, false],
    // One phone rule for the app (contract/phone.ts): dashes are punctuation, as they are for a Nominating Officer.
    [{ phone: '020-7946-0000' }, true],
    [{ phone: '+1 212 555 0100' }, false],
    [{ phone: 'ring reception' }, false],
    [{ email: 'jo@example.org.uk' }, true],
    [{ email: 'jo@' }, false],
    [{ email: 'jo example.org' }, false],
    [{ secureEmail: 'jo@example.gov.uk.cjsm.net' }, true],
    [{ secureEmail: 'not-an-email' }, false],
  ])('%j valid: %s', (overrides, valid) => {
    expect(contactSchema.safeParse(aContact(overrides)).success).toBe(valid);
  });

  it('needs a phone number or an email address', () => {
    const result = contactSchema.safeParse(aContact({ phone: '', email: '', secureEmail: '' }));
    expect(messages(result)).toEqual(['phone: Enter a phone number or an email address']);
    expect(contactSchema.safeParse(aContact({ phone: '', email: '' })).success).toBe(true);
    expect(contactSchema.safeParse(aContact({ email: '', secureEmail: '' })).success).toBe(true);
  });

  it('names the missing contact name and kind plainly', () => {
    expect(messages(contactSchema.safeParse(aContact({ name: '' })))).toEqual(["name: Enter the contact's name"]);
    expect(messages(contactSchema.safeParse({ ...aContact(), kind: 'boss' }))).toEqual(['kind: Choose Named Lead, Lettings or Other']);
  });
});

describe('list query and status change', () => {
  it('defaults to name order, ascending', () => {
    expect(partnerListQuerySchema.parse({})).toEqual({
      search: '',
      sort: 'name',
      direction: 'asc',
    });
  });

  it('refuses an unknown borough or sort', () => {
    expect(partnerListQuerySchema.safeParse({ borough: 'Camden' }).success).toBe(false);
    expect(partnerListQuerySchema.safeParse({ sort: 'balance' }).success).toBe(false);
  });

  it('needs a real date for a status change', () => {
    expect(
      partnerStatusChangeSchema.safeParse({
        id: 1,
        status: 'suspended',
        statusChangedOn: '2024-13-01',
      }).success,
    ).toBe(false);
    expect(
      partnerStatusChangeSchema.safeParse({
        id: 1,
        status: 'suspended',
        statusChangedOn: '2024-12-01',
      }).success,
    ).toBe(true);
  });
});
