import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../contract/channels';

/*
 * The IPC edge, checked over the whole contract rather than channel by channel, so that a channel added later is
 * held to the same rules: every object refuses unknown fields, every string and list has a maximum size (a hostile
 * or broken renderer must not be able to hand main a huge value to chew on), and every id is a positive integer.
 */

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  options?: Schema[];
}
type Schema = { _zod: { def: Def } };

const def = (s: Schema) => s._zod.def;
const checks = (s: Schema) => (def(s).checks ?? []).map((c) => c._zod.def);
const hasMax = (s: Schema) => checks(s).some((c) => c['check'] === 'max_length' || c['check'] === 'length_equals');

/** Problems found in one schema, each with its path. */
function inspect(schema: Schema, path: string, problems: string[]): void {
  const d = def(schema);
  switch (d.type) {
    case 'object': {
      if (d.catchall === undefined || def(d.catchall).type !== 'never') problems.push(`${path}: object is not strict`);
      for (const [key, value] of Object.entries(d.shape ?? {})) {
        inspect(value, path === '' ? key : `${path}.${key}`, problems);
        if (/(^id$|Id$)/.test(key)) checkId(value, `${path}.${key}`, problems);
      }
      return;
    }
    case 'array':
      if (!hasMax(schema)) problems.push(`${path}: list has no maximum length`);
      inspect(d.element!, `${path}[]`, problems);
      return;
    case 'string':
      if (!hasMax(schema)) problems.push(`${path}: text has no maximum length`);
      return;
    case 'number':
      if (!checks(schema).some((c) => c['check'] === 'number_format')) problems.push(`${path}: number is not a whole number`);
      return;
    case 'pipe':
      // A string piped into a stricter check (an email) is bounded by its first half; a transform has no schema.
      inspect(d.in!, path, problems);
      if (def(d.out!).type !== 'transform' && def(d.in!).type !== 'string') inspect(d.out!, path, problems);
      return;
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'prefault':
      inspect(d.innerType!, path, problems);
      return;
    case 'union':
      d.options!.forEach((o, i) => inspect(o, `${path}<${i}>`, problems));
      return;
    case 'enum':
    case 'literal':
    case 'boolean':
      return;
    default:
      problems.push(`${path}: ${d.type} is not checked here; bound it or teach this test about it`);
  }
}

function unwrap(schema: Schema): Schema {
  const d = def(schema);
  return d.type === 'optional' || d.type === 'default' || d.type === 'nullable' ? unwrap(d.innerType!) : schema;
}

function checkId(schema: Schema, path: string, problems: string[]): void {
  const s = unwrap(schema);
  if (def(s).type !== 'number') return;
  const c = checks(s);
  const whole = c.some((x) => x['check'] === 'number_format' && (x['format'] === 'safeint' || x['format'] === 'int32'));
  const positive = c.some((x) => x['check'] === 'greater_than' && ((x['value'] as number) > 0 || (x['value'] === 0 && x['inclusive'] === false)));
  if (!whole || !positive) problems.push(`${path}: an id must be a positive whole number`);
}

const channels = Object.entries(contract) as [string, { request: z.ZodType }][];

describe('the IPC contract', () => {
  it.each(channels)('%s: strict objects, bounded text and lists, positive whole ids', (_name, def) => {
    const problems: string[] = [];
    inspect(def.request as unknown as Schema, '', problems);
    expect(problems).toEqual([]);
  });

  it.each(channels)('%s: refuses a field it does not know', (_name, def) => {
    const result = def.request.safeParse({ notAField: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.code === 'unrecognized_keys' && i.keys.includes('notAField'))).toBe(true);
  });

  it.each(channels)('%s: refuses a request that is not an object', (_name, def) => {
    for (const payload of ['text', 42, [], null]) expect(def.request.safeParse(payload).success).toBe(false);
  });
});
