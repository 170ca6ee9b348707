/**
 * The work desk (工作台): per role, what needs doing today in the caller's scope. Counts that a list
 * shows come from that list's own service with the same filter (its total), so the desk and the list
 * agree by construction; the rest are small aggregates of the desk's repo.
 */
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { chinaDay, chinaMidnight } from '../../core/time';
import {
  DESK_ITEMS,
  INTEGRITY_FAILURE_DAYS,
  PRIVILEGE_CHANGE_DAYS,
  type AuditDesk,
  type ApplicantDesk,
  type CommitteeCampaign,
  type CommitteeDesk,
  type Desk,
  type DeskStage,
  type ReviewerDesk,
  type SecurityDesk,
  type UnitDesk,
} from '../../../../shared/src/contracts/desk';
import type { ApplicationListQuery } from '../../../../shared/src/contracts/applications';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import * as applications from '../applications/service';
import { completenessOf } from '../applications/queries';
import * as accounts from '../accounts/service';
import { countEvents, dailyCounts, latestEvents, privilegeChanges } from '../audit/queries';
import * as campaigns from '../campaigns/service';
import { PAST_INTAKE, SELECTED } from '../campaigns/dashboard';
import * as cultivation from '../cultivation/service';
import * as repo from './repo';

const iso = (d: Date | string) => new Date(d).toISOString();

/** One page of an application list (newest change first) with its total. */
function applicationPage(db: Db, ctx: Ctx, filter: Partial<ApplicationListQuery>, pageSize = DESK_ITEMS) {
  return applications.list(db, ctx, { page: 1, pageSize, sort: '-updatedAt', ...filter });
}

const titleOf = (a: { brandName: string | null; venueName: string | null; orgName: string }) =>
  a.brandName || a.venueName || a.orgName;

async function applicantDesk(db: Db, ctx: Ctx): Promise<ApplicantDesk> {
  const returned = await applicationPage(db, ctx, { status: ['returned'] });
  const drafts = await applicationPage(db, ctx, { status: ['draft'] });
  const submitted = await applicationPage(db, ctx, { status: ['submitted'] }, 1);
  const ids = [...returned.items, ...drafts.items].map((a) => a.id);
  const facts = await completenessOf(db, scopeOf(ctx.actor, 'applications.read'), ids);
  const ref = (a: (typeof returned.items)[number]) => ({
    id: a.id,
    title: titleOf(a),
    campaignName: a.campaignName,
  });
  return {
    role: 'applicant',
    returned: {
      total: returned.total,
      items: returned.items.map((a) => ({ ...ref(a), reason: facts.get(a.id)?.returnedReason ?? null })),
    },
    drafts: {
      total: drafts.total,
      items: drafts.items.map((a) => ({
        ...ref(a),
        missing: facts.get(a.id)?.missing ?? 0,
        required: facts.get(a.id)?.required ?? 0,
      })),
    },
    submitted: submitted.total,
    deadlines: await repo.deadlines(db, ctx.now, ['open'], ['application_closes']),
  };
}

async function unitDesk(db: Db, ctx: Ctx): Promise<UnitDesk> {
  const scope = scopeOf(ctx.actor, 'applications.recommend');
  const pending = await applicationPage(db, ctx, { status: ['submitted'] }, 1);
  const current = await campaigns.current(db, ctx);
  const caps =
    scope.kind === 'unit'
      ? await repo.unitCaps(
          db,
          scope.unitId,
          current.items.map((c) => c.id),
        )
      : [];
  const cultivations = (milestones: 'due' | 'overdue') =>
    cultivation.list(db, ctx, { page: 1, pageSize: 1, milestones });
  return {
    role: 'unit_admin',
    pendingReview: pending.total,
    caps,
    milestonesDue: (await cultivations('due')).total,
    milestonesOverdue: (await cultivations('overdue')).total,
    deadlines: await repo.deadlines(db, ctx.now, ['open'], ['application_closes', 'recommendation_deadline']),
  };
}

const stageOf = (s: repo.StageProgressRow): DeskStage => ({
  id: s.id,
  nameZh: s.nameZh,
  nameEn: s.nameEn,
  status: s.status,
  opensAt: iso(s.opensAt),
  closesAt: iso(s.closesAt),
  assigned: s.assigned,
  locked: s.locked,
});

