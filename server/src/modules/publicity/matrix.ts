/**
 * Authorization matrix rows of the publicity routes. The public ones answer everyone alike, logged in or
 * not (the objection form with an empty text: 400 for all, so the matrix files nothing); the committee's
 * are the committee's only ("in" and "out" alike, scope all). Mutations get fresh records per cell.
 */
import type { Builder, MatrixCtx, ModuleMatrix } from '../../../test/matrix-types';
import { all, only } from '../../../test/matrix-types';
import { actorOf } from '../decisions/test-kit';
import { calendarDays } from '../../db/schema';
import { fileUpload } from '../evidence/test-kit';
import { assign } from './handling';
import { objectionByReceipt } from './repo';
import { file } from './objections';
import { seedCalendar, seedProposed, seedPublished } from './test-kit';

const units = (ctx: MatrixCtx) => ({ a1: ctx.tree.a1, unitA: ctx.tree.unitA, unitB: ctx.tree.unitB });
const ctxOf = (ctx: MatrixCtx, actor: ReturnType<typeof actorOf> | null = null) => ({
  actor,
  ip: null,
  requestId: null,
  lang: 'zh-CN' as const,
  now: ctx.env.clock.now,
});

let published: ReturnType<typeof seedPublished> | null = null;
/** One publicity for the reads and the objections (made once). */
const publishedOnce = (ctx: MatrixCtx) =>
  (published ??= seedPublished(
    ctx.env.db,
    ctx.env.clock.now,
    units(ctx),
    actorOf(ctx.users.committee_admin),
  ));

/** A fresh objection on the shared publicity; accepted to the matrix's committee admin when asked. */
async function objection(ctx: MatrixCtx, accepted = false) {
  const p = (await publishedOnce(ctx)).publicity;
  const r = await file(
    ctx.env.db,
    ctxOf(ctx),
    p.id,
    { anonymous: true, body: '矩阵测试异议' },
    `matrix-${ctx.uniq()}`,
  );
  const o = await objectionByReceipt(ctx.env.db, r.receiptCode);
  if (!accepted) return o!;
  const admin = ctx.users.committee_admin;
  const d = await assign(ctx.env.db, ctxOf(ctx, actorOf(admin)), o!.id, 'accept', {
    assigneeId: admin.id,
    version: o!.version,
  });
  return { ...o!, version: d.version };
}

let day = 0;
const freshDate = () => new Date(Date.UTC(2040, 0, 1 + day++)).toISOString().slice(0, 10);

const build: Record<string, Builder> = {
  'GET /api/public/publicity': () => ({ method: 'GET', url: '/api/public/publicity' }),
  'GET /api/public/publicity/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/public/publicity/${(await publishedOnce(ctx)).publicity.id}`,
  }),
  'POST /api/public/publicity/:id/objections': async (ctx) => ({
    method: 'POST',
    url: `/api/public/publicity/${(await publishedOnce(ctx)).publicity.id}/objections`,
    payload: { anonymous: true, body: '' },
  }),
  'GET /api/public/objections/:receipt': async (ctx) => ({
    method: 'GET',
    url: `/api/public/objections/${(await objection(ctx)).receiptCode}`,
  }),
  'GET /api/calendar': () => ({ method: 'GET', url: '/api/calendar?year=2026' }),
  'PUT /api/calendar/days/:date': () => ({
    method: 'PUT',
    url: `/api/calendar/days/${freshDate()}`,
    payload: { kind: 'holiday', name: '元旦' },
  }),
  'DELETE /api/calendar/days/:date': async (ctx) => {
    const date = freshDate();
    await ctx.env.db.insert(calendarDays).values({ date, kind: 'holiday', name: '元旦' });
    return { method: 'DELETE', url: `/api/calendar/days/${date}` };
  },
  'POST /api/calendar/import': () => {
    const m = fileUpload('2031.csv', Buffer.from('日期,类型,名称\n2031-10-01,放假,国庆节\n'));
    return {
      method: 'POST',
      url: '/api/calendar/import?year=2031&dryRun=true',
      payload: m.payload,
      headers: m.headers,
    };
  },
  'POST /api/campaigns/:id/publicity': async (ctx) => {
    await seedCalendar(ctx.env.db);
    const s = await seedProposed(
      ctx.env.db,
      ctx.env.clock.now,
      units(ctx),
      actorOf(ctx.users.committee_admin),
    );
    return {
      method: 'POST',
      url: `/api/campaigns/${s.campaignId}/publicity`,
      payload: { contact: '组织部' },
    };
  },
  'GET /api/campaigns/:id/publicities': async (ctx) => ({
    method: 'GET',
    url: `/api/campaigns/${(await publishedOnce(ctx)).campaignId}/publicities`,
  }),
  'GET /api/publicities/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/publicities/${(await publishedOnce(ctx)).publicity.id}`,
  }),
  'GET /api/publicities/:id/objections': async (ctx) => ({
    method: 'GET',
    url: `/api/publicities/${(await publishedOnce(ctx)).publicity.id}/objections`,
  }),
  'GET /api/objections/:id': async (ctx) => ({
    method: 'GET',
    url: `/api/objections/${(await objection(ctx)).id}`,
  }),
  'POST /api/objections/:id/accept': async (ctx) => {
    const o = await objection(ctx);
    return {
      method: 'POST',
      url: `/api/objections/${o.id}/accept`,
      payload: { assigneeId: ctx.users.committee_admin.id, version: o.version },
    };
  },
  'POST /api/objections/:id/reassign': async (ctx) => {
    const o = await objection(ctx, true);
    return {
      method: 'POST',
      url: `/api/objections/${o.id}/reassign`,
      payload: { assigneeId: ctx.users.committee_admin.id, version: o.version },
    };
  },
  'POST /api/objections/:id/dismiss': async (ctx) => {
    const o = await objection(ctx);
    return {
      method: 'POST',
      url: `/api/objections/${o.id}/dismiss`,
      payload: { reason: '不属于公示内容', version: o.version },
    };
  },
  'POST /api/objections/:id/notes': async (ctx) => {
    const o = await objection(ctx, true);
    return {
      method: 'POST',
      url: `/api/objections/${o.id}/notes`,
      payload: { body: '核查记录', version: o.version },
    };
  },
  'POST /api/objections/:id/close': async (ctx) => {
    const o = await objection(ctx, true);
    return {
      method: 'POST',
      url: `/api/objections/${o.id}/close`,
      payload: { outcome: 'unfounded', reason: '经核查不属实', version: o.version },
    };
  },
};

const committee = only({ committee_admin: [200, 200] });

export const matrix: ModuleMatrix = {
  rows: {
    'GET /api/public/publicity': all(200),
    'GET /api/public/publicity/:id': all(200),
    'POST /api/public/publicity/:id/objections': all(400),
    'GET /api/public/objections/:receipt': all(200),
    'GET /api/calendar': committee,
    'PUT /api/calendar/days/:date': committee,
    'DELETE /api/calendar/days/:date': committee,
    'POST /api/calendar/import': committee,
    'POST /api/campaigns/:id/publicity': only({ committee_admin: [201, 201] }),
    'GET /api/campaigns/:id/publicities': committee,
    'GET /api/publicities/:id': committee,
    'GET /api/publicities/:id/objections': committee,
    'GET /api/objections/:id': committee,
    'POST /api/objections/:id/accept': committee,
    'POST /api/objections/:id/reassign': committee,
    'POST /api/objections/:id/dismiss': committee,
    'POST /api/objections/:id/notes': committee,
    'POST /api/objections/:id/close': committee,
  },
  build,
};
