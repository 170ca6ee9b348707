/**
 * A client that knows the API only from its OpenAPI document (GET /api/openapi.json), as a committee's
 * script would: every call names an operation by method and path template, fails clearly when the document
 * has no such operation, validates the request body (JSON, or each multipart field) against the document's
 * schema before sending, and the JSON answer against the documented response schema of its status.
 * Requests go through `app.inject`, with the session cookie and the CSRF header the document's security
 * scheme describes.
 */
import crypto from 'node:crypto';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../shared/src/contracts/auth';

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface Session {
  cookie: string;
}
export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses other than 2xx the caller expects (e.g. a refusal it checks). */
  expect?: number;
}
/** A JSON answer as `JSON.parse` gives it: its shape was checked against the document's response schema. */
type Parsed = ReturnType<typeof JSON.parse>;
export interface Answer<T = Parsed> {
  status: number;
  body: T;
  raw: Buffer;
}
export type FormField = string | { filename: string; contentType: string; data: Buffer };

export class OpenApiClient {
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();
  /** Every operation the script used, `METHOD /path`, with its calls and their total milliseconds. */
  readonly used = new Map<string, { calls: number; ms: number }>();

  private count(key: string, started: number): void {
    const u = this.used.get(key) ?? { calls: 0, ms: 0 };
    u.calls++;
    u.ms += performance.now() - started;
    this.used.set(key, u);
  }

  private constructor(
    private readonly app: FastifyInstance,
    readonly doc: OpenApiDocument,
  ) {}

  static async load(app: FastifyInstance): Promise<OpenApiClient> {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
    return new OpenApiClient(app, res.json() as OpenApiDocument);
  }

  /** The operation, or an error naming what the document lacks. */
  operation(method: Method, path: string): Operation {
    const op = this.doc.paths[path]?.[method];
    if (!op) throw new Error(`The OpenAPI document has no operation ${method.toUpperCase()} ${path}`);
    return op;
  }

  private validate(schema: Schema, value: unknown, what: string): void {
    let v = this.compiled.get(schema);
    if (!v) {
      v = this.ajv.compile(schema);
      this.compiled.set(schema, v);
    }
    if (!v(value))
      throw new Error(`${what} does not match the document's schema: ${this.ajv.errorsText(v.errors)}`);
  }

