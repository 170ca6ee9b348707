/**
 * The pool view (蓄水池) through the API on PGlite: an active title's holder with its secretary and
 * contact as recorded, the final score it was awarded on, its latest re-review (kept) and the honours it
 * already has of the round's year; recommending it is recording the honour, after which it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { evaluationTotals, organizations } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import type { PoolView } from '../../../../shared/src/contracts/honours';
import { actorOf } from '../decisions/test-kit';
import { ctxAt, seedCertified } from '../titles/test-kit';
import { createRound } from '../rereviews/service';
import { recordOutcome } from '../rereviews/outcomes';

let env: TestEnv;
let title: Awaited<ReturnType<typeof seedCertified>>['title'];

/** 2027-03-01 10:00 in China. */
const MARCH_2027 = new Date('2027-03-01T02:00:00.000Z');

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const admin = actorOf(users.committee_admin);
  ({ title } = await seedCertified(env.db, { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB }, admin));
  await env.db
    .update(organizations)
    .set({ secretary: '张三明', contactName: '李小红' })
    .where(eq(organizations.id, title.organizationId));
  // The seeded publicity's totals, given a score with a float tail to show the rounding.
  await env.db
    .update(evaluationTotals)
    .set({ finalScore: 91.456 })
    .where(eq(evaluationTotals.applicationId, title.applicationId));
  const ctx = ctxAt(admin, MARCH_2027);
  const round = await createRound(env.db, ctx, {
    name: '2027 年复评',
    year: 2027,
    standardBasis: 'awarded',
    selection: { mode: 'list', titleIds: [title.id] },
  });
  await recordOutcome(env.db, ctx, round.id, title.id, { outcome: 'keep' });
  env.clock.now = MARCH_2027;
});
afterAll(() => env.close());

describe('GET /api/honours/pool', () => {
  it('lists the active titles’ holders with their people, score, re-review and honours of the year', async () => {
    const committee = client(env.app, await login(env.app, 'cadmin'));
    const before = (await committee.get('/api/honours/pool?year=2027')).json() as PoolView;
    expect(before).toEqual({
      year: 2027,
      items: [
        {
          titleId: title.id,
          serial: title.serial,
          trackCode: 'site',
          trackNameZh: '基层党建工作示范点',
          orgKind: title.orgKind,
          awardYear: 2026,
          holderName: title.holderName,
          organizationId: title.organizationId,
          organizationName: title.organizationName,
          unitName: '市水务局机关党委',
          secretary: '张三明',
          contactName: '李小红',
          finalScore: 91.46,
          rereview: { roundName: '2027 年复评', outcome: 'keep', decidedAt: MARCH_2027.toISOString() },
          honoured: [],
        },
      ],
    });
    const rec = await committee.post('/api/honours', {
      year: 2027,
      kindCode: 'outstanding_worker',
      organizationId: title.organizationId,
      personName: '张三明',
      personPosition: '党支部书记',
      documentNo: '津党机工〔2027〕5号',
      awardedOn: '2027-06-28',
    });
    expect(rec.statusCode).toBe(201);
    const after = (await committee.get('/api/honours/pool?year=2027')).json() as PoolView;
    expect(after.items[0]!.honoured).toEqual(['outstanding_worker']);
    expect((await committee.get('/api/honours/pool?year=2026')).json().items[0].honoured).toEqual([]);
  });

  it('is the committee’s, and needs a year', async () => {
    const unit = client(env.app, await login(env.app, 'uadmin'));
    expect((await unit.get('/api/honours/pool?year=2027')).statusCode).toBe(403);
    const committee = client(env.app, await login(env.app, 'cadmin'));
    expect((await committee.get('/api/honours/pool')).statusCode).toBe(400);
  });
});
