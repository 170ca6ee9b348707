/**
 * The application-list benchmark's data: 100,000 applications written straight into the tables with
 * chunked `unnest` inserts. The organisations come from `generateRows` (bench/generate.ts): 100 units,
 * each with its first 5 general branches and their 45 branches (5,100 organisations, Chinese names such
 * as 河西区水务局规划发展处第三党支部), ~28,000 venues (活动室, 教育基地 … of those organisations),
 * three campaigns (2024 closed, 2025 deciding, 2026 open). Every organisation applies in the `site`
 * track of every campaign and the venues fill the `venue` track up to 100,000; statuses follow the
 * campaign's age, half the applications carry a brand name (先锋驿站, 红色引擎 …). Deterministic (seeded).
 *
 * Besides writing, it returns what the request mix needs: the campaigns, units and the number of
 * applications per (campaign, track, kind, status), so the benchmark can ask for real deep pages.
 */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../server/src/db/client';
import { campaigns, campaignTracks, standards, standardVersions } from '../server/src/db/schema';
import type { ApplicationStatus } from '../shared/src/domain/application-workflow';
import type { OrgKind } from '../shared/src/enums';
import { generateRows } from './generate';

export const APPLICATIONS = 100_000;
const CHUNK = 5000;
const VENUE_KINDS = ['党员活动室', '党员教育基地', '党建书屋', '党员之家', '党建文化长廊', '红色教育基地'];
const BRAND_HEAD = '红色 先锋 初心 匠心 连心 同心 聚力 领航 清风 海河 津门 星火 堡垒 暖心 担当'.split(' ');
const BRAND_TAIL = '党建 驿站 引擎 工程 家园 课堂 先锋岗 服务站 品牌 号'.split(' ');
const KINDS: Record<string, OrgKind> = {
  党委: 'party_committee',
  党组: 'party_group',
  党总支: 'general_branch',
  党支部: 'branch',
};

/** Campaign year → status weights: the older the campaign, the further its applications got. */
const STATUS_MIX: Record<number, [ApplicationStatus, number][]> = {
  2024: [
    ['certified', 25],
    ['not_selected', 65],
    ['withdrawn', 10],
  ],
  2025: [
    ['in_review', 30],
    ['shortlisted', 15],
    ['not_selected', 20],
    ['accepted', 10],
    ['proposed', 10],
    ['withdrawn', 5],
    ['returned', 5],
    ['recommended', 5],
  ],
  2026: [
    ['draft', 30],
    ['submitted', 25],
    ['recommended', 20],
    ['returned', 10],
    ['accepted', 10],
    ['withdrawn', 5],
  ],
};
const CAMPAIGN_STATUS = { 2024: 'closed', 2025: 'deciding', 2026: 'open' } as const;

/** mulberry32: a small seeded generator. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Org {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  parentId: string | null;
  unitId: string;
  path: string;
  depth: number;
}

export interface ListSeed {
  rootId: string;
  campaigns: { id: string; year: number }[];
  units: { id: string; name: string }[];
  organizations: number;
  venues: number;
  applications: number;
  /** `${campaignId}|${track}|${kind}|${status}` → applications. */
  counts: Record<string, number>;
}

/** The organisations: 100 units with 5 general branches of 9 branches each (parents first). */
function organisations(rootId: string): Org[] {
  const keep = /^U\d{3}(-G0[1-5](-B\d)?)?$/;
  const rows = generateRows(100).filter((r) => keep.test(r[0]));
  rows.sort((a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]));
  const byCode = new Map<string, Org>();
  for (const [code, name, shortName, kindZh, parentCode] of rows) {
    const id = crypto.randomUUID();
    const parent = byCode.get(parentCode);
    byCode.set(code, {
      id,
      code,
      name,
      shortName,
      kind: KINDS[kindZh]!,
      parentId: parent?.id ?? rootId,
      unitId: parent?.unitId ?? id,
      path: `${parent?.path ?? `/${rootId}/`}${id}/`,
      depth: (parent?.depth ?? 0) + 1,
    });
  }
  return [...byCode.values()];
}

const param = <T>(xs: T[]) => sql.param(xs);

