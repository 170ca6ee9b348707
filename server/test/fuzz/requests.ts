/**
 * One fast-check arbitrary per OpenAPI operation: who calls (anonymous or a role), path parameters (real
 * ids in and out of scope, random ids, malformed segments), query parameters and bodies from the schemas,
 * and hostile mutations of them; multipart bodies for upload routes. A request is plain data, so the
 * same seed gives the same requests.
 */
import fc from 'fast-check';
import type { Who } from '../matrix-types';
import { hostileJsonText, hostileString, hostileValue, mutate, valueOf, type Schema } from './schema-arb';
import { WHO, type FuzzWorld, type Known } from './fixtures';

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FuzzRequest {
  who: Who;
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What kind of input this is (for the failure report). */
  kind: string;
}

/** Sample files for upload routes. */
export interface Samples {
  files: { name: string; type: string; data: Buffer }[];
}

const MALFORMED_SEGMENTS = [
  '0',
  '-1',
  'null',
  'undefined',
  '%00',
  '%',
  '%zz',
  '%E4%B8',
  '%F0%9F%98%80',
  '%C0%AF',
  '..',
  '%2e%2e%2f%2e%2e%2fetc',
  "1'%20OR%20'1'%3D'1",
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '12345678-1234-1234-1234-1234567890ab%20',
  '{id}',
  ':id',
  'a'.repeat(300),
  '9'.repeat(40),
];

/** Percent-encodes as UTF-8 (a lone surrogate becomes U+FFFD, as a browser sends it). */
function enc(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8'))
    out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Header values must be visible ASCII (Node refuses others before the app sees them). */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function tableFor(path: string, world: FuzzWorld): string[] {
  const seg = path.split('/')[2] ?? '';
  const aliases: Record<string, string> = {
    accounts: 'users',
    'audit-events': 'audit_events',
    evidence: 'evidence_files',
  };
  const table = aliases[seg] ?? seg.replace(/-/g, '_');
  const ids = world.idsByTable.get(table);
  return ids && ids.length ? ids : world.anyIds;
}

/**
 * A generated value as request text. `String()` throws on the null-prototype objects fast-check's
 * dictionaries make now and then (seed 1392764379), so objects go through JSON.
 */
const asText = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function pathParam(p: Parameter, path: string, world: FuzzWorld, known: Known | undefined) {
  const real = (s: 'in' | 'out') =>
    [...new Set((known?.params[s] ?? []).map((x) => x[p.name]).filter((v) => v !== undefined))] as string[];
  const fallback = tableFor(path, world);
  const inIds = real('in').length ? real('in') : fallback;
  const outIds = real('out').length ? real('out') : fallback;
  const encoded = (a: fc.Arbitrary<unknown>) => a.map((v) => enc(asText(v)));
  return fc.oneof(
    { weight: 6, arbitrary: encoded(fc.constantFrom(...inIds)) },
    { weight: 4, arbitrary: encoded(fc.constantFrom(...outIds)) },
    { weight: 2, arbitrary: encoded(fc.constantFrom(...world.anyIds)) },
    { weight: 1, arbitrary: encoded(fc.uuid()) },
    { weight: 2, arbitrary: encoded(valueOf(p.schema)) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_SEGMENTS) },
    { weight: 1, arbitrary: encoded(hostileString.filter((s) => s.length > 0 && s.length < 2000)) },
  );
}

function queryValue(schema: Schema | undefined): fc.Arbitrary<string[]> {
  const plain = (v: unknown): string[] => (Array.isArray(v) ? v.map(asText) : [asText(v)]);
  return fc.oneof(
    { weight: 5, arbitrary: valueOf(schema).map(plain) },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length < 5000).map((s) => [s]) },
    { weight: 1, arbitrary: hostileValue.map(plain).filter((a) => a.join('').length < 5000) },
  );
}

function queryString(params: Parameter[]): fc.Arbitrary<string> {
  const entries = params.map((p) =>
    fc
      .option(queryValue(p.schema), { nil: undefined, freq: 2 })
      .map((vs) => (vs === undefined ? [] : vs.map((v) => `${enc(p.name)}=${enc(v)}`))),
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ['__proto__[polluted]=yes'],
        ['constructor[prototype][polluted]=yes'],
        ['__proto__=x'],
        ['%'],
        ['q=%zz'],
        ['a=1&a=2&a=3'],
        ['unknownParam=1'],
        ['='],
        ['&&&'],
      ),
    },
    ...(params.length
      ? [{ weight: 1, arbitrary: fc.constantFrom(...params).map((p) => [`${p.name}=1`, `${p.name}=2`]) }]
      : []),
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([parts, more]) => {
    const all = [...parts.flat(), ...more];
    return all.length ? `?${all.join('&')}` : '';
  });
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'multipart/form-data',
  'application/xml',
  'application/json, text/plain',
];

