import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations, users } from '../../db/schema';
import {
  client,
  insertUser,
  login,
  makeTestEnv,
  PASSWORD,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { seedOpenCampaign } from '../../../test/campaign-fixtures';

let env: TestEnv;
let tree: Awaited<ReturnType<typeof seedTree>>;
let seeded: Awaited<ReturnType<typeof seedUsers>>;
const as: Record<string, ReturnType<typeof client>> = {};
const MINUTE = 60_000;

/** Display names unlike the usernames, so the answer shows which one it carries. */
const NAMES: Record<string, string> = {
  cadmin: '王建华',
  cadmin2: '李卫东',
  uadmin: '赵文静',
  uadmin2: '钱国栋',
  rev: '陈思远',
  secadmin: '孙立群',
};

beforeAll(async () => {
  env = await makeTestEnv();
  tree = await seedTree(env.db);
  seeded = await seedUsers(env.db, tree);
  await insertUser(env.db, { username: 'cadmin2', role: 'committee_admin' });
  await insertUser(env.db, {
    username: 'uadmin2',
    role: 'unit_admin',
    organizationId: tree.unitA.id,
    unitId: tree.unitA.id,
  });
  for (const [username, displayName] of Object.entries(NAMES)) {
    await env.db.update(users).set({ displayName }).where(eq(users.username, username));
    as[username] = client(env.app, await login(env.app, username));
  }
});
afterAll(() => env.close());

/** Moves the clock on and returns the new time: each edit below happens at its own instant. */
function tick(): string {
  env.clock.advance(MINUTE);
  return env.clock.now.toISOString();
}

/** The 409 body, exactly (the request id aside). */
function conflict(currentVersion: number, updatedAt: string, updatedByName: string | null) {
  return {
    error: {
      code: 'VERSION_CONFLICT',
      message: '该记录已被他人修改，请刷新后重试',
      requestId: expect.any(String),
      currentVersion,
      updatedAt,
      updatedByName,
    },
  };
}

describe('a 409 VERSION_CONFLICT names who made the newer version, from the audit trail', () => {
  it('organisations: the unit admin’s edit, refused to the committee admin', async () => {
    const at = tick();
    const first = await as.uadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      secretary: '张三',
      version: 1,
    });
    expect(first.statusCode).toBe(200);
    tick();
    const stale = await as.cadmin!.patch(`/api/organizations/${tree.a1.id}`, {
      secretary: '李四',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, '赵文静'));
    // A move checks the version on the same path.
    const move = await as.cadmin!.post(`/api/organizations/${tree.a1.id}/move`, {
      parentId: tree.unitB.id,
      version: 1,
    });
    expect(move.json()).toEqual(conflict(2, at, '赵文静'));
  });

  it('organisations: null when the newer version has no audit event of its own', async () => {
    const at = tick();
    await env.db
      .update(organizations)
      .set({ version: 2, updatedAt: env.clock.now })
      .where(eq(organizations.id, tree.b1.id));
    const stale = await as.cadmin!.patch(`/api/organizations/${tree.b1.id}`, {
      secretary: '李四',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, null));
  });

  it('venues: the unit admin’s edit, refused to the committee admin', async () => {
    const created = await as.uadmin!.post('/api/venues', { organizationId: tree.a1.id, name: '党建长廊' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const at = tick();
    expect((await as.uadmin!.patch(`/api/venues/${id}`, { capacity: 40, version: 1 })).statusCode).toBe(200);
    tick();
    const stale = await as.cadmin!.patch(`/api/venues/${id}`, { capacity: 50, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, '赵文静'));
  });

  it('campaigns: one committee admin’s edit, refused to another’s edit and transition', async () => {
    const { campaign } = await seedOpenCampaign(env.db, env.clock.now, { status: 'draft' });
    const at = tick();
    expect(
      (await as.cadmin!.patch(`/api/campaigns/${campaign.id}`, { name: 'A', version: 1 })).statusCode,
    ).toBe(200);
    tick();
    const edit = await as.cadmin2!.patch(`/api/campaigns/${campaign.id}`, { name: 'B', version: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toEqual(conflict(2, at, '王建华'));
    const open = await as.cadmin2!.post(`/api/campaigns/${campaign.id}/transition`, {
      to: 'open',
      version: 1,
    });
    expect(open.statusCode).toBe(409);
    expect(open.json()).toEqual(conflict(2, at, '王建华'));
  });

  it('standards: one committee admin’s new version, refused to another', async () => {
    const created = await as.cadmin!.post('/api/standards', content('CN-1'));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const { code: _code, track: _track, ...edit } = content('CN-1');
    const at = tick();
    expect((await as.cadmin2!.put(`/api/standards/${id}`, { ...edit, latestVersion: 1 })).statusCode).toBe(
      200,
    );
    tick();
    const stale = await as.cadmin!.put(`/api/standards/${id}`, { ...edit, latestVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, '李卫东'));
  });

  it('cultivation candidates: one unit admin’s edit, refused to the other', async () => {
    const created = await as.uadmin!.post('/api/cultivations', {
      trackCode: 'site',
      organizationId: tree.a1.id,
      plan: '三年创建计划',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const at = tick();
    expect(
      (await as.uadmin2!.patch(`/api/cultivations/${id}`, { plan: '新计划', version: 1 })).statusCode,
    ).toBe(200);
    tick();
    const stale = await as.uadmin!.patch(`/api/cultivations/${id}`, { plan: '旧页面', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, '钱国栋'));
  });

  it('accounts: the security admin’s edit, refused to the committee admin’s edit, reset and unlock', async () => {
    const id = seeded.applicant.id;
    const at = tick();
    const first = await as.secadmin!.patch(`/api/accounts/${id}`, { displayName: '刘海涛', version: 1 });
    expect(first.statusCode).toBe(200);
    // The applicant logging in at the same instant changes nothing of the account: not named.
    await login(env.app, 'appl');
    tick();
    const edit = await as.cadmin!.patch(`/api/accounts/${id}`, { displayName: '刘海', version: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toEqual(conflict(2, at, '孙立群'));
    const reset = await as.cadmin!.post(`/api/accounts/${id}/reset-password`, { version: 1 });
    expect(reset.json()).toEqual(conflict(2, at, '孙立群'));
    const unlock = await as.cadmin!.post(`/api/accounts/${id}/unlock`, { version: 1 });
    expect(unlock.json()).toEqual(conflict(2, at, '孙立群'));
  });

  it('accounts: a user’s own password change names the user', async () => {
    const at = tick();
    const changed = await as.rev!.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Neues-Kennwort-2027',
    });
    expect(changed.statusCode).toBe(200);
    tick();
    const stale = await as.cadmin!.patch(`/api/accounts/${seeded.reviewer.id}`, {
      displayName: '陈专家',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual(conflict(2, at, '陈思远'));
  });
});

function content(code: string) {
  const item = (titleZh: string, maxPoints: number, extra: Record<string, unknown> = {}) => ({
    titleZh,
    titleEn: `${titleZh} (en)`,
    maxPoints,
    methods: ['实地查看'],
    ...extra,
  });
  return {
    code,
    track: 'site',
    orgKinds: ['branch'],
    nameZh: '机关党支部示范点标准（试行）',
    nameEn: 'Trial site standard for branches',
    criteria: [
      item('班子好', 40),
      item('队伍好', 30),
      item('业绩好', 30),
      item('特色亮点', 5, { bonus: true }),
    ],
  };
}
