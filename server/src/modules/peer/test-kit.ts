/**
 * Fixtures for the peer and presentation tests (and their matrix rows): a stage of any method inserted
 * directly, applications with their applicant accounts, and the stage's entrants (`stage_results` rows),
 * so these modules' tests do not wait for the stages module's opening rules.
 */
import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, sessions, stageResults, stages } from '../../db/schema';
import { hashToken } from '../auth/service';
import { client, insertOrg, insertUser } from '../../../test/helpers';
import { insertApplication } from '../../../test/campaign-fixtures';
import { SESSION_COOKIE } from '../../../../shared/src/contracts/auth';
import type { FastifyInstance } from 'fastify';
import type { StageMethod } from '../../../../shared/src/domain/stages';
import type { OrgKind } from '../../../../shared/src/enums';

const DAY = 24 * 3600_000;
const uniq = () => crypto.randomBytes(4).toString('hex');

/** An open stage of the campaign (window: yesterday to ten days ahead) with the given settings. */
export async function insertStage(
  db: Db,
  now: Date,
  campaignId: string,
  method: StageMethod,
  settings: Partial<typeof stages.$inferInsert> = {},
) {
  const [{ n }] = (await db.select({ n: count() }).from(stages).where(eq(stages.campaignId, campaignId))) as [
    { n: number },
  ];
  const [row] = await db
    .insert(stages)
    .values({
      campaignId,
      position: n + 1,
      nameZh: method === 'peer' ? '互比互评' : '现场讲述',
      nameEn: method === 'peer' ? 'Peer mutual evaluation' : 'Live presentation',
      method,
      opensAt: new Date(now.getTime() - DAY),
      closesAt: new Date(now.getTime() + 10 * DAY),
      weight: 0.1,
      rubric: 'overall',
      status: 'open',
      openedAt: now,
      ...settings,
    })
    .returning();
  return row!;
}

/** A session cookie for a user, without the login route (its rate limits are not this test's business). */
export async function sessionCookie(db: Db, userId: string, now: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 30 * DAY),
  });
  return `${SESSION_COOKIE}=${token}`;
}

export async function clientOf(app: FastifyInstance, db: Db, userId: string, now: Date) {
  return client(app, await sessionCookie(db, userId, now));
}

type Parent = Parameters<typeof insertOrg>[1]['parent'];

/**
 * A branch under `parent` (a unit) with an `in_review` site application and an applicant account;
 * `unit: true` makes a new unit under `parent` (the root) first, so each member has a unit of its own.
 */
export async function member(
  db: Db,
  campaign: { id: string; standardVersionId: string },
  parent: NonNullable<Parent>,
  opts: { unit?: boolean; name?: string } = {},
) {
  const unitParent = opts.unit
    ? await insertOrg(db, { code: `U${uniq()}`, name: `测试单位${uniq()}`, kind: 'party_committee', parent })
    : parent;
  const org = await insertOrg(db, {
    code: `B${uniq()}`,
    name: opts.name ?? `测试党支部${uniq()}`,
    kind: 'branch',
    parent: unitParent,
  });
  const application = await insertApplication(db, {
    campaignId: campaign.id,
    organization: { id: org.id, unitId: org.unitId, kind: 'branch' },
    standardVersionId: campaign.standardVersionId,
    status: 'in_review',
  });
  const applicant = await insertUser(db, {
    username: `p${uniq()}`,
    role: 'applicant',
    organizationId: org.id,
    unitId: org.unitId,
  });
  return { org, application, applicant };
}

/** Enters applications into a stage (its `stage_results` rows, as opening the stage would). */
export async function enter(
  db: Db,
  stage: { id: string; campaignId: string },
  apps: readonly {
    id: string;
    trackCode: string;
    orgKind: OrgKind;
    unitId: string;
  }[],
  now: Date,
) {
  if (apps.length === 0) return;
  await db.insert(stageResults).values(
    apps.map((a) => ({
      stageId: stage.id,
      applicationId: a.id,
      campaignId: stage.campaignId,
      trackCode: a.trackCode,
      orgKind: a.orgKind,
      unitId: a.unitId,
      enteredAt: now,
      updatedAt: now,
    })),
  );
}

export async function auditCount(db: Db, action: string): Promise<number> {
  const [{ n }] = (await db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.action, action))) as [{ n: number }];
  return n;
}