function jsonBody(schema: Schema | undefined, examples: unknown[]) {
  const base = examples.length ? fc.oneof(fc.constantFrom(...examples), valueOf(schema)) : valueOf(schema);
  return fc.oneof(
    { weight: 3, arbitrary: base.map((json) => ({ kind: 'valid', json }) as Body) },
    { weight: 4, arbitrary: base.chain(mutate).map((m) => ({ kind: 'mutated', ...m }) as Body) },
    { weight: 1, arbitrary: hostileJsonText.map((text) => ({ kind: 'raw json', text }) as Body) },
    { weight: 1, arbitrary: hostileValue.map((json) => ({ kind: 'wrong type', json }) as Body) },
  );
}

interface Body {
  kind: string;
  json?: unknown;
  text?: string;
  buffer?: Buffer;
  contentType?: string;
}

function crlfSafeName(s: string) {
  return s.slice(0, 300);
}

function multipartBody(
  schema: Schema | undefined,
  samples: Samples,
  examples: { payload: Buffer; type: string }[],
) {
  const props = (schema?.properties ?? {}) as Record<string, Schema>;
  const textFields = Object.entries(props).filter(([, s]) => s.format !== 'binary');
  const file = fc.record({
    field: fc.oneof(
      { weight: 9, arbitrary: fc.constant('file') },
      { weight: 1, arbitrary: fc.constantFrom('files', 'file[]', '', '__proto__') },
    ),
    sample: fc.constantFrom(...samples.files),
    filename: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...samples.files.map((f) => f.name)) },
      { weight: 2, arbitrary: hostileString.map(crlfSafeName) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('../../../../tmp/x.pdf', 'a.pdf\u0000.exe', '.pdf', 'con.pdf', '"q".pdf'),
      },
    ),
    data: fc.oneof(
      { weight: 5, arbitrary: fc.constant<Buffer | null>(null) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)) },
      { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    ),
    type: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | null>(null) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'application/pdf',
          'image/png',
          'text/html',
          'application/x-msdownload',
          '',
        ),
      },
    ),
  });
  const text = fc.tuple(
    ...textFields.map(([name, s]) =>
      fc
        .option(
          fc.oneof(
            valueOf(s).map(String),
            hostileString.filter((v) => v.length < 3000),
          ),
          { nil: undefined },
        )
        .map((v) => [name, v] as const),
    ),
  );
  const built = fc
    .record({
      files: fc.array(file, { minLength: 0, maxLength: 2 }),
      text,
      extra: fc.option(
        fc.tuple(
          fc.string({ maxLength: 10 }),
          hostileString.filter((v) => v.length < 1000),
        ),
        { nil: undefined },
      ),
      cut: fc.oneof(
        { weight: 6, arbitrary: fc.constant<number | null>(null) },
        { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      ),
      boundary: fc.oneof(
        { weight: 9, arbitrary: fc.constant('ok') },
        { weight: 1, arbitrary: fc.constantFrom('missing', 'wrong', 'no-end') },
      ),
    })
    .map(({ files, text, extra, cut, boundary }) => {
      const b = '----fuzzboundary7MA4YWxkTrZu0gW';
      const chunks: Buffer[] = [];
      const fields = [...text.filter(([, v]) => v !== undefined), ...(extra ? [extra] : [])] as [
        string,
        string,
      ][];
      for (const [name, v] of fields)
        chunks.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
      for (const f of files)
        chunks.push(
          Buffer.from(
            `--${b}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\n` +
              `Content-Type: ${f.type ?? f.sample.type}\r\n\r\n`,
          ),
          f.data ?? f.sample.data,
          Buffer.from('\r\n'),
        );
      if (boundary !== 'no-end') chunks.push(Buffer.from(`--${b}--\r\n`));
      let buffer = Buffer.concat(chunks);
      if (cut !== null) buffer = buffer.subarray(0, Math.floor(buffer.length * cut));
      const contentType =
        boundary === 'missing'
          ? 'multipart/form-data'
          : `multipart/form-data; boundary=${boundary === 'wrong' ? 'other' : b}`;
      return {
        kind: `multipart${cut !== null ? ' cut' : ''}${boundary === 'ok' ? '' : ` ${boundary}`}`,
        buffer,
        contentType,
      } as Body;
    });
  if (!examples.length) return built;
  return fc.oneof(
    { weight: 4, arbitrary: built },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...examples)
        .map((e) => ({ kind: 'valid upload', buffer: e.payload, contentType: e.type }) as Body),
    },
  );
}

