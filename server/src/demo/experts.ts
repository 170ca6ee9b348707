/**
 * The demo's expert pool (评审专家库): the `reviewer` account's profile and twelve more experts, made the
 * way the committee makes them — through the reviewers module's `createReviewer` / `updateReviewer`, so each
 * account and profile is the one the service writes, with its `accounts.create` and `reviewers.*` audit
 * events. Most experts belong to units of the demo tree (their own unit's applications are then conflicts,
 * derived live); a few come from outside. Like every demo account, they log in with the demo password.
 */
import { inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { users } from '../db/schema';
import type { Actor, Ctx } from '../core/context';
import { createReviewer, getReviewer, updateReviewer } from '../modules/reviewers/service';
import type { DemoData } from './build';

export interface ExpertSpec {
  username: string;
  displayName: string;
  /** A unit of the demo tree (by name), or null for an external expert. */
  organization: string | null;
  external?: string;
  title: string;
  expertise: string[];
  available?: boolean;
  availabilityNote?: string;
}

/** The `reviewer` demo account's profile (its account comes from `data.ts`). */
export const DEMO_REVIEWER_PROFILE: Omit<ExpertSpec, 'username' | 'displayName'> = {
  organization: '市政府研究室机关党总支',
  title: '研究员',
  expertise: ['党建', '基层治理'],
};

// prettier-ignore
export const EXPERTS: ExpertSpec[] = [
  { username: 'lihongmei', displayName: '李红梅', organization: '市委办公厅机关党委', title: '一级调研员', expertise: ['党建', '基层治理'] },
  { username: 'zhangzhenhua', displayName: '张振华', organization: '市发展改革委机关党委', title: '机关党委专职副书记', expertise: ['党建', '阵地建设'] },
  { username: 'wangxuemei', displayName: '王雪梅', organization: '市教委机关党委', title: '宣传处处长', expertise: ['宣传', '党建'] },
  { username: 'liudesheng', displayName: '刘德胜', organization: '市民政局机关党委', title: '二级巡视员', expertise: ['基层治理'] },
  { username: 'yanghuimin', displayName: '杨慧敏', organization: '市财政局机关党委', title: '机关纪委书记', expertise: ['党建'] },
  { username: 'zhaohongwei', displayName: '赵宏伟', organization: '市交通运输委机关党委', title: '组织处处长', expertise: ['阵地建设', '党建'] },
  { username: 'huangjunjie', displayName: '黄俊杰', organization: '市文化和旅游局机关党委', title: '公共服务处处长', expertise: ['阵地建设', '宣传'] },
  { username: 'zhouyulan', displayName: '周玉兰', organization: '市卫生健康委机关党委', title: '一级调研员', expertise: ['党建', '基层治理'], available: false, availabilityNote: '下半年借调参加巡视工作，暂不参加评审' },
  { username: 'wupengfei', displayName: '吴鹏飞', organization: '市总工会机关党委', title: '宣传教育部部长', expertise: ['宣传', '阵地建设'] },
  { username: 'xuminghui', displayName: '徐明辉', organization: null, external: '中共天津市委党校党建教研部', title: '教授', expertise: ['党建', '基层治理'] },
  { username: 'sunjingyi', displayName: '孙静怡', organization: null, external: '天津大学马克思主义学院', title: '副教授', expertise: ['党建', '宣传'] },
  { username: 'maxuejun', displayName: '马学军', organization: null, external: '南开大学周恩来政府管理学院', title: '教授', expertise: ['基层治理'] },
];

const email = (username: string) => `${username}@example.org`;

/** The committee's demo administrator acting (the experts are added by `admin`). */
function committeeActor(data: DemoData): Actor {
  const a = data.accounts.find((x) => x.username === 'admin')!;
  return {
    userId: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    organizationId: null,
    unitId: null,
    mustChangePassword: false,
  };
}

/**
 * Adds the experts and the `reviewer` account's profile through the reviewers service, as `admin` at `at`
 * (the demo's first day), in the caller's transaction; then gives the new accounts the demo password (the
 * one-time passwords the service issued are never shown). Returns the new accounts' ids in `EXPERTS` order.
 */
export async function seedExperts(
  tx: DbOrTx,
  data: DemoData,
  at: Date,
  demo: { passwordHash: string; now: Date },
): Promise<string[]> {
  const ctx: Ctx = { actor: committeeActor(data), ip: null, requestId: 'demo-seed', lang: 'zh-CN', now: at };
  const db = tx as unknown as Db;
  const orgId = (name: string | null) => {
    if (name === null) return null;
    const o = data.orgs.find((x) => x.name === name);
    if (!o) throw new Error(`demo experts: no organisation named ${name}`);
    return o.id;
  };
  const ids: string[] = [];
  for (const e of EXPERTS) {
    const { reviewer } = await createReviewer(db, ctx, {
      username: e.username,
      displayName: e.displayName,
      email: email(e.username),
      affiliationOrgId: orgId(e.organization),
      externalAffiliation: e.external ?? null,
      title: e.title,
      expertise: e.expertise,
      available: e.available ?? true,
      availabilityNote: e.availabilityNote ?? null,
    });
    ids.push(reviewer.id);
  }
  const demoReviewer = data.accounts.find((a) => a.username === 'reviewer')!;
  const current = await getReviewer(db, ctx, demoReviewer.id);
  await updateReviewer(db, ctx, demoReviewer.id, {
    version: current.version,
    affiliationOrgId: orgId(DEMO_REVIEWER_PROFILE.organization),
    title: DEMO_REVIEWER_PROFILE.title,
    expertise: DEMO_REVIEWER_PROFILE.expertise,
  });
  // Every demo account shares the demo password (README), set as the seed sets the others'.
  await tx
    .update(users)
    .set({
      passwordHash: demo.passwordHash,
      mustChangePassword: false,
      oneTimeExpiresAt: null,
      passwordChangedAt: demo.now,
    })
    .where(inArray(users.id, ids));
  return ids;
}
