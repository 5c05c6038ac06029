import fc from 'fast-check';
import type { TJsonSchema } from './openapi-contract.ts';

/** Ids that exist in the seeded database, so that generated requests reach past "not found". */
export type TIdPool = { uuids: string[] };

const HUGE = 'x'.repeat(120_000);

/** The value one time in ten, null otherwise. */
export function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** Strings a careless or hostile client sends: NUL, broken Unicode, control characters, huge. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202e\u0007\u001b[31m',
    '',
    ' ',
    '../../etc/passwd',
    "'; DROP TABLE events; --",
    '%00',
    'null',
    HUGE.slice(0, 5_001),
    HUGE,
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Dates and times at and past every edge. */
export const hostileTime = fc.constantFrom(
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999-12:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '+275760-09-13T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '2200-12-31T23:59:59Z',
  '2027-02-30T10:00:00Z',
  '2027-03-28T02:30:00+03:00',
  '9999-12-31',
  '0000-01-01',
  '2027-02-29',
  '9999-12-31T23:59',
  '2027-02-10T24:00',
  '2027-13-01T10:00',
);

/** Values of the wrong type, deep nesting and numbers out of any range. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileTime,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 1,
    -(2 ** 31),
    [],
    {},
    [null],
    { $ne: null },
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.integer({ min: 1, max: 400 }).map((depth) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }),
  fc.array(fc.constant('a'), { minLength: 51, maxLength: 300 }),
);

/** Path ids: mostly real or well-formed, sometimes anything but a uuid. */
export function pathIdArb(pool: TIdPool): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pool.uuids) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'not-a-uuid',
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          `${pool.uuids[0]}x`,
          `${pool.uuids[0]!.toUpperCase()}`,
          '1',
          '-1',
          'null',
          'undefined',
          '..',
          '%00',
          '%2e%2e%2f',
          'x'.repeat(5_000),
          '%F0%9F%92%A9',
          '%C0%AE',
          '%ED%A0%80',
        ),
        hostileString.map((s) => encodeURIComponent(s.slice(0, 200).toWellFormed())),
      ),
    },
  );
}

type TContext = { pool: TIdPool; root: TJsonSchema; hostileWeight: number };

function resolveRef(ctx: TContext, ref: string): TJsonSchema {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = ctx.root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part];
  return (node as TJsonSchema) ?? {};
}

const day = (offset: number) => new Date(Date.UTC(2027, 1, 1) + offset * 86_400_000);

/** A value for a JSON Schema (as zod writes them): mostly valid, with hostile values mixed in. */
function valueArb(schema: TJsonSchema, ctx: TContext, depth: number): fc.Arbitrary<unknown> {
  const valid = validArb(schema, ctx, depth);
  if (ctx.hostileWeight === 0) return valid;
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight: ctx.hostileWeight, arbitrary: hostileValue });
}

function validArb(schema: TJsonSchema, ctx: TContext, depth: number): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (typeof schema.$ref === 'string') return valueArb(resolveRef(ctx, schema.$ref), ctx, depth + 1);
  const anyOf = (schema.anyOf ?? schema.oneOf) as TJsonSchema[] | undefined;
  if (anyOf?.length) return fc.oneof(...anyOf.map((s) => valueArb(s, ctx, depth + 1)));
  const allOf = schema.allOf as TJsonSchema[] | undefined;
  if (allOf?.length) return valueArb(allOf[0]!, ctx, depth + 1);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = Array.isArray(schema.type)
    ? (schema.type as string[])[0]
    : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      return stringArb(schema, ctx);
    case 'integer':
    case 'number': {
      const min =
        (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1000;
      const max =
        (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined) ?? 100_000;
      const lo = Math.max(min, -1e9);
      const hi = Math.min(max, 1e9);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
        : fc.double({ min: lo, max: hi, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as TJsonSchema | undefined) ?? {};
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 4, minLength + 4);
      return fc.array(valueArb(items, ctx, depth + 1), { minLength, maxLength });
    }
    case 'object':
    case undefined: {
      const props = (schema.properties as Record<string, TJsonSchema> | undefined) ?? {};
      if (type === undefined && !Object.keys(props).length)
        return fc.oneof(fc.string(), fc.integer(), fc.boolean());
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const entries = Object.entries(props);
      const record = fc.record(
        Object.fromEntries(entries.map(([k, s]) => [k, valueArb(s, ctx, depth + 1)])),
        // Required fields are there most of the time; optional ones now and then.
        { requiredKeys: [] },
      );
      return fc
        .tuple(
          record,
          fc.array(fc.boolean(), { minLength: entries.length, maxLength: entries.length }),
          // Now and then an unknown field (strict schemas must refuse it with 422, not crash).
          rarely(
            fc.dictionary(
              hostileString.map((s) => s.slice(0, 30)),
              hostileValue,
              { maxKeys: 2 },
            ),
          ),
        )
        .map(([rec, keepOptional, extra]) => {
          const out: Record<string, unknown> = {};
          entries.forEach(([k], i) => {
            if (!(k in rec)) return;
            if (required.has(k) || keepOptional[i]) out[k] = rec[k];
          });
          for (const [k, _] of entries) if (required.has(k) && !(k in out) && k in rec) out[k] = rec[k];
          return extra ? { ...out, ...extra } : out;
        });
    }
    default:
      return fc.constant(null);
  }
}

function stringArb(schema: TJsonSchema, ctx: TContext): fc.Arbitrary<string> {
  const format = schema.format as string | undefined;
  if (format === 'uuid')
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.pool.uuids) }, fc.uuid());
  if (format === 'date-time') {
    return fc
      .tuple(fc.integer({ min: -30, max: 200 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30))
      .map(([d, h, m]) => new Date(day(d).getTime() + (h * 60 + m) * 60_000).toISOString());
  }
  if (format === 'date')
    return fc.integer({ min: -60, max: 200 }).map((d) => day(d).toISOString().slice(0, 10));
  if (format === 'email') {
    return fc.oneof(
      fc.constantFrom('teacher1.msk-26@telemost.example', 'nobody@telemost.example'),
      fc.emailAddress(),
    );
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length < 500);
    } catch {
      // a pattern fast-check cannot invert: fall through to plain strings
    }
  }
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 60, minLength + 60);
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc
      .constantFrom('Europe/Moscow', 'Asia/Almaty', 'Mars/Olympus', 'UTC')
      .filter((s) => s.length >= minLength),
  );
}

/** Arbitrary values for a schema; `hostileWeight` (of 10) is how often a node is replaced by garbage. */
export function schemaArb(schema: TJsonSchema, pool: TIdPool, hostileWeight = 1): fc.Arbitrary<unknown> {
  return valueArb(schema, { pool, root: schema, hostileWeight }, 0);
}