  private url(method: Method, path: string, op: Operation, opts: CallOptions): string {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = opts.params?.[name];
      if (v === undefined) throw new Error(`${method.toUpperCase()} ${path}: path parameter ${name} missing`);
      return encodeURIComponent(v);
    });
    const headers = op.parameters?.filter((p) => p.in === 'header') ?? [];
    for (const name of Object.keys(opts.headers ?? {}))
      if (!headers.some((p) => p.name === name.toLowerCase()))
        throw new Error(`${method.toUpperCase()} ${path}: the document has no header parameter ${name}`);
    for (const p of headers)
      if (p.required && !Object.keys(opts.headers ?? {}).some((n) => n.toLowerCase() === p.name))
        throw new Error(`${method.toUpperCase()} ${path}: required header ${p.name} not given`);
    const query = Object.entries(opts.query ?? {});
    for (const [name] of query)
      if (!op.parameters?.some((p) => p.in === 'query' && p.name === name))
        throw new Error(`${method.toUpperCase()} ${path}: the document has no query parameter ${name}`);
    return query.length ? `${url}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : url;
  }

  private answer(method: Method, path: string, op: Operation, status: number, raw: Buffer, type: string) {
    const json = type.startsWith('application/json');
    const body: unknown = json && raw.length ? JSON.parse(raw.toString('utf8')) : raw;
    const schema = op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (json && status < 300) {
      if (!schema) throw new Error(`${method.toUpperCase()} ${path}: no documented ${status} JSON response`);
      this.validate(schema, body, `The ${status} answer of ${method.toUpperCase()} ${path}`);
    }
    return body;
  }

  private check(method: Method, path: string, status: number, body: unknown, expected?: number): void {
    const ok = expected === undefined ? status >= 200 && status < 300 : status === expected;
    if (!ok)
      throw new Error(
        `${method.toUpperCase()} ${path} answered ${status}${expected ? ` (expected ${expected})` : ''}: ${
          Buffer.isBuffer(body) ? body.toString('utf8').slice(0, 500) : JSON.stringify(body).slice(0, 2000)
        }`,
      );
  }

  /** A JSON call: the body is validated against the operation's `application/json` request schema. */
  async call<T = Parsed>(
    session: Session | null,
    method: Method,
    path: string,
    opts: CallOptions = {},
  ): Promise<Answer<T>> {
    const op = this.operation(method, path);
    const started = performance.now();
    const url = this.url(method, path, op, opts);
    const headers: Record<string, string> = { ...opts.headers };
    if (session) headers.cookie = session.cookie;
    if (method !== 'get') headers['x-shifan-csrf'] = '1';
    let payload: string | undefined;
    if (opts.body !== undefined) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (!schema)
        throw new Error(
          `${method.toUpperCase()} ${path}: the document gives no application/json requestBody schema`,
        );
      this.validate(schema, opts.body, `The body of ${method.toUpperCase()} ${path}`);
      payload = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    } else if (op.requestBody?.required) {
      throw new Error(`${method.toUpperCase()} ${path}: the document requires a body`);
    }
    const res = await this.app.inject({ method: method.toUpperCase() as 'GET', url, headers, payload });
    this.count(`${method.toUpperCase()} ${path}`, started);
    const body = this.answer(
      method,
      path,
      op,
      res.statusCode,
      res.rawPayload,
      String(res.headers['content-type'] ?? ''),
    );
    this.check(method, path, res.statusCode, body, opts.expect);
    return { status: res.statusCode, body: body as T, raw: res.rawPayload };
  }

  /**
   * A multipart call: every field must be a property of the operation's `multipart/form-data` schema (files
   * where it says `format: binary`, text fields validated against their own schema), every required one given.
   */
  async upload<T = Parsed>(
    session: Session,
    path: string,
    fields: Record<string, FormField>,
    opts: Omit<CallOptions, 'body'> = {},
  ): Promise<Answer<T>> {
    const op = this.operation('post', path);
    const started = performance.now();
    const form = op.requestBody?.content?.['multipart/form-data']?.schema as
      { properties?: Record<string, Schema>; required?: string[] } | undefined;
    if (!form?.properties)
      throw new Error(`POST ${path}: the document gives no multipart/form-data requestBody schema`);
    for (const name of form.required ?? [])
      if (!(name in fields)) throw new Error(`POST ${path}: required form field ${name} not given`);
    const boundary = `----script${crypto.randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    // Text fields first, files last: a streaming reader meets the fields before the upload.
    const ordered = Object.entries(fields).sort(
      ([, a], [, b]) => Number(typeof a !== 'string') - Number(typeof b !== 'string'),
    );
    for (const [name, value] of ordered) {
      const prop = form.properties[name];
      if (!prop) throw new Error(`POST ${path}: the document has no form field ${name}`);
      if (typeof value === 'string') {
        if (prop.format === 'binary') throw new Error(`POST ${path}: form field ${name} is a file`);
        this.validate(prop, value, `Form field ${name} of POST ${path}`);
        parts.push(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
        );
      } else {
        if (prop.format !== 'binary') throw new Error(`POST ${path}: form field ${name} is not a file`);
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n` +
              `Content-Type: ${value.contentType}\r\n\r\n`,
          ),
          value.data,
          Buffer.from('\r\n'),
        );
      }
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const url = this.url('post', path, op, opts);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: session.cookie,
        'x-shifan-csrf': '1',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...opts.headers,
      },
      payload: Buffer.concat(parts),
    });
    this.count(`POST ${path}`, started);
    const body = this.answer(
      'post',
      path,
      op,
      res.statusCode,
      res.rawPayload,
      String(res.headers['content-type'] ?? ''),
    );
    this.check('post', path, res.statusCode, body, opts.expect);
    return { status: res.statusCode, body: body as T, raw: res.rawPayload };
  }

  /** Logs in through the documented login operation; the session is its cookie. */
  async login(username: string, password: string): Promise<Session> {
    const op = this.operation('post', '/api/auth/login');
    const started = performance.now();
    const body = { username, password };
    this.validate(op.requestBody!.content!['application/json']!.schema!, body, 'The login body');
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-shifan-csrf': '1', 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    this.count('POST /api/auth/login', started);
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
    if (!c) throw new Error(`login ${username}: no session cookie`);
    return { cookie: `${SESSION_COOKIE}=${c.value}` };
  }
}
