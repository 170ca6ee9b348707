/**
 * Four-eyes requests: account managers ask (for an account in their scope: a unit admin's out-of-scope
 * target is 404); committee, unit (own unit), security and audit admins list and decide. The fixture's
 * requests are asked by the reviewer account (a role no decider holds), so every decider may approve; the
 * four-eyes refusals are tested in privileged.test.ts.
 */
import { insertUser } from '../../../test/helpers';
import { only, type MatrixCtx, type Row, type ModuleMatrix, type Scope } from '../../../test/matrix-types';
import { privilegedRequests, secondFactors } from '../../db/schema';

const deciders: Partial<Row> = {
  committee_admin: [200, 200],
  unit_admin: [200, 404],
  security_admin: [200, 200],
  audit_admin: [200, 200],
};

/** A fresh applicant of unit A (in) or B (out) with an enrolled authenticator. */
async function enrolledApplicant(ctx: MatrixCtx, s: Scope) {
  const u = await insertUser(ctx.env.db, {
    username: `mfa${ctx.uniq()}`,
    role: 'applicant',
    organizationId: ctx.branchOf(s).id,
    unitId: ctx.unitOf(s).id,
  });
  await ctx.env.db.insert(secondFactors).values({
    userId: u.id,
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    enrolledAt: ctx.env.clock.now,
    createdAt: ctx.env.clock.now,
  });
  return u;
}

async function pendingRequest(ctx: MatrixCtx, s: Scope): Promise<string> {
  const target = await enrolledApplicant(ctx, s);
  const [row] = await ctx.env.db
    .insert(privilegedRequests)
    .values({
      kind: 'second_factor_reset',
      targetUserId: target.id,
      reason: '手机丢失',
      requestedBy: ctx.users.reviewer.id,
      requestedRole: 'reviewer',
      createdAt: ctx.env.clock.now,
    })
    .returning({ id: privilegedRequests.id });
  return row!.id;
}

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/privileged-requests': only({ ...deciders, unit_admin: [200, 200] }),
    'POST /api/privileged-requests': only({
      committee_admin: [201, 201],
      unit_admin: [201, 404],
      security_admin: [201, 201],
    }),
    'POST /api/privileged-requests/:id/approve': only(deciders),
    'POST /api/privileged-requests/:id/reject': only(deciders),
  },
  build: {
    'GET /api/privileged-requests': () => ({ method: 'GET', url: '/api/privileged-requests' }),
    'POST /api/privileged-requests': async (ctx, s) => ({
      method: 'POST',
      url: '/api/privileged-requests',
      payload: {
        kind: 'second_factor_reset',
        targetUserId: (await enrolledApplicant(ctx, s)).id,
        reason: '手机丢失，无法获取验证码',
      },
    }),
    'POST /api/privileged-requests/:id/approve': async (ctx, s) => ({
      method: 'POST',
      url: `/api/privileged-requests/${await pendingRequest(ctx, s)}/approve`,
    }),
    'POST /api/privileged-requests/:id/reject': async (ctx, s) => ({
      method: 'POST',
      url: `/api/privileged-requests/${await pendingRequest(ctx, s)}/reject`,
    }),
  },
};
