import type { Random } from './random';

/*
 * Obviously fictional people and contact details: example.org addresses, Ofcom's drama numbers (020 7946 0xxx and
 * 07700 900xxx, never allocated to a real line) and postcodes in the ZZ area, which Royal Mail does not use.
 */

const FIRST = [
  'Amara',
  'Bethany',
  'Chloe',
  'Deborah',
  'Esther',
  'Fatima',
  'Grace',
  'Hana',
  'Imani',
  'Joanna',
  'Kemi',
  'Leah',
  'Maryam',
  'Nadia',
  'Olivia',
  'Precious',
  'Rukhsana',
  'Sofia',
  'Tanisha',
  'Ursula',
  'Valentina',
  'Wanjiru',
  'Yasmin',
  'Zara',
  'Aisha',
  'Bukola',
  'Carmen',
  'Daniel',
  'Eamon',
  'Femi',
  'Gareth',
  'Hassan',
  'Ioana',
  'Jamal',
] as const;
const LAST = [
  'Okafor',
  'Shah',
  'Kowalska',
  'Begum',
  'Mensah',
  'Doyle',
  'Ahmed',
  'Nowak',
  'Campbell',
  'Osei',
  'Patel',
  'Hughes',
  'Ibrahim',
  'Fernandes',
  'Murphy',
  'Adeyemi',
  'Rahman',
  'Silva',
  'Walsh',
  'Khan',
  'Popescu',
  'Taylor',
  'Mwangi',
  'Evans',
  'Hussain',
  'Costa',
  'Brennan',
  'Chowdhury',
  'Asante',
  'Novak',
  'Reid',
  'Yilmaz',
  'Kaur',
  'Bello',
] as const;

export function personName(r: Random): string {
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

export function emailFor(name: string, domain = 'example.org'): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`;
}

/** 020 7946 0000–0999: Ofcom's London drama range. */
export function landline(r: Random): string {
  return `020 7946 0${String(r.int(0, 999)).padStart(3, '0')}`;
}

/** 07700 900000–900999: Ofcom's mobile drama range. */
export function mobile(r: Random): string {
  return `07700 900${String(r.int(0, 999)).padStart(3, '0')}`;
}

/** A postcode of the right shape in the unused ZZ area. */
export function impossiblePostcode(r: Random): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return `ZZ${r.int(1, 99)} ${r.int(0, 9)}${r.pick([...letters])}${r.pick([...letters])}`;
}

const STREETS = ['Example Road', 'Sample Street', 'Placeholder Lane', 'Fictional Avenue', 'Demo Crescent', 'Specimen Way'];

export function addressLine(r: Random): string {
  return `Flat ${r.int(1, 90)}, ${r.int(1, 200)} ${r.pick(STREETS)}`;
}

const HA_STEMS = [
  'Riverside',
  'Oakmere',
  'Thamesgate',
  'Northbank',
  'Greenway',
  'Larkfield',
  'Brookvale',
  'Elmstead',
  'Kestrel',
  'Hollybush',
  'Meridian',
  'Foxglove',
  'Ashcombe',
  'Willowbrook',
  'Harbourline',
  'Lindenfield',
  'Redbridge Vale',
  'Stonecroft',
  'Beacon',
  'Wrenfield',
  'Marlowe',
  'Cedarwood',
  'Southgate Vale',
  'Millstream',
  'Parkside',
  'Heronsgate',
  'Orchard',
  'Claremont Vale',
  'Fernhill',
  'Sycamore',
  'Bluebell',
  'Copperfield',
  'Lantern',
  'Wharfside',
  'Hawthorn',
  'Kingsmead',
  'Juniper',
  'Rosewood',
  'Tamarind',
  'Weavers',
  'Gatehouse',
  'Hearthstone',
  'Saffron',
  'Moorgate Vale',
  'Evergreen',
] as const;
const HA_KINDS = ['Housing Association', 'Homes', 'Housing Trust', 'Housing Group', 'Housing Co-operative'] as const;

/** 45 fictional housing associations, each with a stable name. */
export function housingAssociationNames(r: Random): string[] {
  return HA_STEMS.map((stem) => `${stem} ${r.pick(HA_KINDS)} (demo)`);
}

export const AGENCIES = [
  { name: 'Example Domestic Abuse Service', kind: 'domestic_abuse_service' },
  { name: 'Sample Refuge Network', kind: 'domestic_abuse_service' },
  { name: 'Fictional Housing Options Team', kind: 'housing' },
  { name: 'Demo Children and Families Service', kind: 'social_services' },
  { name: 'Example Community Safety Unit', kind: 'police' },
] as const;
