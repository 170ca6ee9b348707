/**
 * The desk's own reads: small aggregates (group by, count filter) over campaigns, applications, stages,
 * assignments and reviews. Lists whose totals the desk shows are counted by their own modules' services.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

import { RANK_HOLDING_STATUSES } from '../../../../shared/src/domain/unit-ranking';
import type { DeadlineKind } from '../../../../shared/src/contracts/desk';
import type { OrgKind } from '../../../../shared/src/enums';
import type { ApplicationStatus, CampaignStatus } from '../../../../shared/src/domain/application-workflow';

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const DEADLINE_COLUMNS: Record<DeadlineKind, SQL> = {
  application_closes: sql`application_closes_at`,
  recommendation_deadline: sql`recommendation_deadline`,
  review_ends: sql`review_ends_at`,
  publicity_ends: sql`publicity_ends_at`,
};

/** The deadlines of `kinds` still ahead of `now`, of campaigns in `statuses`, soonest first. */
export async function deadlines(
  db: DbOrTx,
  now: Date,
  statuses: readonly CampaignStatus[],
  kinds: readonly DeadlineKind[],
) {
  if (kinds.length === 0) return [];
  const parts = kinds.map(
    (
      k,
    ) => sql`SELECT id AS "campaignId", name AS "campaignName", ${k}::text AS kind, ${DEADLINE_COLUMNS[k]} AS at
      FROM campaigns WHERE status::text = ANY(${sql.param([...statuses])}::text[])
        AND ${DEADLINE_COLUMNS[k]} > ${now.toISOString()}::timestamptz`,
  );
  const found = await rows<{
    campaignId: string;
    campaignName: string;
    kind: DeadlineKind;
    at: Date | string;
  }>(db, sql`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) d ORDER BY at, "campaignName", kind`);
  return found.map((d) => ({ ...d, at: new Date(d.at).toISOString() }));
}

/** Per current campaign × track: the unit's cap (null: none) and its recommendations holding a rank. */
export function unitCaps(db: DbOrTx, unitId: string, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return rows<{
    campaignId: string;
    campaignName: string;
    track: string;
    trackNameZh: string;
    trackNameEn: string;
    cap: number | null;
    used: number;
  }>(
    db,
    sql`SELECT c.id AS "campaignId", c.name AS "campaignName", ct.track_code AS track,
        t.name_zh AS "trackNameZh", t.name_en AS "trackNameEn", uc.cap,
        (SELECT count(*)::int FROM applications a
          WHERE a.campaign_id = c.id AND a.track_code = ct.track_code AND a.unit_id = ${unitId}
            AND a.status::text = ANY(${sql.param([...RANK_HOLDING_STATUSES])}::text[])) AS used
      FROM campaigns c
      JOIN campaign_tracks ct ON ct.campaign_id = c.id
      JOIN tracks t ON t.code = ct.track_code
      LEFT JOIN campaign_unit_caps uc
        ON uc.campaign_id = c.id AND uc.track_code = ct.track_code AND uc.unit_id = ${unitId}
      WHERE c.id = ANY(${sql.param([...campaignIds])}::uuid[])
      ORDER BY c.application_closes_at, c.name, t.position, ct.track_code`,
  );
}

/** Campaigns between open and publicity (what the committee works on), by their application deadline. */
export function activeCampaigns(db: DbOrTx) {
  return rows<{ id: string; name: string; status: CampaignStatus; recommendationDeadline: Date | string }>(
    db,
    sql`SELECT id, name, status, recommendation_deadline AS "recommendationDeadline"
      FROM campaigns WHERE status IN ('open', 'reviewing', 'deciding', 'publicity')
      ORDER BY application_closes_at, name`,
  );
}

/** Units with applications of the campaign in `submitted` (waiting for the unit's check), most first. */
export function waitingUnits(db: DbOrTx, campaignId: string) {
  return rows<{ unitId: string; unitName: string; waiting: number }>(
    db,
    sql`SELECT a.unit_id AS "unitId", o.name AS "unitName", count(*)::int AS waiting
      FROM applications a JOIN organizations o ON o.id = a.unit_id
      WHERE a.campaign_id = ${campaignId} AND a.status = 'submitted'
      GROUP BY a.unit_id, o.name ORDER BY waiting DESC, o.name`,
  );
}