async function insertOrgs(db: Db, rootId: string, orgs: Org[], at: string): Promise<void> {
  await db.execute(sql`
    insert into organizations (id, code, name, kind, path, depth, created_at, updated_at)
    values (${rootId}, 'BENCH-WC', '市级机关工委', 'working_committee', ${`/${rootId}/`}, 0, ${at}, ${at})`);
  for (let i = 0; i < orgs.length; i += CHUNK) {
    const c = orgs.slice(i, i + CHUNK);
    const col = <K extends keyof Org>(k: K) => param(c.map((o) => o[k]));
    await db.execute(sql`
      insert into organizations (id, code, name, short_name, kind, parent_id, unit_id, path, depth,
        member_count, created_at, updated_at)
      select u.id, u.code, u.name, u.short_name, u.kind::org_kind, u.parent_id, u.unit_id, u.path, u.depth,
        20, ${at}::timestamptz, ${at}::timestamptz
      from unnest(${col('id')}::uuid[], ${col('code')}::text[], ${col('name')}::text[],
        ${col('shortName')}::text[], ${col('kind')}::text[], ${col('parentId')}::uuid[],
        ${col('unitId')}::uuid[], ${col('path')}::text[], ${col('depth')}::int[])
        as u(id, code, name, short_name, kind, parent_id, unit_id, path, depth)`);
  }
}

interface Venue {
  id: string;
  org: Org;
  name: string;
}

async function insertVenues(db: Db, venues: Venue[], at: string): Promise<void> {
  for (let i = 0; i < venues.length; i += CHUNK) {
    const c = venues.slice(i, i + CHUNK);
    await db.execute(sql`
      insert into venues (id, organization_id, unit_id, name, created_at, updated_at)
      select u.id, u.organization_id, u.unit_id, u.name, ${at}::timestamptz, ${at}::timestamptz
      from unnest(${param(c.map((v) => v.id))}::uuid[], ${param(c.map((v) => v.org.id))}::uuid[],
        ${param(c.map((v) => v.org.unitId))}::uuid[], ${param(c.map((v) => v.name))}::text[])
        as u(id, organization_id, unit_id, name)`);
  }
}

interface App {
  id: string;
  campaignId: string;
  track: 'site' | 'venue';
  subjectId: string;
  org: Org;
  venueId: string | null;
  standardVersionId: string;
  status: ApplicationStatus;
  brandName: string | null;
  unitRank: number | null;
  submittedAt: string | null;
  updatedAt: string;
}

async function insertApplications(db: Db, apps: App[]): Promise<void> {
  for (let i = 0; i < apps.length; i += CHUNK) {
    const c = apps.slice(i, i + CHUNK);
    const col = <T>(f: (a: App) => T) => param(c.map(f));
    await db.execute(sql`
      insert into applications (id, campaign_id, track_code, subject_id, organization_id, venue_id, unit_id,
        org_kind, standard_version_id, status, brand_name, unit_rank, submitted_at, created_at, updated_at)
      select u.id, u.campaign_id, u.track_code, u.subject_id, u.organization_id, u.venue_id, u.unit_id,
        u.org_kind::org_kind, u.standard_version_id, u.status::application_status, u.brand_name,
        u.unit_rank, u.submitted_at, u.updated_at, u.updated_at
      from unnest(${col((a) => a.id)}::uuid[], ${col((a) => a.campaignId)}::uuid[],
        ${col((a) => a.track)}::text[], ${col((a) => a.subjectId)}::uuid[], ${col((a) => a.org.id)}::uuid[],
        ${col((a) => a.venueId)}::uuid[], ${col((a) => a.org.unitId)}::uuid[], ${col((a) => a.org.kind)}::text[],
        ${col((a) => a.standardVersionId)}::uuid[], ${col((a) => a.status)}::text[],
        ${col((a) => a.brandName)}::text[], ${col((a) => a.unitRank)}::int[],
        ${col((a) => a.submittedAt)}::timestamptz[], ${col((a) => a.updatedAt)}::timestamptz[])
        as u(id, campaign_id, track_code, subject_id, organization_id, venue_id, unit_id, org_kind,
          standard_version_id, status, brand_name, unit_rank, submitted_at, updated_at)`);
  }
}

async function versionOf(db: Db, code: string): Promise<string> {
  const [row] = await db
    .select({ id: standardVersions.id })
    .from(standardVersions)
    .innerJoin(standards, eq(standards.id, standardVersions.standardId))
    .where(and(eq(standards.code, code), eq(standardVersions.version, 1)));
  return row!.id;
}

