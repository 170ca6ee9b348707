/**
 * OpenAPI for multipart routes (issue 7 §1.19). A multipart body is read by the handler (`req.file()`,
 * `req.parts()`), not by a route `body` schema, so the document would have no `requestBody`; a route
 * declares its form fields with `config.swaggerTransform: multipartDoc(...)` and the document gets a
 * `multipart/form-data` requestBody listing every field, so a client can be generated from it.
 */
import type { FastifySchema } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export interface MultipartField {
  /** `file`: a binary part; otherwise a text field. */
  type: 'file' | 'string';
  description: string;
  format?: string;
  enum?: readonly string[];
  required?: boolean;
}

/** The JSON schema of a multipart form with these fields. */
export function multipartSchema(fields: Record<string, MultipartField>) {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [name, f] of Object.entries(fields))
    properties[name] = {
      type: 'string',
      description: f.description,
      ...(f.type === 'file' ? { format: 'binary' } : f.format ? { format: f.format } : {}),
      ...(f.enum ? { enum: [...f.enum] } : {}),
    };
  const required = Object.entries(fields)
    .filter(([, f]) => f.required)
    .map(([name]) => name);
  return { type: 'object', properties, required, additionalProperties: false };
}

/** The route's swagger transform: the usual zod transform, plus the multipart form as the body. */
export function multipartDoc(fields: Record<string, MultipartField>): SwaggerTransform {
  return (arg) => {
    const out = (jsonSchemaTransform as unknown as SwaggerTransform)(arg);
    const schema: FastifySchema = {
      ...out.schema,
      consumes: ['multipart/form-data'],
      body: multipartSchema(fields),
    };
    return { ...out, schema };
  };
}

/**
 * The app's swagger transform: the zod one; a multipart route without its own `multipartDoc` (one that
 * reads a single upload with `req.file()`) is documented with its one `file` field.
 */
export const openapiTransform: SwaggerTransform = (arg) => {
  const out = (jsonSchemaTransform as unknown as SwaggerTransform)(arg);
  const consumes = (arg.schema as FastifySchema | undefined)?.consumes ?? [];
  if (!consumes.includes('multipart/form-data') || out.schema.body) return out;
  const body = multipartSchema({
    file: { type: 'file', required: true, description: '上传的文件 The uploaded file' },
  });
  return { ...out, schema: { ...out.schema, body } };
};