/** The campaign's applications per status (from the trigger-kept counts). */
export function statusCounts(db: DbOrTx, campaignId: string) {
  return rows<{ status: ApplicationStatus; count: number }>(
    db,
    sql`SELECT status, sum(n)::int AS count FROM application_counts
      WHERE campaign_id = ${campaignId} GROUP BY status`,
  );
}

/** The campaign's stages in order with assignments and locked reviews. */
export function stageProgress(db: DbOrTx, campaignId: string) {
  return rows<StageProgressRow>(
    db,
    sql`SELECT s.id, s.name_zh AS "nameZh", s.name_en AS "nameEn", s.status::text AS status,
        s.opens_at AS "opensAt", s.closes_at AS "closesAt",
        count(a.id)::int AS assigned, count(r.id) FILTER (WHERE r.status = 'locked')::int AS locked
      FROM stages s
      LEFT JOIN assignments a ON a.stage_id = s.id
      LEFT JOIN reviews r ON r.id = a.id
      WHERE s.campaign_id = ${campaignId}
      GROUP BY s.id ORDER BY s.position`,
  );
}

export interface StageProgressRow {
  id: string;
  nameZh: string;
  nameEn: string;
  status: 'draft' | 'open' | 'closed';
  opensAt: Date | string;
  closesAt: Date | string;
  assigned: number;
  locked: number;
}

/** Per quota line: the quota, applications past intake and applications selected (what it is for). */
export function quotaFill(
  db: DbOrTx,
  campaignId: string,
  pastIntake: readonly ApplicationStatus[],
  selected: readonly ApplicationStatus[],
) {
  return rows<{
    track: string;
    trackNameZh: string;
    trackNameEn: string;
    orgKind: OrgKind | null;
    quota: number;
    accepted: number;
    selected: number;
  }>(
    db,
    sql`SELECT q.track_code AS track, t.name_zh AS "trackNameZh", t.name_en AS "trackNameEn",
        q.org_kind AS "orgKind", q.quota,
        coalesce(sum(n.n) FILTER (WHERE n.status::text = ANY(${sql.param([...pastIntake])}::text[])), 0)::int AS accepted,
        coalesce(sum(n.n) FILTER (WHERE n.status::text = ANY(${sql.param([...selected])}::text[])), 0)::int AS selected
      FROM campaign_quotas q
      JOIN tracks t ON t.code = q.track_code
      LEFT JOIN application_counts n ON n.campaign_id = q.campaign_id AND n.track_code = q.track_code
        AND (q.org_kind IS NULL OR n.org_kind = q.org_kind)
      WHERE q.campaign_id = ${campaignId}
      GROUP BY q.id, t.name_zh, t.name_en, t.position
      ORDER BY t.position, q.track_code, q.org_kind NULLS FIRST`,
  );
}

/** A reviewer's stages with its assignments and locked reviews, open stages first then by closing time. */
export function reviewerStages(db: DbOrTx, reviewerId: string) {
  return rows<StageProgressRow & { campaignName: string }>(
    db,
    sql`SELECT s.id, s.name_zh AS "nameZh", s.name_en AS "nameEn", s.status::text AS status,
        s.opens_at AS "opensAt", s.closes_at AS "closesAt", c.name AS "campaignName",
        count(a.id)::int AS assigned, count(r.id) FILTER (WHERE r.status = 'locked')::int AS locked
      FROM assignments a
      JOIN stages s ON s.id = a.stage_id
      JOIN campaigns c ON c.id = s.campaign_id
      LEFT JOIN reviews r ON r.id = a.id
      WHERE a.reviewer_id = ${reviewerId}
      GROUP BY s.id, c.name
      ORDER BY (s.status = 'open') DESC, s.closes_at, s.position`,
  );
}
