/**
 * The unit's ranked list once the committee accepts some of it (issue 7 §1.1): accepted applications keep
 * their rank and stay in the ranking, read-only; the rank the page suggests is free; saving the order the
 * page shows succeeds; ranks stay unique and within the cap — over random sequences of recommend /
 * accept / return / withdraw / reorder (fast-check, through the API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inArray } from 'drizzle-orm';
import { applications } from '../../db/schema';
import {
  RANK_HOLDING_STATUSES,
  rankingView,
  rankLocked,
  suggestedRank,
} from '../../../../shared/src/domain/unit-ranking';
import type { ApplicationListItem } from '../../../../shared/src/contracts/applications';
import { appOf, setCap, setup, type Client, type Kit } from './test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await setup();
});
afterAll(() => kit.env.close());

/** What the page loads for the ranking: every application of the unit holding a rank. */
async function pageList(c: Client): Promise<ApplicationListItem[]> {
  const q = new URLSearchParams({
    campaignId: kit.campaign.id,
    trackCode: 'site',
    status: RANK_HOLDING_STATUSES.join(','),
    sort: 'unitRank',
    pageSize: '200',
  });
  const res = await c.get(`/api/applications?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function stored(ids: string[]) {
  const rows = await kit.env.db
    .select({ id: applications.id, status: applications.status, unitRank: applications.unitRank })
    .from(applications)
    .where(inArray(applications.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

describe('the unit ranking once an application is accepted', () => {
  it('recommends with the suggested rank, shows the accepted one at its rank and saves the page’s order', async () => {
    const u = await kit.freshUnit();
    await setCap(kit, u.unit.id, 3);
    const a = await appOf(kit, await u.branch(), { status: 'submitted' });
    const b = await appOf(kit, await u.branch(), { status: 'submitted' });
    const c = await appOf(kit, await u.branch(), { status: 'submitted' });
    const rec = (id: string, rank: number) =>
      u.c.post(`/api/applications/${id}/recommend`, { opinion: '同意推荐', rank });
    expect((await rec(a.id, 1)).statusCode).toBe(200);
    expect((await rec(b.id, 2)).statusCode).toBe(200);
    expect((await kit.c.committee.post(`/api/applications/${a.id}/accept`, {})).statusCode).toBe(200);
    // The committee returns b: rank 2 is free again, rank 1 stays with the accepted a.
    expect(
      (await kit.c.committee.post(`/api/applications/${b.id}/return`, { reason: '请补充材料' })).statusCode,
    ).toBe(200);

    const list = await pageList(u.c);
    expect(rankingView(list).map((r) => [r.item.id, r.rank, r.locked])).toEqual([[a.id, 1, true]]);
    expect(suggestedRank(list, 3)).toBe(2);
    const taken = await rec(c.id, 1);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0]).toMatchObject({
      code: 'rank_taken',
      message: '该推荐排序已被本单位其他申报占用；可选的推荐排序：2、3',
    });
    const outside = await rec(c.id, 4);
    expect(outside.json().error.details[0].message).toBe('推荐排序超出名额范围；可选的推荐排序：2、3');
    expect((await rec(c.id, 2)).statusCode).toBe(200);

    // The page sends the movable ones only; an accepted one in the order is refused with its rank.
    const view = rankingView(await pageList(u.c));
    expect(view.map((r) => [r.item.id, r.rank, r.locked])).toEqual([
      [a.id, 1, true],
      [c.id, 2, false],
    ]);
    const body = { campaignId: kit.campaign.id, trackCode: 'site' };
    const withLocked = await u.c.post('/api/applications/ranks', { ...body, order: [c.id, a.id] });
    expect(withLocked.statusCode).toBe(400);
    expect(withLocked.json().error.details).toEqual([
      {
        field: 'order.1',
        code: 'rank_locked',
        message: '该申报已被受理，保持推荐排序第 1 位，不能调整',
      },
    ]);
    const ok = await u.c.post('/api/applications/ranks', { ...body, order: [c.id] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items).toEqual([{ id: c.id, unitRank: 2 }]);
  });

  it('keeps ranks unique, within the cap, the accepted ones fixed and the page’s view the stored one, over random sequences', async () => {
    type Cmd =
      | { kind: 'recommend'; i: number; rank: number | 'suggested' }
      | { kind: 'accept' | 'return' | 'withdraw'; i: number }
      | { kind: 'reorder'; seed: number };
    const N = 5;
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({
        kind: fc.constant('recommend' as const),
        i: fc.nat(N - 1),
        rank: fc.oneof(fc.constant('suggested' as const), fc.integer({ min: 1, max: 5 })),
      }),
      fc.record({
        kind: fc.constantFrom('accept' as const, 'return' as const, 'withdraw' as const),
        i: fc.nat(N - 1),
      }),
      fc.record({ kind: fc.constant('reorder' as const), seed: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.array(cmd, { minLength: 4, maxLength: 14 }),
        async (cap, cmds) => {
          const u = await kit.freshUnit();
          await setCap(kit, u.unit.id, cap);
          const apps = [];
          for (let k = 0; k < N; k++) apps.push(await appOf(kit, await u.branch(), { status: 'submitted' }));
          const ids = apps.map((x) => x.id);
          const fixed = new Map<string, number | null>(); // accepted: the rank it must keep
          for (const c of cmds) {
            const before = await stored(ids);
            const list = await pageList(u.c);
            if (c.kind === 'recommend') {
              const id = ids[c.i]!;
              const rank = c.rank === 'suggested' ? suggestedRank(list, cap) : c.rank;
              const holding = [...before.values()].filter((r) => RANK_HOLDING_STATUSES.includes(r.status));
              const expectOk =
                before.get(id)!.status === 'submitted' &&
                holding.length < cap &&
                rank !== null &&
                rank <= cap &&
                !holding.some((h) => h.unitRank === rank);
              const res = await u.c.post(`/api/applications/${id}/recommend`, {
                opinion: '同意',
                rank: rank ?? 1,
              });
              expect(res.statusCode === 200, `${res.body} ${JSON.stringify(c)}`).toBe(expectOk);
              // The suggested rank is refused only for the status or a full list, never for the rank itself.
              if (c.rank === 'suggested' && before.get(id)!.status === 'submitted')
                expect(res.statusCode === 200).toBe(holding.length < cap);
            } else if (c.kind === 'accept') {
              const id = ids[c.i]!;
              const res = await kit.c.committee.post(`/api/applications/${id}/accept`, {});
              expect(res.statusCode === 200).toBe(before.get(id)!.status === 'recommended');
              if (res.statusCode === 200) fixed.set(id, before.get(id)!.unitRank);
            } else if (c.kind === 'return') {
              const id = ids[c.i]!;
              const st = before.get(id)!.status;
              const who = st === 'recommended' ? kit.c.committee : u.c;
              const res = await who.post(`/api/applications/${id}/return`, { reason: '请补充' });
              expect(res.statusCode === 200).toBe(st === 'submitted' || st === 'recommended');
            } else if (c.kind === 'withdraw') {
              const id = ids[c.i]!;
              const st = before.get(id)!.status;
              const res = await u.c.post(`/api/applications/${id}/withdraw`, {});
              expect(res.statusCode === 200).toBe(
                ['draft', 'submitted', 'recommended', 'returned'].includes(st),
              );
            } else if (c.kind === 'reorder') {
              // Shuffle the movable rows of the page's view and save, as the page does.
              const movable = rankingView(list)
                .filter((r) => !r.locked)
                .map((r) => r.item.id);
              const order = [...movable];
              let s = c.seed;
              for (let k = order.length - 1; k > 0; k--) {
                s = (s * 1103515245 + 12345) % 2147483648;
                const j = s % (k + 1);
                [order[k], order[j]] = [order[j]!, order[k]!];
              }
              if (order.length === 0) continue;
              const res = await u.c.post('/api/applications/ranks', {
                campaignId: kit.campaign.id,
                trackCode: 'site',
                order,
              });
              expect(res.statusCode, res.body).toBe(200);
              // The movable ones take, in the order sent, the smallest ranks the accepted ones leave free.
              const lockedRanks = new Set([...fixed.values()]);
              const free: number[] = [];
              for (let r = 1; free.length < order.length; r++) if (!lockedRanks.has(r)) free.push(r);
              const after = await stored(ids);
              expect(order.map((id) => after.get(id)!.unitRank)).toEqual(free);
            }
            // Invariants after every step.
            const now = await stored(ids);
            const holding = [...now.values()].filter((r) => RANK_HOLDING_STATUSES.includes(r.status));
            const ranks = holding.map((h) => h.unitRank);
            expect(holding.length).toBeLessThanOrEqual(cap);
            expect(ranks.every((r) => r !== null && r >= 1 && r <= cap)).toBe(true);
            expect(new Set(ranks).size).toBe(ranks.length);
            for (const [id, rank] of fixed) expect(now.get(id)!.unitRank).toBe(rank);
            // The page shows every ranked application at its stored rank, the accepted ones read-only.
            const view = rankingView(await pageList(u.c));
            expect(view.map((r) => [r.item.id, r.rank, r.locked]).sort()).toEqual(
              holding.map((h) => [h.id, h.unitRank, rankLocked(h.status)]).sort(),
            );
            for (const r of [...now.values()].filter((x) => !RANK_HOLDING_STATUSES.includes(x.status)))
              expect(r.unitRank).toBeNull();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
