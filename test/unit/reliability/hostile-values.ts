import fc from 'fast-check';

/*
 * Arbitraries for hostile IPC payloads. Two kinds:
 * - `hostileValue`: anything a broken or compromised renderer could send through structured clone (wrong types,
 *   huge and odd strings, deep nesting, prototype-pollution keys, NaN, huge and negative numbers, undefined);
 * - `shapedBy(schema)`: a payload that follows a channel's own zod schema closely enough to get past the first
 *   checks, with hostile values mixed in at every level, so that the fuzzing reaches the handlers and the store.
 * Both read nothing but the contract, so a channel added later is fuzzed without a line changed here.
 */

/** Runs per property: moderate for `npm test` on two cores; `RECIPROCAL_FUZZ_RUNS=2000` for a long session. */
export const FUZZ_RUNS = Number(process.env['RECIPROCAL_FUZZ_RUNS'] ?? 25);

/** SQL written to break out of a quoted value, a LIKE pattern or a statement. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "'; DROP TABLE cases; --",
  "'; DELETE FROM audit_log; --",
  "x' UNION SELECT applicant_name, 1, 1 FROM cases --",
  '%',
  '_',
  '%%',
  "%' --",
  '\\',
  "1; UPDATE cases SET state = 'closed'",
  "') OR ('a'='a",
  '*',
  'NEAR(a b)',
  '"',
] as const;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\u202Eevil',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|" /C calc"!A0',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  'NaN',
  '-1',
  '1e309',
  ...SQL_INJECTIONS,
];

/** Values that look right, so that a shaped payload sometimes gets all the way to the store. */
const PLAUSIBLE_STRINGS = [
  '2026-03-02',
  '2019-04-01',
  '2026-02-29',
  '1991-07-14',
  'E09000012',
  'E09000007',
  'E09000033',
  'E09000034',
  '020 7946 0000',
  'someone@example.org',
  'E8 1AA',
  'PLHR-2026-0001',
  'Hackney Council',
  'London Borough of Camden',
  'Sam Coordinator',
];

const HOSTILE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  1,
  2,
  3,
  1.5,
  -(2 ** 31),
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e308,
];

/** An object with own `__proto__`, `constructor` and `prototype` keys: JSON.parse makes them own properties. */
export const pollutingObject = (inner: unknown = { polluted: true }): Record<string, unknown> =>
  JSON.parse(
    `{"__proto__": ${JSON.stringify(inner)}, "constructor": {"prototype": ${JSON.stringify(inner)}}, "prototype": ${JSON.stringify(inner)}}`,
  ) as Record<string, unknown>;

/** Nesting far past any form: an object or array `depth` levels deep. */
export function deeplyNested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

const hugeString = fc.constantFrom(100_001, 5_000, 1_001, 257).map((n) => 'x'.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...PLAUSIBLE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  hugeString,
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.integer(), fc.double());

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(undefined, null, true, false, 0n, 2n ** 70n),
  fc.date({ noInvalidDate: false }),
);

/** Anything at all that survives structured clone, plus the shapes chosen to hurt. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileScalar },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(deeplyNested(2000, false), deeplyNested(2000, true), deeplyNested(20, false)) },
  { weight: 1, arbitrary: fc.constant(null).map(() => pollutingObject()) },
  { weight: 1, arbitrary: fc.constantFrom(6000, 21_000).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.constant(null).map(() => Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i]))) },
);

/* A zod schema seen from outside: just enough of zod 4's definitions to walk one. */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  items?: Schema[];
  left?: Schema;
  right?: Schema;
  valueType?: Schema;
  getter?: () => Schema;
}
type Schema = { _zod: { def: Def } };

/**
 * A payload shaped like `schema`, level by level, with a hostile value in place of any part now and then, and
 * prototype-pollution keys added to objects. `depth` stops runaway recursion on a lazy schema.
 */
export function shapedBy(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const d = (schema as Schema)._zod.def;
  const or = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: hostileValue });
  if (depth > 8) return hostileScalar;
  switch (d.type) {
    case 'object': {
      const keys = Object.entries(d.shape ?? {});
      const fields = Object.fromEntries(keys.map(([k, v]) => [k, shapedBy(v, depth + 1)]));
      const body = fc.record(fields, { requiredKeys: [] });
      return or(
        fc.tuple(body, fc.nat(9)).map(([value, roll]) => {
          if (roll === 0) return Object.assign(pollutingObject(), value);
          if (roll === 1) return { ...value, notAField: 'x' };
          return value;
        }),
      );
    }
    case 'array':
      return or(fc.array(shapedBy(d.element, depth + 1), { maxLength: 6 }));
    case 'string':
      return or(hostileString);
    case 'number':
      return or(hostileNumber);
    case 'boolean':
      return or(fc.boolean());
    case 'enum':
      return or(fc.constantFrom(...Object.values(d.entries ?? { x: 'x' })));
    case 'literal':
      return or(fc.constantFrom(...(d.values ?? [null])));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fc.oneof(shapedBy(d.innerType, depth), fc.constantFrom(undefined, null));
    case 'pipe':
      return def(d.in).type === 'transform' ? shapedBy(d.out, depth) : shapedBy(d.in, depth);
    case 'union':
      return fc.oneof(...(d.options ?? []).map((o) => shapedBy(o, depth + 1)));
    case 'intersection':
      return fc
        .tuple(shapedBy(d.left, depth + 1), shapedBy(d.right, depth + 1))
        .map(([a, b]) => (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null ? { ...a, ...b } : a));
    case 'tuple':
      return or(fc.tuple(...(d.items ?? []).map((i) => shapedBy(i, depth + 1))));
    case 'record':
      return or(fc.dictionary(hostileString, shapedBy(d.valueType, depth + 1), { maxKeys: 4 }));
    case 'lazy':
      return shapedBy(d.getter!(), depth + 1);
    default:
      // A kind of schema this walker does not know still gets hostile input.
      return hostileValue;
  }
}

function def(schema: Schema | undefined): Def {
  return schema?._zod.def ?? { type: 'unknown' };
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

const DROP = Symbol('drop');

function replaceAt(value: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.flatMap((v, i) => (i === head ? [replaceAt(v, rest, make)].filter((x) => x !== DROP) : [v]));
  const obj = { ...(value as Record<string, unknown>) };
  const next = replaceAt(obj[head as string], rest, make);
  if (next === DROP) delete obj[head as string];
  else Object.defineProperty(obj, head as string, { value: next, enumerable: true, writable: true, configurable: true });
  return obj;
}

/**
 * A valid request with one part spoiled: a value replaced by a hostile one, a field dropped, or prototype-pollution
 * keys added beside it. One bad part in an otherwise good request is what reaches the deepest code.
 */
export function spoiled(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  return fc.tuple(fc.constantFrom(...paths), fc.nat(5), hostileValue).map(([path, roll, bad]) =>
    replaceAt(sample, path, (old) => {
      if (roll === 0 && path.length > 0) return DROP;
      if (roll === 1 && typeof old === 'object' && old !== null && !Array.isArray(old)) return Object.assign(pollutingObject(), old);
      return bad;
    }),
  );
}
