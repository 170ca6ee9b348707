/**
 * The 蓄水池 report through the API on PGlite, exact values: a branch of unit A holds a site title from
 * 2026-10-13 (certified after publicity), revoked in a re-review on 2027-03-01. Its honours count while
 * the title stands (organisation and person honours alike), not before it nor from the revocation's day;
 * B1's, unit A's own and a sibling branch's never.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { actorOf } from '../decisions/test-kit';
import { ctxAt, seedCertified } from '../titles/test-kit';
import { createRound } from '../rereviews/service';
import { recordOutcome } from '../rereviews/outcomes';
import { create } from './service';

let env: TestEnv;

/** 2027-03-01 10:00 in China. */
const MARCH_2027 = new Date('2027-03-01T02:00:00.000Z');

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const admin = actorOf(users.committee_admin);
  const c = await seedCertified(env.db, { a1: tree.a1, unitA: tree.unitA, unitB: tree.unitB }, admin);
  const ctx = ctxAt(admin, MARCH_2027);
  const round = await createRound(env.db, ctx, {
    name: '2027 年复评',
    year: 2027,
    standardBasis: 'awarded',
    selection: { mode: 'list', titleIds: [c.title.id] },
  });
  await recordOutcome(env.db, ctx, round.id, c.title.id, { outcome: 'revoke', reason: '整改不力' });
  const held = c.title.organizationId;
  const a2 = await insertOrg(env.db, {
    code: 'A2',
    name: '市水务局办公室党支部',
    kind: 'branch',
    parent: tree.unitA,
  });
  const record = (organizationId: string, year: number, awardedOn: string, person?: string) =>
    create(env.db, ctx, {
      year,
      kindCode: person ? 'outstanding_worker' : 'advanced_org',
      organizationId,
      personName: person ?? null,
      documentNo: `津党机工〔${year}〕1号`,
      awardedOn,
    });
  await record(held, 2026, '2026-10-12'); // the day before the title: not from the pool
  await record(held, 2026, '2026-10-13', '张三明'); // the title's first day
  await record(tree.b1.id, 2026, '2026-12-01');
  await record(tree.unitA.id, 2026, '2026-12-01'); // the unit itself holds none
  await record(held, 2027, '2027-02-28'); // the day before the revocation
  await record(held, 2027, '2027-03-01', '李四'); // the revocation's day: no longer
  await record(a2.id, 2027, '2027-01-10'); // A2's unit holds none either (the holder is a sibling)
  env.clock.now = MARCH_2027;
});
afterAll(() => env.close());

describe('GET /api/honours/reservoir', () => {
  it('gives per year the share from the pool, per kind and per track and org kind', async () => {
    const res = await client(env.app, await login(env.app, 'cadmin')).get('/api/honours/reservoir');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      years: [
        {
          year: 2026,
          total: 4,
          fromPool: 1,
          share: 0.25,
          byKind: [
            { kindCode: 'advanced_org', kindNameZh: '先进基层党组织', total: 3, fromPool: 0, share: 0 },
            { kindCode: 'outstanding_worker', kindNameZh: '优秀党务工作者', total: 1, fromPool: 1, share: 1 },
          ],
          byTrack: [{ trackCode: 'site', trackNameZh: '基层党建工作示范点', orgKind: 'branch', honours: 1 }],
        },
        {
          year: 2027,
          total: 3,
          fromPool: 1,
          share: 0.3333,
          byKind: [
            { kindCode: 'advanced_org', kindNameZh: '先进基层党组织', total: 2, fromPool: 1, share: 0.5 },
            { kindCode: 'outstanding_worker', kindNameZh: '优秀党务工作者', total: 1, fromPool: 0, share: 0 },
          ],
          byTrack: [{ trackCode: 'site', trackNameZh: '基层党建工作示范点', orgKind: 'branch', honours: 1 }],
        },
      ],
    });
  });

  it('is the committee’s: a unit admin 403', async () => {
    const res = await client(env.app, await login(env.app, 'uadmin')).get('/api/honours/reservoir');
    expect(res.statusCode).toBe(403);
  });
});