async function insertCampaigns(db: Db): Promise<{ id: string; year: number }[]> {
  const out: { id: string; year: number }[] = [];
  for (const year of [2024, 2025, 2026] as const) {
    const d = (m: number, day: number) => new Date(Date.UTC(year, m - 1, day));
    const [c] = await db
      .insert(campaigns)
      .values({
        year,
        name: `${year}年度“双示范”创建`,
        status: CAMPAIGN_STATUS[year],
        applicationOpensAt: d(3, 1),
        applicationClosesAt: d(5, 31),
        recommendationDeadline: d(6, 15),
        reviewStartsAt: d(7, 1),
        reviewEndsAt: d(9, 30),
        publicityStartsAt: d(10, 10),
        publicityEndsAt: d(10, 17),
        openedAt: d(3, 1),
      })
      .returning({ id: campaigns.id });
    await db.insert(campaignTracks).values([
      { campaignId: c!.id, trackCode: 'site', eligibleKinds: [] },
      { campaignId: c!.id, trackCode: 'venue', eligibleKinds: [] },
    ]);
    out.push({ id: c!.id, year });
  }
  return out;
}

/** Writes the organisations, venues, campaigns and 100,000 applications; returns the request mix's facts. */
export async function seedApplications(db: Db, seed = 523): Promise<ListSeed> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = new Date('2024-01-15T00:00:00Z').toISOString();
  const rootId = crypto.randomUUID();
  const orgs = organisations(rootId);
  await insertOrgs(db, rootId, orgs, at);

  const perCampaign = Math.ceil((APPLICATIONS - orgs.length * 3) / 3);
  const venues: Venue[] = Array.from({ length: perCampaign }, (_, i) => {
    const org = orgs[(i * 7919) % orgs.length]!;
    return { id: crypto.randomUUID(), org, name: `${org.shortName}${VENUE_KINDS[i % VENUE_KINDS.length]}` };
  });
  await insertVenues(db, venues, at);

  const camps = await insertCampaigns(db);
  const std = {
    committee: await versionOf(db, 'SITE-COMMITTEE'),
    branch: await versionOf(db, 'SITE-BRANCH'),
    venue: await versionOf(db, 'VENUE'),
  };
  const apps: App[] = [];
  const counts: Record<string, number> = {};
  const add = (
    c: { id: string; year: number },
    track: 'site' | 'venue',
    org: Org,
    venueId: string | null,
  ) => {
    const mix = STATUS_MIX[c.year]!;
    let r = rnd() * 100;
    const status = mix.find(([, w]) => (r -= w) < 0)?.[0] ?? mix[0]![0];
    const updated = Date.UTC(c.year, 2, 1) + Math.floor(rnd() * 270 * 86400_000);
    const ranked = !['draft', 'submitted', 'returned', 'withdrawn'].includes(status);
    apps.push({
      id: crypto.randomUUID(),
      campaignId: c.id,
      track,
      subjectId: venueId ?? org.id,
      org,
      venueId,
      standardVersionId: venueId ? std.venue : org.kind === 'branch' ? std.branch : std.committee,
      status,
      brandName: rnd() < 0.5 ? `${pick(BRAND_HEAD)}${pick(BRAND_TAIL)}` : null,
      unitRank: ranked && rnd() < 0.8 ? 1 + Math.floor(rnd() * 30) : null,
      submittedAt:
        status === 'draft' ? null : new Date(updated - Math.floor(rnd() * 20 * 86400_000)).toISOString(),
      updatedAt: new Date(updated).toISOString(),
    });
    const key = `${c.id}|${track}|${org.kind}|${status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const c of camps) {
    for (const org of orgs) add(c, 'site', org, null);
    for (const v of venues) if (apps.length < APPLICATIONS) add(c, 'venue', v.org, v.id);
  }
  // Rows in a random physical order, as years of edits would leave them.
  for (let i = apps.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [apps[i], apps[j]] = [apps[j]!, apps[i]!];
  }
  await insertApplications(db, apps);
  // What autovacuum would do soon after a bulk load: statistics and the visibility map.
  for (const table of ['organizations', 'venues', 'applications'])
    await db.execute(sql`vacuum analyze ${sql.identifier(table)}`);
  return {
    rootId,
    campaigns: camps,
    units: orgs.filter((o) => o.depth === 1).map((o) => ({ id: o.id, name: o.name })),
    organizations: orgs.length,
    venues: venues.length,
    applications: apps.length,
    counts,
  };
}
