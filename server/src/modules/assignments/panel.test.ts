import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, draws, stageReviewers, users } from '../../db/schema';
import { client, login, makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';
import { insertAssignment, seedEntrant, seedReviewer, seedStage } from '../reviewers/test-kit';
import { sample } from '../../../../shared/src/domain/evaluation';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let committee: ReturnType<typeof client>;
let stage: Awaited<ReturnType<typeof seedStage>>;
let seeded: Awaited<ReturnType<typeof seedOpenCampaign>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  const u = await seedUsers(env.db, tree);
  // The seeded `rev` has no profile: it counts as available with no tags; make it unavailable here.
  await env.db.update(users).set({ disabled: true }).where(eq(users.id, u.reviewer.id));
  seeded = await seedOpenCampaign(env.db, env.clock.now);
  stage = await seedStage(env.db, seeded.campaign.id, env.clock.now);
  const spec: [string, typeof tree.a1 | null, string[], boolean][] = [
    ['e1', tree.a1, ['党建'], true],
    ['e2', tree.b1, ['党建', '财务'], true],
    ['e3', null, ['财务'], true],
    ['e4', tree.unitA, [], true],
    ['e5', null, ['党建'], true],
    ['away', null, ['党建'], false],
  ];
  for (const [name, org, tags, available] of spec)
    ids[name] = (await seedReviewer(env.db, name, org, { expertise: tags, available })).id;
  committee = client(env.app, await login(env.app, 'cadmin'));
});
afterAll(() => env.close());

const written = async () => ({
  draws: (await env.db.select({ n: count() }).from(draws))[0]!.n,
  panel: (await env.db.select({ n: count() }).from(stageReviewers))[0]!.n,
  events: (await env.db.select({ n: count() }).from(auditEvents))[0]!.n,
});
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const pool = () => ['e1', 'e2', 'e3', 'e4', 'e5'].map((n) => ids[n]!).sort();

