/**
 * Arbitraries for the OpenAPI fuzzer: values generated from the document's JSON schemas (mostly valid, so
 * requests get past validation into the handlers), and hostile values (wrong types, huge strings, NUL and
 * control characters, unicode edge cases, deep nesting, prototype-pollution keys) to mutate them with.
 */
import fc from 'fast-check';

export type Schema = Record<string, unknown>;

const DATE_MIN = new Date('2000-01-01T00:00:00Z');
const DATE_MAX = new Date('2040-12-31T00:00:00Z');
const date = fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true });

function stringOf(s: Schema): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = Math.max(min, Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 200));
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return date.map((d) => d.toISOString());
    case 'date':
      return date.map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'binary':
      return fc.string({ maxLength: 20 });
  }
  if (typeof s.pattern === 'string') {
    try {
      const re = new RegExp(s.pattern, 'u');
      return fc.stringMatching(re).filter((v) => v.length >= min && v.length <= max);
    } catch {
      // A pattern JavaScript cannot read: plain strings below.
    }
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
  );
}

function numberOf(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo =
    typeof s.minimum === 'number'
      ? s.minimum
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + 1
        : -1000;
  const hi =
    typeof s.maximum === 'number'
      ? s.maximum
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - 1
        : 100_000;
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.max(Math.ceil(lo), Math.floor(hi)) });
  return fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true, noDefaultInfinity: true });
}

function objectOf(s: Schema, depth: number): fc.Arbitrary<unknown> {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  if (Object.keys(props).length === 0) {
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      return fc.dictionary(
        fc.string({ maxLength: 10 }),
        valueOf(s.additionalProperties as Schema, depth + 1),
        {
          maxKeys: 4,
        },
      );
    return fc.constant({});
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = valueOf(v, depth + 1);
  return fc.record(model, { requiredKeys: required.filter((k) => k in props) });
}

/** A value the schema accepts (as far as a generator can tell without the server's own rules). */
export function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...schema.enum);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a) => valueOf(a as Schema, depth)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length) return valueOf(schema.allOf[0] as Schema, depth);
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => valueOf({ ...schema, type: t as string }, depth)));
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = Math.max(min, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 5, 8));
      return fc.array(valueOf(schema.items as Schema | undefined, depth + 1), {
        minLength: min,
        maxLength: max,
      });
    }
    case 'object':
      return objectOf(schema, depth);
  }
  if (schema.properties) return objectOf(schema, depth);
  return fc.jsonValue({ maxDepth: 2 });
}

/** Strings an attacker (or a broken client) sends. None of them contains what the leak check looks for. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '%00',
    '\u0001\u0008\u000b\u001f\u007f',
    '\r\n\r\nX-Injected: 1',
    '\u202e\u200b\ufeff\u2028\u2029',
    '\ud800',
    '\udfff\ud800',
    '𠮷野家😀👨‍👩‍👧‍👦',
    '\u0301\u0301\u0301',
    "' OR '1'='1' --",
    '1; DROP TABLE users; --',
    '"; SELECT pg_sleep(10); --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '${7*7}{{7*7}}#{7*7}',
    '%s%s%s%n',
    '__proto__',
    'constructor',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '-9223372036854775809',
    '9007199254740993',
    'null',
    'true',
    '',
    ' ',
    '\t',
    '=cmd|" /C calc"!A0',
    '+SUM(1,2)',
    '@SUM(1,2)',
    '0x7fffffff',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom('x', '示', '𠮷', '\u0000', 'é'), fc.integer({ min: 256, max: 200_000 }))
    .map(([c, n]) => c.repeat(n)),
);

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** A value of any type, for a field that expects another. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e-308, 0.1 + 0.2),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.integer({ min: 2, max: 200 }).map((d) => nested(d, 'array')),
  fc.integer({ min: 2, max: 200 }).map((d) => nested(d, 'object')),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** JSON text no serializer would produce: own `__proto__` keys, broken syntax, deep nesting. */
export const hostileJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes","isAdmin":true}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"a":1,"a":2}',
    '{',
    '[',
    '{"a":',
    'null',
    '0',
    '"x"',
    '[]',
    '{}',
    '',
    'undefined',
    '{"a":1}garbage',
    '\u0000',
    '{"a":"\\ud800"}',
    '{"a":1e999999}',
    '\ufeff{}',
  ),
  fc.integer({ min: 500, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 500, max: 50_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** A body object with one hostile change: a field replaced, removed, added, or a pollution key. */
export function mutate(base: unknown): fc.Arbitrary<{ json?: unknown; text?: string }> {
  const obj =
    base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  const keys = Object.keys(obj);
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.oneof(
    fc.tuple(key, hostileValue).map(([k, v]) => ({ json: { ...obj, [k]: v } })),
    key.map((k) => {
      const rest = { ...obj };
      delete rest[k];
      return { json: rest };
    }),
    fc.tuple(fc.string({ maxLength: 12 }), hostileValue).map(([k, v]) => ({ json: { ...obj, [k]: v } })),
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => {
      const inner = JSON.stringify(obj).slice(1);
      const pollution = `"${k}":{"polluted":"yes","prototype":{"polluted":"yes"}}`;
      return { text: `{${pollution}${inner === '}' ? '' : ','}${inner}` };
    }),
  );
}
