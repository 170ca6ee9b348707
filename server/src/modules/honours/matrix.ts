/**
 * Authorization matrix rows of the honours routes. Writes and the 蓄水池 report are the committee's; the
 * records are read in the titles scope: "in" is an honour of branch A1 (unit A), "out" one of branch B1
 * (unit B). Each mutation cell gets a fresh organisation, kind or record.
 */
import type { Builder, MatrixCtx, ModuleMatrix, Scope } from '../../../test/matrix-types';
import { only } from '../../../test/matrix-types';
import { actorOf } from '../decisions/test-kit';
import { ctxAt } from '../titles/test-kit';
import { fileUpload } from '../evidence/test-kit';
import { create } from './service';

const adminCtx = (ctx: MatrixCtx) => ctxAt(actorOf(ctx.users.committee_admin), ctx.env.clock.now);

const body = (organizationId: string) => ({
  year: 2025,
  kindCode: 'advanced_org',
  organizationId,
  documentNo: '津党机工〔2025〕12号',
  awardedOn: '2025-06-28',
});

async function freshHonour(ctx: MatrixCtx, s: Scope): Promise<string> {
  const org = await ctx.freshBranch(s);
  return (await create(ctx.env.db, adminCtx(ctx), body(org.id))).id;
}

/** The honour read in each scope: branch A1's (the applicant's own organisation) or B1's, of 2024. */
async function readHonour(ctx: MatrixCtx, s: Scope): Promise<string> {
  const b = { ...body(ctx.branchOf(s).id), year: 2024, awardedOn: '2024-06-28' };
  return (await create(ctx.env.db, adminCtx(ctx), b)).id;
}

const made: Partial<Record<Scope, Promise<string>>> = {};
const honourOf = (ctx: MatrixCtx, s: Scope) => (made[s] ??= readHonour(ctx, s));

const build: Record<string, Builder> = {
  'GET /api/honour-kinds': () => ({ method: 'GET', url: '/api/honour-kinds' }),
  'POST /api/honour-kinds': (ctx) => ({
    method: 'POST',
    url: '/api/honour-kinds',
    payload: {
      code: `k${ctx.uniq()}`,
      nameZh: '优秀共青团员',
      nameEn: 'Outstanding league member',
      subject: 'person',
    },
  }),
  'GET /api/honours': () => ({ method: 'GET', url: '/api/honours' }),
  'POST /api/honours': async (ctx, s) => ({
    method: 'POST',
    url: '/api/honours',
    payload: body((await ctx.freshBranch(s)).id),
  }),
  'GET /api/honours/reservoir': () => ({ method: 'GET', url: '/api/honours/reservoir' }),
  'GET /api/honours/pool': () => ({ method: 'GET', url: '/api/honours/pool?year=2026' }),
  'GET /api/honours/:id': async (ctx, s) => ({
    method: 'GET',
    url: `/api/honours/${await honourOf(ctx, s)}`,
  }),
  'DELETE /api/honours/:id': async (ctx, s) => ({
    method: 'DELETE',
    url: `/api/honours/${await freshHonour(ctx, s)}`,
  }),
  'GET /api/honours/import/template': () => ({ method: 'GET', url: '/api/honours/import/template' }),
  'POST /api/honours/import': (ctx, s) => {
    const csv = `年度,表彰类型,组织编码,文号,表彰日期\n2025,先进基层党组织,${ctx.branchOf(s).code},津党机工〔2025〕12号,2025-06-28\n`;
    const m = fileUpload('honours.csv', Buffer.from(csv));
    return { method: 'POST', url: '/api/honours/import?dryRun=true', payload: m.payload, headers: m.headers };
  },
};

const committee = only({ committee_admin: [200, 200] });
const readers = only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/honour-kinds': readers,
    'POST /api/honour-kinds': only({ committee_admin: [201, 201] }),
    'GET /api/honours': only({ committee_admin: [200, 200], unit_admin: [200, 200], applicant: [200, 200] }),
    'POST /api/honours': only({ committee_admin: [201, 201] }),
    'GET /api/honours/reservoir': committee,
    'GET /api/honours/pool': committee,
    'GET /api/honours/:id': only({
      committee_admin: [200, 200],
      unit_admin: [200, 404],
      applicant: [200, 404],
    }),
    'DELETE /api/honours/:id': committee,
    'GET /api/honours/import/template': committee,
    'POST /api/honours/import': committee,
  },
  build,
};