describe('panel draw (随机抽取)', () => {
  let drawId: string;

  it('previews without writing anything; the same seed gives the same panel', async () => {
    const before = await written();
    const url = `/api/stages/${stage.id}/panel/draw`;
    const a = await committee.post(url, { count: 3, seed: 7, preview: true });
    expect(a.statusCode).toBe(200);
    const expected = sample(pool(), 3, 7);
    expect(a.json()).toMatchObject({ preview: true, seed: 7, candidates: 5, drawId: null });
    expect(a.json().reviewers.map((r: { id: string }) => r.id)).toEqual(expected);
    const b = await committee.post(url, { count: 3, seed: 7, preview: true });
    expect(b.json()).toEqual(a.json());
    const random = await committee.post(url, { count: 2, preview: true });
    expect(random.json().seed).toEqual(expect.any(Number));
    expect(random.json().reviewers.map((r: { id: string }) => r.id)).toEqual(
      sample(pool(), 2, random.json().seed),
    );
    const byTag = await committee.post(url, { count: 2, seed: 5, tags: ['财务'], preview: true });
    expect(byTag.json().candidates).toBe(2);
    expect(byTag.json().reviewers.map((r: { id: string }) => r.id)).toEqual(
      sample([ids.e2!, ids.e3!].sort(), 2, 5),
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a commit without the seed, and a count above the candidates: nothing written', async () => {
    const before = await written();
    const url = `/api/stages/${stage.id}/panel/draw`;
    const noSeed = await committee.post(url, { count: 3, preview: false });
    expect(noSeed.statusCode).toBe(400);
    expect(noSeed.json().error.details[0]).toMatchObject({ field: 'seed', code: 'required' });
    const tooMany = await committee.post(url, { count: 3, seed: 1, tags: ['财务'], preview: false });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.details[0]).toMatchObject({ field: 'count', code: 'too_few_candidates' });
    expect(await written()).toEqual(before);
  });

  it('commits with the previewed seed: the same panel, a recorded draw with SHA-256 digests', async () => {
    const before = await written();
    const preview = await committee.post(`/api/stages/${stage.id}/panel/draw`, {
      count: 3,
      seed: 7,
      preview: true,
    });
    const res = await committee.post(`/api/stages/${stage.id}/panel/draw`, {
      count: 3,
      seed: 7,
      preview: false,
    });
    expect(res.statusCode).toBe(200);
    drawId = res.json().drawId;
    expect(res.json()).toEqual({ ...preview.json(), preview: false, drawId });
    const [row] = await env.db.select().from(draws).where(eq(draws.id, drawId));
    expect(row).toMatchObject({ kind: 'panel', seed: 7, stageId: stage.id });
    expect(row!.inputs).toEqual({
      algorithm: 'xoroshiro128plus-uniformint-fisher-yates/1',
      stageId: stage.id,
      count: 3,
      tags: [],
      candidates: pool(),
    });
    expect(row!.result).toEqual({ reviewerIds: sample(pool(), 3, 7) });
    const canonical = `{"reviewerIds":[${sample(pool(), 3, 7)
      .map((id) => `"${id}"`)
      .join(',')}]}`;
    expect(row!.resultDigest).toBe(sha(canonical));
    expect(res.json().resultDigest).toBe(row!.resultDigest);
    const panel = (await committee.get(`/api/stages/${stage.id}/panel`)).json();
    expect(panel.items.map((m: { reviewerId: string }) => m.reviewerId).sort()).toEqual(
      sample(pool(), 3, 7).sort(),
    );
    expect(panel.items.every((m: { drawId: string }) => m.drawId === drawId)).toBe(true);
    expect(await written()).toEqual({
      draws: before.draws + 1,
      panel: before.panel + 3,
      events: before.events + 1,
    });
    const get = await committee.get(`/api/draws/${drawId}`);
    expect(get.json()).toMatchObject({ id: drawId, kind: 'panel', seed: 7, createdByName: 'cadmin' });
    // A second draw only takes from those not on the panel yet.
    const more = await committee.post(`/api/stages/${stage.id}/panel/draw`, {
      count: 1,
      seed: 3,
      preview: true,
    });
    const rest = pool().filter((id) => !sample(pool(), 3, 7).includes(id));
    expect(more.json().candidates).toBe(2);
    expect(more.json().reviewers.map((r: { id: string }) => r.id)).toEqual(sample(rest, 1, 3));
  });

  it('verifies a draw with its seed, and refuses another seed (DRAW_MISMATCH) or a tampered record', async () => {
    const ok = await committee.post(`/api/draws/${drawId}/verify`, { seed: 7 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ reproduced: true, rerun: true, seed: 7 });
    const before = await written();
    const other = await committee.post(
      `/api/draws/${drawId}/verify`,
      { seed: 8 },
      { 'accept-language': 'en' },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'DRAW_MISMATCH' });
    expect(other.json().error.details[0]).toMatchObject({
      field: 'seed',
      message: 'Seed 8 is not the seed recorded for this draw',
    });
    expect(await written()).toEqual(before);
    expect((await committee.post(`/api/draws/${drawId}/verify`, { seed: -1 })).statusCode).toBe(400);
    expect((await committee.post(`/api/draws/${crypto.randomUUID()}/verify`, { seed: 7 })).statusCode).toBe(
      404,
    );
    // Someone edits the recorded result and its digest: the re-run tells.
    const [row] = await env.db.select().from(draws).where(eq(draws.id, drawId));
    const forged = { reviewerIds: [...(row!.result as { reviewerIds: string[] }).reviewerIds].reverse() };
    const { digest } = await import('./draws');
    await env.db
      .update(draws)
      .set({ result: forged, resultDigest: digest(forged) })
      .where(eq(draws.id, drawId));
    const tampered = await committee.post(`/api/draws/${drawId}/verify`, { seed: 7 });
    expect(tampered.statusCode).toBe(409);
    expect(tampered.json().error.code).toBe('DRAW_MISMATCH');
    await env.db
      .update(draws)
      .set({ result: row!.result, resultDigest: row!.resultDigest })
      .where(eq(draws.id, drawId));
  });

  it('adds and removes experts by hand; one with assignments stays; a closed stage is final', async () => {
    const url = `/api/stages/${stage.id}/panel`;
    const add = await committee.post(url, { reviewerId: ids.away });
    expect(add.statusCode).toBe(200);
    expect(add.json().items.find((m: { reviewerId: string }) => m.reviewerId === ids.away)).toMatchObject({
      drawId: null,
      available: false,
      load: 0,
    });
    expect((await committee.post(url, { reviewerId: ids.away })).json().error.code).toBe('DUPLICATE');
    expect((await committee.post(url, { reviewerId: tree.a1.id })).statusCode).toBe(404);
    expect((await committee.delete(`${url}/${ids.away}`)).statusCode).toBe(204);
    expect((await committee.delete(`${url}/${ids.away}`)).statusCode).toBe(404);
    const member = sample(pool(), 3, 7)[0]!;
    const app = await seedEntrant(env.db, stage, tree.b1, seeded.standards.branch.versionId);
    await insertAssignment(env.db, stage, app, member);
    const busy = await committee.delete(`${url}/${member}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.details[0].code).toBe('has_assignments');
    const closed = await seedStage(env.db, seeded.campaign.id, env.clock.now, { status: 'closed' });
    const late = await committee.post(`/api/stages/${closed.id}/panel`, { reviewerId: ids.e1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('STAGE_CLOSED');
  });
});
