/**
 * Fixtures for campaign-related tests: an open campaign using the default standards of migration 0003,
 * and applications inserted directly (bypassing the API) in any status.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import {
  applications,
  campaignQuotas,
  campaigns,
  campaignStandards,
  campaignTracks,
  criteria,
  standards,
  standardVersions,
} from '../src/db/schema';
import type { ApplicationStatus } from '../../shared/src/domain/application-workflow';
import type { OrgKind } from '../../shared/src/enums';

const DAY = 24 * 3600_000;

/** The default standard version (version 1) for a standard code: SITE-COMMITTEE, SITE-BRANCH or VENUE. */
export async function defaultStandard(db: Db, code: 'SITE-COMMITTEE' | 'SITE-BRANCH' | 'VENUE') {
  const [row] = await db
    .select({ versionId: standardVersions.id })
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(and(eq(standards.code, code), eq(standardVersions.version, 1)));
  const items = await db
    .select()
    .from(criteria)
    .where(eq(criteria.standardVersionId, row!.versionId))
    .orderBy(asc(criteria.position));
  return { versionId: row!.versionId, criteria: items };
}

/**
 * An open campaign whose application window runs from 30 days before `now` to 16 days after, with the
 * unit recommendation deadline 26 days after; tracks site (committee, general branch, branch) and venue.
 */
export async function seedOpenCampaign(
  db: Db,
  now: Date,
  opts: { year?: number; status?: 'draft' | 'open' } = {},
) {
  const t = now.getTime();
  const [c] = await db
    .insert(campaigns)
    .values({
      year: opts.year ?? now.getUTCFullYear(),
      name: `${opts.year ?? now.getUTCFullYear()}年度“双示范”创建`,
      status: opts.status ?? 'open',
      applicationOpensAt: new Date(t - 30 * DAY),
      applicationClosesAt: new Date(t + 16 * DAY),
      recommendationDeadline: new Date(t + 26 * DAY),
      reviewStartsAt: new Date(t + 36 * DAY),
      reviewEndsAt: new Date(t + 90 * DAY),
      publicityStartsAt: new Date(t + 95 * DAY),
      publicityEndsAt: new Date(t + 102 * DAY),
      openedAt: opts.status === 'draft' ? null : new Date(t - 30 * DAY),
    })
    .returning();
  const committee = await defaultStandard(db, 'SITE-COMMITTEE');
  const branch = await defaultStandard(db, 'SITE-BRANCH');
  const venue = await defaultStandard(db, 'VENUE');
  await db.insert(campaignTracks).values([
    { campaignId: c!.id, trackCode: 'site', eligibleKinds: ['party_committee', 'general_branch', 'branch'] },
    { campaignId: c!.id, trackCode: 'venue', eligibleKinds: [] },
  ]);
  await db.insert(campaignStandards).values([
    {
      campaignId: c!.id,
      trackCode: 'site',
      orgKind: 'party_committee',
      standardVersionId: committee.versionId,
    },
    {
      campaignId: c!.id,
      trackCode: 'site',
      orgKind: 'general_branch',
      standardVersionId: committee.versionId,
    },
    { campaignId: c!.id, trackCode: 'site', orgKind: 'branch', standardVersionId: branch.versionId },
    { campaignId: c!.id, trackCode: 'venue', orgKind: null, standardVersionId: venue.versionId },
  ]);
  await db.insert(campaignQuotas).values([
    { campaignId: c!.id, trackCode: 'site', orgKind: 'party_committee', quota: 4 },
    { campaignId: c!.id, trackCode: 'site', orgKind: 'general_branch', quota: 3 },
    { campaignId: c!.id, trackCode: 'site', orgKind: 'branch', quota: 30 },
    { campaignId: c!.id, trackCode: 'venue', orgKind: null, quota: 32 },
  ]);
  return { campaign: c!, standards: { committee, branch, venue } };
}

/** Inserts a site application for an organisation, in any status (fixtures only). */
export async function insertApplication(
  db: Db,
  a: {
    campaignId: string;
    organization: { id: string; unitId: string | null; kind: OrgKind };
    standardVersionId: string;
    status?: ApplicationStatus;
    brandName?: string;
  },
) {
  const [row] = await db
    .insert(applications)
    .values({
      campaignId: a.campaignId,
      trackCode: 'site',
      subjectId: a.organization.id,
      organizationId: a.organization.id,
      unitId: a.organization.unitId!,
      orgKind: a.organization.kind,
      standardVersionId: a.standardVersionId,
      status: a.status ?? 'draft',
      brandName: a.brandName ?? null,
    })
    .returning();
  return row!;
}