function bodyOf(op: Operation, known: Known | undefined, samples: Samples): fc.Arbitrary<Body | null> {
  const content = op.requestBody?.content ?? {};
  const examples = (known?.examples ?? []).filter((e) => e.payload !== undefined);
  if (content['multipart/form-data']) {
    const uploads = examples
      .filter((e) => Buffer.isBuffer(e.payload))
      .map((e) => ({ payload: e.payload as Buffer, type: e.headers?.['content-type'] ?? '' }));
    return multipartBody(content['multipart/form-data'].schema, samples, uploads);
  }
  if (content['application/json']) {
    const jsons = examples.filter((e) => !Buffer.isBuffer(e.payload)).map((e) => e.payload);
    return fc.oneof(
      { weight: 12, arbitrary: jsonBody(content['application/json'].schema, jsons) },
      { weight: 1, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...CONTENT_TYPES),
            fc.oneof(
              hostileString,
              fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
            ),
          )
          .map(([contentType, text]) => ({ kind: 'wrong content-type', text, contentType }) as Body),
      },
    );
  }
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostileJsonText.map((text) => ({ kind: 'unexpected body', text }) as Body),
        hostileValue.map((json) => ({ kind: 'unexpected body', json }) as Body),
      ),
    },
  );
}

function headerParams(op: Operation, known: Known | undefined) {
  const hs = (op.parameters ?? []).filter((p) => p.in === 'header');
  const exampleHeaders = (known?.examples ?? []).map((e) => e.headers ?? {});
  return fc.tuple(
    ...hs.map((p) => {
      const name = p.name.toLowerCase();
      const fromExamples = exampleHeaders
        .map((h) => h[name])
        .filter((v): v is string => typeof v === 'string');
      return fc
        .option(
          fc.oneof(
            fc.uuid(),
            valueOf(p.schema).map(String),
            hostileString.map(headerSafe).filter((s) => s.length < 4000),
            ...(fromExamples.length ? [fc.constantFrom(...fromExamples)] : []),
          ),
          { nil: undefined, freq: 6 },
        )
        .map((v) => [name, v] as const);
    }),
  );
}

export function requestArb(
  method: HttpMethod,
  path: string,
  op: Operation,
  world: FuzzWorld,
  samples: Samples,
): fc.Arbitrary<FuzzRequest> {
  const known = world.known.get(`${method} ${path}`);
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const pathArb = fc.tuple(
    ...pathParams.map((p) => pathParam(p, path, world, known).map((v) => [p.name, v] as const)),
  );
  return fc
    .record({
      who: fc.constantFrom(...WHO),
      path: pathArb,
      query: queryString(params.filter((p) => p.in === 'query')),
      body: bodyOf(op, known, samples),
      headers: headerParams(op, known),
      csrf: fc.oneof(
        { weight: 19, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      lang: fc.constantFrom('zh-CN', 'en', 'en-US,en;q=0.9', 'xx', ''),
    })
    .map((r) => {
      const values = Object.fromEntries(r.path);
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? 'x') + r.query;
      const headers: Record<string, string> = {};
      for (const [k, v] of r.headers) if (v !== undefined) headers[k] = headerSafe(v);
      if (method !== 'GET' && r.csrf) headers['x-shifan-csrf'] = '1';
      if (r.lang) headers['accept-language'] = r.lang;
      let payload: string | Buffer | undefined;
      const b = r.body;
      if (b) {
        if (b.buffer) payload = b.buffer;
        else if (b.text !== undefined) payload = b.text;
        else payload = JSON.stringify(b.json) ?? 'null';
        headers['content-type'] = b.contentType ?? 'application/json';
      }
      return { who: r.who, method, url, headers, payload, kind: b?.kind ?? 'no body' };
    });
}
