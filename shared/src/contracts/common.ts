import { z } from 'zod';

export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() }).strict();

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** `?page=&pageSize=&sort=`; `sort` is `field` or `-field`, from a whitelist per list. */
export function listQuery<const S extends readonly [string, ...string[]]>(sortKeys: S) {
  const sortValues = sortKeys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    sort: z.enum(sortValues).optional(),
  });
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const okBody = z.object({ ok: z.literal(true) });

/** Trimmed text with a length limit; empty strings are refused. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
