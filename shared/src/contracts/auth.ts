import { z } from 'zod';
import { ROLES } from '../enums';
import { ACTIONS } from '../domain/permissions';

export const loginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) })
  .strict();

export const meBody = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  roles: z.array(z.enum(ROLES)),
  scope: z.object({
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable(),
    unitId: z.uuid().nullable(),
  }),
  abilities: z.array(z.enum(ACTIONS)),
  demo: z.boolean(),
});
export type Me = z.infer<typeof meBody>;
