import { expect } from 'vitest';
import type { BoroughCode } from '../../../contract/boroughs';
import type { TestCore } from './test-core';

type CallError = NonNullable<Awaited<ReturnType<TestCore['call']>>['error']>;

/** Every row of every table, so that a refusal can be shown to have changed nothing at all. */
function everyRow(t: TestCore): string {
  const db = t.core.services.db();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", { pluck: true }).all() as string[];
  return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

/**
 * `ok` and `refused` for a test that talks to the registry as the renderer does. `core` is read at each call, so a
 * suite can build a fresh core in `beforeEach`.
 */
export function registryCalls(core: () => TestCore) {
  return {
    async ok<T>(channel: string, payload: unknown = {}): Promise<T> {
      const res = await core().call(channel, payload);
      if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
      return res.value as T;
    },
    /** The call is refused, and every table is as it was before it. */
    async refused(channel: string, payload: unknown): Promise<CallError> {
      const before = everyRow(core());
      const res = await core().call(channel, payload);
      expect(res.ok, `${channel} should have been refused`).toBe(false);
      expect(everyRow(core()), `${channel} changed a table although it was refused`).toBe(before);
      return res.error!;
    },
  };
}

/** A partner's create payload: an active council with a Named Lead and stock in `stockBoroughs`. */
export function aPartner(name: string, stockBoroughs: BoroughCode[]) {
  return {
    name,
    type: 'local_authority',
    status: 'active',
    statusChangedOn: '2019-04-01',
    joinedOn: '2019-04-01',
    stockBoroughs,
    approvalRouteNotes: '',
    contacts: [{ kind: 'named_lead', name: `${name} Lead`, role: 'Lettings Manager', phone: '020 7946 0001', email: 'lead@example.gov.uk', secureEmail: '' }],
  };
}
