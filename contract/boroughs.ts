import { z } from 'zod';

// The 33 London local authority areas (32 boroughs and the City of London) with their ONS GSS codes.
// Codes are stable identifiers: the database, the IPC contract and the CSV all refer to boroughs by code, and the
// names here are the official short names (they also match the ids in vega-datasets' londonBoroughs.json, which the
// map uses). Imported by the renderer too, so no node imports here.
export const BOROUGHS = [
  { code: 'E09000001', name: 'City of London' },
  { code: 'E09000002', name: 'Barking and Dagenham' },
  { code: 'E09000003', name: 'Barnet' },
  { code: 'E09000004', name: 'Bexley' },
  { code: 'E09000005', name: 'Brent' },
  { code: 'E09000006', name: 'Bromley' },
  { code: 'E09000007', name: 'Camden' },
  { code: 'E09000008', name: 'Croydon' },
  { code: 'E09000009', name: 'Ealing' },
  { code: 'E09000010', name: 'Enfield' },
  { code: 'E09000011', name: 'Greenwich' },
  { code: 'E09000012', name: 'Hackney' },
  { code: 'E09000013', name: 'Hammersmith and Fulham' },
  { code: 'E09000014', name: 'Haringey' },
  { code: 'E09000015', name: 'Harrow' },
  { code: 'E09000016', name: 'Havering' },
  { code: 'E09000017', name: 'Hillingdon' },
  { code: 'E09000018', name: 'Hounslow' },
  { code: 'E09000019', name: 'Islington' },
  { code: 'E09000020', name: 'Kensington and Chelsea' },
  { code: 'E09000021', name: 'Kingston upon Thames' },
  { code: 'E09000022', name: 'Lambeth' },
  { code: 'E09000023', name: 'Lewisham' },
  { code: 'E09000024', name: 'Merton' },
  { code: 'E09000025', name: 'Newham' },
  { code: 'E09000026', name: 'Redbridge' },
  { code: 'E09000027', name: 'Richmond upon Thames' },
  { code: 'E09000028', name: 'Southwark' },
  { code: 'E09000029', name: 'Sutton' },
  { code: 'E09000030', name: 'Tower Hamlets' },
  { code: 'E09000031', name: 'Waltham Forest' },
  { code: 'E09000032', name: 'Wandsworth' },
  { code: 'E09000033', name: 'Westminster' },
] as const;

export type Borough = (typeof BOROUGHS)[number];
export type BoroughCode = Borough['code'];

// z.enum needs a non-empty tuple of literals; derive it from BOROUGHS so the two can never drift apart.
const BOROUGH_CODES = BOROUGHS.map((b) => b.code) as [BoroughCode, ...BoroughCode[]];

export const boroughCodeSchema = z.enum(BOROUGH_CODES, {
  error: () => 'Choose a London borough from the list',
});

const NAME_BY_CODE: ReadonlyMap<string, string> = new Map(BOROUGHS.map((b) => [b.code, b.name]));

export function isBoroughCode(value: string): value is BoroughCode {
  return NAME_BY_CODE.has(value);
}

export function boroughName(code: BoroughCode): string {
  const name = NAME_BY_CODE.get(code);
  // Only reachable if a caller casts an unchecked string: fail loudly rather than show "undefined".
  if (name === undefined) throw new Error(`Unknown borough code: ${String(code)}`);
  return name;
}

// "City of London" sorts under C, as a coordinator would look for it in a printed list.
export const BOROUGHS_ALPHABETICAL: readonly Borough[] = [...BOROUGHS].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

/** Codes in the order of BOROUGHS_ALPHABETICAL: the canonical display and storage order for borough lists. */
export function sortBoroughCodes(codes: readonly BoroughCode[]): BoroughCode[] {
  const rank = new Map(BOROUGHS_ALPHABETICAL.map((b, i) => [b.code, i]));
  return [...codes].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}
