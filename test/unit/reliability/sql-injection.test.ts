import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../contract/channels';
import { fingerprint } from './db-fingerprint';
import { fuzzCore, type FuzzCore } from './fuzz-core';
import { SQL_INJECTIONS } from './hostile-values';

/*
 * SQL typed into every search and filter field finds nothing and changes nothing. Each search screen's channel is
 * listed once with a good request and where its results are; every text field of that request gets every
 * injection in turn. The data holds real matches for the good request, so "finds nothing" is not an empty table.
 */

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
    for (const field of textFields) {
      for (const injection of SQL_INJECTIONS) {
        for (const value of [injection, `${String(search.request[field])}${injection}`]) {
          const before = fingerprint(db());
          const res = await f.hostileCall(channel, { ...search.request, [field]: value });
          expect(fingerprint(db()), `${channel}.${field} = ${value}`).toEqual(before);
          if (res.ok) expect(search.found(res.value), `${channel}.${field} = ${value}`).toEqual([]);
          else expect(res.error?.code).toBe('VALIDATION');
        }
      }
    }
    // And the good request still finds what it found.
    expect(search.found((await f.t.call(channel, search.request)).value).length).toBeGreaterThan(0);
  });
});
