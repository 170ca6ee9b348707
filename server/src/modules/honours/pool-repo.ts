/** The pool's query: active titles with their holder's people, score, latest re-review and honours. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { organizations, titles, tracks } from '../../db/schema';
import type { RereviewOutcome } from '../../../../shared/src/domain/rereview';

const unitName = sql<string>`coalesce((select name from organizations u where u.id = ${titles.unitId}), '')`;
const finalScore = sql<number | null>`(select et.final_score from evaluation_totals et
  where et.application_id = "titles"."application_id")`;
const rereview = sql<{
  roundName: string;
  outcome: RereviewOutcome | null;
  decidedAt: string | null;
} | null>`(
  select json_build_object('roundName', r.name, 'outcome', i.outcome, 'decidedAt', i.decided_at)
  from rereview_items i join rereview_rounds r on r.id = i.round_id
  where i.title_id = "titles"."id" order by r.created_at desc limit 1)`;
const honouredIn = (year: number) => sql<string[]>`(select coalesce(array_agg(distinct h.kind_code
  order by h.kind_code), '{}') from honours h
  where h.organization_id = "titles"."organization_id" and h.year = ${year})`;

export function candidates(db: DbOrTx, year: number) {
  return db
    .select({
      t: titles,
      trackNameZh: sql<string>`coalesce(${tracks.nameZh}, ${titles.trackCode})`,
      organizationName: organizations.name,
      unitName,
      secretary: organizations.secretary,
      contactName: organizations.contactName,
      finalScore,
      rereview,
      honoured: honouredIn(year),
    })
    .from(titles)
    .innerJoin(organizations, eq(organizations.id, titles.organizationId))
    .leftJoin(tracks, eq(tracks.code, titles.trackCode))
    .where(eq(titles.status, 'active'))
    .orderBy(sql`${finalScore} desc nulls last`, asc(titles.serial));
}
