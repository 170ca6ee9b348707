import { z } from 'zod';

export const healthBody = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  migration: z.string(),
  version: z.string(),
  /** What the operator should fix (e.g. `embedded_database`: production on PGlite); empty when all is well. */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
