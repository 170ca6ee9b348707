/**
 * Fixtures for this module's tests: the seeded tree and accounts (plus unit B's admin and applicant),
 * an open campaign, logged-in clients, and applications made complete enough to submit.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, campaignUnitCaps, criteria, evidenceFiles, selfAssessments } from '../../db/schema';
import {
  client,
  insertOrg,
  insertUser,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../../../shared/src/enums';

export type Client = ReturnType<typeof client>;

export async function setup() {
  const env: TestEnv = await makeTestEnv();
  const tree = await seedTree(env.db);
  const users = await seedUsers(env.db, tree);
  const uadminB = await insertUser(env.db, {
    username: 'uadminb',
    role: 'unit_admin',
    organizationId: tree.unitB.id,
    unitId: tree.unitB.id,
  });
  const applB = await insertUser(env.db, {
    username: 'applb',
    role: 'applicant',
    organizationId: tree.b1.id,
    unitId: tree.unitB.id,
  });
  const seeded = await seedOpenCampaign(env.db, env.clock.now);
  const as = async (username: string) => client(env.app, await login(env.app, username));
  const c = {
    committee: await as('cadmin'),
    unitA: await as('uadmin'),
    applA: await as('appl'),
    unitB: await as('uadminb'),
    applB: await as('applb'),
    reviewer: await as('rev'),
  };
  let n = 0;
  /** A new branch under unit A (or B) with its own applicant account. */
  const branch = async (unit: 'A' | 'B' = 'A', kind: 'branch' | 'general_branch' = 'branch') => {
    n++;
    return insertOrg(env.db, {
      code: `T${n}${crypto.randomBytes(2).toString('hex')}`,
      name: `测试${kind === 'branch' ? '党支部' : '党总支'}${n}`,
      kind,
      parent: unit === 'A' ? tree.unitA : tree.unitB,
    });
  };
  /** A logged-in applicant account of `org`. */
  const applicantOf = async (org: { id: string; unitId: string | null }) => {
    n++;
    const u = await insertUser(env.db, {
      username: `appl${n}`,
      role: 'applicant',
      organizationId: org.id,
      unitId: org.unitId,
    });
    return { user: u, c: await as(u.username) };
  };
  /** A new unit (直属党组织) under the committee with its own logged-in admin. */
  const freshUnit = async () => {
    n++;
    const unit = await insertOrg(env.db, {
      code: `U${n}${crypto.randomBytes(2).toString('hex')}`,
      name: `测试直属机关党委${n}`,
      kind: 'party_committee',
      parent: tree.root,
    });
    const admin = await insertUser(env.db, {
      username: `uadm${n}`,
      role: 'unit_admin',
      organizationId: unit.id,
      unitId: unit.id,
    });
    const sub = () => {
      n++;
      return insertOrg(env.db, {
        code: `S${n}${crypto.randomBytes(2).toString('hex')}`,
        name: `测试支部${n}`,
        kind: 'branch',
        parent: unit,
      });
    };
    return { unit, admin, c: await as(admin.username), branch: sub };
  };
  return {
    env,
    tree,
    users: { ...users, uadminB, applB },
    campaign: seeded.campaign,
    standards: seeded.standards,
    c,
    as,
    branch,
    applicantOf,
    freshUnit,
  };
}
export type Kit = Awaited<ReturnType<typeof setup>>;

/** Self-assesses every criterion at full marks and attaches one evidence file where one is required. */
export async function makeComplete(db: Db, app: { id: string; unitId: string; standardVersionId: string }) {
  const items = await db.select().from(criteria).where(eq(criteria.standardVersionId, app.standardVersionId));
  await db
    .update(applications)
    .set({ brandName: '“红色引擎”党建品牌', summary: '坚持党建引领，推动党建与业务深度融合。' })
    .where(eq(applications.id, app.id));
  await db.insert(selfAssessments).values(
    items.map((c) => ({
      applicationId: app.id,
      criterionId: c.id,
      unitId: app.unitId,
      score: c.maxPoints,
    })),
  );
  const needed = items.filter((c) => c.evidenceRequired);
  if (needed.length)
    await db.insert(evidenceFiles).values(
      needed.map((c) => ({
        applicationId: app.id,
        criterionId: c.id,
        unitId: app.unitId,
        originalName: `${c.titleZh}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 2048,
        sha256: crypto.randomBytes(32).toString('hex'),
        storageKey: `test/${crypto.randomUUID()}`,
      })),
    );
  return items;
}

/** A site application of `org` in the kit's campaign, in any status, optionally complete. */
export async function appOf(
  kit: Kit,
  org: { id: string; unitId: string | null; kind: OrgKind },
  opts: { status?: ApplicationStatus; complete?: boolean; unitRank?: number } = {},
) {
  const std = org.kind === 'branch' ? kit.standards.branch : kit.standards.committee;
  const row = await insertApplication(kit.env.db, {
    campaignId: kit.campaign.id,
    organization: org,
    standardVersionId: std.versionId,
    status: opts.status ?? 'draft',
  });
  if (opts.complete) await makeComplete(kit.env.db, row);
  if (opts.unitRank !== undefined)
    await kit.env.db.update(applications).set({ unitRank: opts.unitRank }).where(eq(applications.id, row.id));
  return row;
}

export async function setCap(kit: Kit, unitId: string, cap: number, trackCode = 'site') {
  await kit.env.db
    .insert(campaignUnitCaps)
    .values({ campaignId: kit.campaign.id, trackCode, unitId, cap })
    .onConflictDoUpdate({
      target: [campaignUnitCaps.campaignId, campaignUnitCaps.trackCode, campaignUnitCaps.unitId],
      set: { cap },
    });
}

export const idem = () => ({ 'idempotency-key': `k-${crypto.randomUUID()}` });
