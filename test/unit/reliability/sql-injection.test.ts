import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../contract/channels';
import { fingerprint } from './db-fingerprint';
import { fuzzCore, type FuzzCore } from './fuzz-core';
import { SQL_INJECTIONS } from './hostile-values';
import { aPartnerInput } from '../directory/builders';

/*
 * SQL typed into every search and filter field is taken as text: it changes nothing, an injection on its own finds
 * nothing, and an injection added to a good value never finds more than the good value did. Each search screen's
 * channel is listed once with a good request and where its results are; every text field of that request gets every
 * injection in turn. The data holds real matches for the good request and rows it does not match (a case that is not
 * an Okafor, a partner that is not Hackney's), so "finds nothing" is not an empty table and "finds no more" would see
 * an `OR 1=1` that got through.
 *
 * Name searches match words (cases through FTS5, the registered check by normalised name and borough), so the
 * punctuation of "okafor%" or "Hackney Council' OR '1'='1" is dropped and the words still find the Okafors and
 * suggest Hackney Council: that is the search working, not the SQL.
 */

/** The ids of the rows found, to compare two searches by what they found. */
const ids = (rows: unknown[]) => rows.map((r) => (r as { id: number }).id);

interface SearchChannel {
  request: Record<string, unknown>;
  /** The rows a request found. */
  found(value: unknown): unknown[];
}

const SEARCHES: Partial<Record<ChannelName, SearchChannel>> = {
  'partners.list': { request: { search: 'hackney', sort: 'name', direction: 'asc' }, found: (v) => v as unknown[] },
  'partners.registeredCheck': {
    request: { name: 'Hackney Council' },
    found: (v) => {
      const r = v as { partner: unknown; similar: unknown[] };
      return [...(r.partner ? [r.partner] : []), ...r.similar];
    },
  },
  'cases.list': { request: { search: 'okafor', includeClosed: true }, found: (v) => (v as { rows: unknown[] }).rows },
  'audit.list': {
    request: { reference: 'PLHR-2026-0001', action: 'case.created', actor: 'Sam Coordinator' },
    found: (v) => (v as { entries: unknown[] }).entries,
  },
};

describe('SQL in search and filter fields', () => {
  let f: FuzzCore;
  beforeAll(async () => {
    f = await fuzzCore();
    const other = await f.t.call('partners.create', aPartnerInput({ name: 'Peabody', type: 'housing_association', stockBoroughs: ['E09000007'] }));
    if (!other.ok) throw new Error(other.error?.message);
  });
  afterAll(() => f.t.cleanup());

  it.each(Object.entries(SEARCHES))('%s: the good request finds something, so that finding nothing below means something', async (channel, search) => {
    const res = await f.t.call(channel, search.request);
    expect(res.ok).toBe(true);
    expect(search.found(res.value).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(SEARCHES))('%s: every text field, every injection: nothing found, nothing changed', async (channel, search) => {
    const db = () => f.t.core.services.db();
    const textFields = Object.keys(search.request).filter((k) => typeof search.request[k] === 'string');
    expect(textFields.length).toBeGreaterThan(0);
    const good = await f.t.call(channel, search.request);
    const goodIds = ids(search.found(good.value));
    expect(goodIds.length).toBeGreaterThan(0);
    for (const field of textFields) {
      for (const injection of SQL_INJECTIONS) {
        for (const [value, alone] of [
          [injection, true],
          [`${String(search.request[field])}${injection}`, false],
        ] as const) {
          const before = fingerprint(db());
          const res = await f.hostileCall(channel, { ...search.request, [field]: value });
          expect(fingerprint(db()), `${channel}.${field} = ${value}`).toEqual(before);
          if (!res.ok) expect(res.error?.code).toBe('VALIDATION');
          else if (alone) expect(search.found(res.value), `${channel}.${field} = ${value}`).toEqual([]);
          else expect(goodIds, `${channel}.${field} = ${value} found more than the good request`).toEqual(expect.arrayContaining(ids(search.found(res.value))));
        }
      }
    }
    // And the good request still finds what it found.
    expect(ids(search.found((await f.t.call(channel, search.request)).value))).toEqual(goodIds);
  });
});
