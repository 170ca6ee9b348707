import { z } from 'zod';

export const healthBody = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  migration: z.string(),
  version: z.string(),
});
