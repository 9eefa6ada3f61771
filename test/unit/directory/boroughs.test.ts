import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOROUGHS, BOROUGHS_ALPHABETICAL, boroughCodeSchema, boroughName, isBoroughCode, sortBoroughCodes } from '../../../contract/boroughs';
import type { BoroughCode } from '../../../contract/boroughs';

// Written out by hand from the ONS register so that a slip in contract/boroughs.ts cannot be copied into the test.
const EXPECTED: [string, string][] = [
  ['E09000001', 'City of London'],
  ['E09000002', 'Barking and Dagenham'],
  ['E09000003', 'Barnet'],
  ['E09000004', 'Bexley'],
  ['E09000005', 'Brent'],
  ['E09000006', 'Bromley'],
  ['E09000007', 'Camden'],
  ['E09000008', 'Croydon'],
  ['E09000009', 'Ealing'],
  ['E09000010', 'Enfield'],
  ['E09000011', 'Greenwich'],
  ['E09000012', 'Hackney'],
  ['E09000013', 'Hammersmith and Fulham'],
  ['E09000014', 'Haringey'],
  ['E09000015', 'Harrow'],
  ['E09000016', 'Havering'],
  ['E09000017', 'Hillingdon'],
  ['E09000018', 'Hounslow'],
  ['E09000019', 'Islington'],
  ['E09000020', 'Kensington and Chelsea'],
  ['E09000021', 'Kingston upon Thames'],
  ['E09000022', 'Lambeth'],
  ['E09000023', 'Lewisham'],
  ['E09000024', 'Merton'],
  ['E09000025', 'Newham'],
  ['E09000026', 'Redbridge'],
  ['E09000027', 'Richmond upon Thames'],
  ['E09000028', 'Southwark'],
  ['E09000029', 'Sutton'],
  ['E09000030', 'Tower Hamlets'],
  ['E09000031', 'Waltham Forest'],
  ['E09000032', 'Wandsworth'],
  ['E09000033', 'Westminster'],
];

describe('the 33 London local authority areas', () => {
  it('has exactly 33 areas, E09000001 to E09000033, in code order', () => {
    expect(BOROUGHS).toHaveLength(33);
    expect(BOROUGHS.map((b) => b.code)).toEqual(Array.from({ length: 33 }, (_, i) => `E09${String(i + 1).padStart(6, '0')}`));
    expect(new Set(BOROUGHS.map((b) => b.name)).size).toBe(33);
  });

  it.each(EXPECTED)('%s is %s', (code, name) => {
    expect(isBoroughCode(code)).toBe(true);
    expect(boroughName(code as BoroughCode)).toBe(name);
    expect(BOROUGHS.find((b) => b.code === code)?.name).toBe(name);
  });

  it('uses the same names as the map boundaries in vega-datasets', () => {
    // The package's "exports" hide data/, and its entry point fetches from a CDN, so read the file directly.
    const path = new URL('../../../node_modules/vega-datasets/data/londonBoroughs.json', import.meta.url);
    const topology = JSON.parse(readFileSync(path, 'utf8')) as {
      objects: { boroughs: { geometries: { id: string }[] } };
    };
    const mapNames = topology.objects.boroughs.geometries.map((g) => g.id).sort();
    expect(mapNames).toEqual(BOROUGHS.map((b) => b.name).sort());
  });

  it('lists them alphabetically, City of London under C', () => {
    const names = BOROUGHS_ALPHABETICAL.map((b) => b.name);
    expect(names[0]).toBe('Barking and Dagenham');
    expect(names.at(-1)).toBe('Westminster');
    expect(names.indexOf('City of London')).toBe(names.indexOf('Camden') + 1);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en-GB'))).toEqual(names);
  });

  it('sorts codes into alphabetical order of name', () => {
    expect(sortBoroughCodes(['E09000033', 'E09000001', 'E09000002'])).toEqual(['E09000002', 'E09000001', 'E09000033']);
  });

  it('accepts only the 33 codes, with a plain message', () => {
    expect(boroughCodeSchema.parse('E09000019')).toBe('E09000019');
    for (const bad of ['E09000000', 'E09000034', 'e09000019', 'Islington', '', 'E06000001']) {
      const result = boroughCodeSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Choose a London borough from the list');
    }
  });

  it('refuses to name an unknown code', () => {
    expect(() => boroughName('E09000099' as BoroughCode)).toThrow(/Unknown borough code/);
  });
});