async function committeeCampaign(
  db: Db,
  ctx: Ctx,
  c: Awaited<ReturnType<typeof repo.activeCampaigns>>[number],
): Promise<CommitteeCampaign> {
  const intake = await applicationPage(db, ctx, { campaignId: c.id, status: ['recommended'] }, 1);
  const counts = new Map((await repo.statusCounts(db, c.id)).map((s) => [s.status, s.count]));
  const statuses: ApplicationStatus[] = [...counts.keys()];
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    recommendationDeadline: iso(c.recommendationDeadline),
    pendingIntake: intake.total,
    waitingUnits: await repo.waitingUnits(db, c.id),
    stages: (await repo.stageProgress(db, c.id)).map(stageOf),
    quotas: await repo.quotaFill(db, c.id, PAST_INTAKE, SELECTED),
    byStatus: statuses
      .filter((s) => counts.get(s)! > 0)
      .map((status) => ({ status, count: counts.get(status)! })),
  };
}

async function committeeDesk(db: Db, ctx: Ctx): Promise<CommitteeDesk> {
  const active = await repo.activeCampaigns(db);
  const items: CommitteeCampaign[] = [];
  for (const c of active) items.push(await committeeCampaign(db, ctx, c));
  return {
    role: 'committee_admin',
    campaigns: items,
    deadlines: await repo.deadlines(
      db,
      ctx.now,
      ['open', 'reviewing', 'deciding', 'publicity'],
      ['application_closes', 'recommendation_deadline', 'review_ends', 'publicity_ends'],
    ),
  };
}

async function securityDesk(db: Db, ctx: Ctx): Promise<SecurityDesk> {
  const accountsIn = async (state: 'locked' | 'must_change_password') =>
    (await accounts.listAccounts(db, ctx, { page: 1, pageSize: 1, state })).total;
  const since = new Date(ctx.now.getTime() - PRIVILEGE_CHANGE_DAYS * 86_400_000);
  const changes = await privilegeChanges(db, since, DESK_ITEMS);
  const roleOf = (v: unknown) => (typeof v === 'string' ? v : null);
  const failures = await latestEvents(
    db,
    {
      from: new Date(ctx.now.getTime() - INTEGRITY_FAILURE_DAYS * 86_400_000).toISOString(),
      action: 'evidence.integrity_failed',
    },
    DESK_ITEMS,
  );
  return {
    role: 'security_admin',
    locked: await accountsIn('locked'),
    mustChangePassword: await accountsIn('must_change_password'),
    privilegeChanges: {
      total: changes.total,
      items: changes.rows.map((e) => {
        const username = e.changes?.username;
        return {
          at: iso(e.at),
          actorName: e.actorName,
          action: e.action,
          accountId: e.objectId,
          accountName: roleOf(username?.after ?? username?.before) ?? null,
          roleBefore: roleOf(e.changes?.role?.before),
          roleAfter: roleOf(e.changes?.role?.after),
        };
      }),
    },
    integrityFailures: {
      total: failures.total,
      items: failures.rows.map((e) => ({
        at: iso(e.at),
        objectType: e.objectType,
        objectId: e.objectId,
        name: e.detail,
        actorName: e.actorName,
      })),
    },
  };
}

/** The audit desk's trend: the last `TREND_DAYS` Beijing days, oldest first, zeros where nothing happened. */
const TREND_DAYS = 7;
async function auditTrend(db: Db, now: Date): Promise<AuditDesk['days']> {
  const first = new Date(chinaMidnight(now).getTime() - (TREND_DAYS - 1) * 24 * 3600_000);
  const counted = new Map((await dailyCounts(db, first)).map((d) => [d.day, d]));
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const day = chinaDay(new Date(first.getTime() + i * 24 * 3600_000));
    return counted.get(day) ?? { day, denied: 0, failedLogins: 0, accountChanges: 0 };
  });
}

async function auditDesk(db: Db, ctx: Ctx): Promise<AuditDesk> {
  const from = chinaMidnight(ctx.now).toISOString();
  return {
    role: 'audit_admin',
    since: from,
    deniedRequests: await countEvents(db, { from, outcome: 'denied' }),
    failedLogins: await countEvents(db, { from, action: 'auth.login', outcome: 'failure' }),
    accountChanges: await countEvents(db, { from, action: 'accounts.' }),
    days: await auditTrend(db, ctx.now),
  };
}

async function reviewerDesk(db: Db, ctx: Ctx): Promise<ReviewerDesk> {
  const actor = requireActor(ctx);
  const stages = await repo.reviewerStages(db, actor.userId);
  return { role: 'reviewer', stages: stages.map((s) => ({ ...stageOf(s), campaignName: s.campaignName })) };
}

const DESKS = {
  applicant: applicantDesk,
  unit_admin: unitDesk,
  committee_admin: committeeDesk,
  security_admin: securityDesk,
  audit_admin: auditDesk,
  reviewer: reviewerDesk,
} as const;

export function desk(db: Db, ctx: Ctx): Promise<Desk> {
  return DESKS[requireActor(ctx).role](db, ctx);
}
