import type { Contact, Partner, PartnerInput } from '../../../contract/partners';

// Realistic directory entries in one line each. Details are fictitious (Ofcom drama numbers, example domains).

let nextId = 1;

export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    kind: 'named_lead',
    name: 'Amira Okafor',
    role: 'Housing Needs Manager',
    phone: '020 7946 0018',
    email: 'amira.okafor@example.gov.uk',
    secureEmail: 'amira.okafor@example.gov.uk.cjsm.net',
    ...overrides,
  };
}

export function aPartnerInput(overrides: Partial<PartnerInput> = {}): PartnerInput {
  return {
    name: 'London Borough of Camden',
    type: 'local_authority',
    status: 'active',
    statusChangedOn: '2019-04-01',
    joinedOn: '2019-04-01',
    stockBoroughs: ['E09000007'],
    approvalRouteNotes: 'Emergency panel, meets Tuesdays',
    contacts: [aContact()],
    aliases: [],
    ...overrides,
  };
}

export function aPartner(overrides: Partial<Partner> = {}): Partner {
  const id = overrides.id ?? nextId++;
  return {
    id,
    ...aPartnerInput(),
    contacts: [aContact({ id: id * 100 + 1 })],
    ...overrides,
  };
}
