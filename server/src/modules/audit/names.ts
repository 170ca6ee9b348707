/**
 * Names for the ids an audit page shows (issue #7.4): actors, objects, the scope organisation, ids
 * inside `changes` and ids written in the detail, resolved for one page (or one export batch) in ONE
 * query — a UNION ALL over the tables whose rows the log names, keyed by id (UUIDs are unique across
 * tables). Never one query per row.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { AuditRow } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** The UUIDs written inside an event's free-text detail (`stage <id> seed 42 …`, `application <id>`). */
export const uuidsInText = (text: string | null): string[] => (text ? (text.match(UUIDS) ?? []) : []);

/** Every UUID a row mentions: actor, scope, object, string values of its changes, ids in its detail. */
function idsOf(r: AuditRow, into: Set<string>): void {
  for (const v of [r.actorId, r.scopeOrgId, r.objectId]) if (isUuid(v)) into.add(v.toLowerCase());
  for (const v of uuidsInText(r.detail)) into.add(v.toLowerCase());
  for (const c of Object.values(r.changes ?? {})) {
    for (const v of [c?.before, c?.after]) {
      if (isUuid(v)) into.add(v.toLowerCase());
      else if (Array.isArray(v)) for (const x of v) if (isUuid(x)) into.add(x.toLowerCase());
    }
  }
}

/** An application (or cultivation candidate) as the log names it: its organisation and venue. */
const subject = (o: string, v: string) => sql.raw(`${o}.name || coalesce(' ' || ${v}.name, '')`);

/** The draw kinds in words (shared/src/domain/stages.ts DRAW_KINDS). */
const DRAW_KIND_ZH = sql.raw(`case d.kind when 'panel' then '专家组抽取' when 'assignment' then '评审任务分配'
  when 'peer_groups' then '互评分组' when 'presentation_order' then '讲述顺序抽签' else d.kind::text end`);

/**
 * id → name for every UUID the rows mention that names a record: organisations, accounts (display name
 * and username; an expert is an account), venues, campaigns, standards, stages (campaign · stage),
 * applications and cultivation candidates (their subject), evidence files, decisions (their campaign),
 * publicities (their title), their entries (publicity · entry), presentation sessions, peer groups,
 * privileged requests (the account they concern; for an account creation not approved, the account asked
 * for), draws (campaign · stage · what was drawn), assignments and reviews (application · expert; a
 * review photo's event names its review), declared conflicts and waivers (expert · application),
 * objections (publicity · entry), titles (serial and holder), honours (year, kind and organisation; never
 * the person's name), peer sheets (the rater). A stage deleted
 * since (the demo shapes its template so) is named from its own audit events: campaign · stage（已删除）.
 */
export async function resolveNames(db: DbOrTx, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) idsOf(r, ids);
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const list = sql`(${sql.join(
    [...ids].map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const textList = sql`(${sql.join(
    [...ids].map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const res = await db.execute(sql`
    select id::text as id, name from organizations where id in ${list}
    union all select id::text, display_name || '（' || username || '）' from users where id in ${list}
    union all select id::text, name from venues where id in ${list}
    union all select id::text, name from campaigns where id in ${list}
    union all select id::text, name_zh from standards where id in ${list}
    union all select s.id::text, c.name || ' · ' || s.name_zh
      from stages s join campaigns c on c.id = s.campaign_id where s.id in ${list}
    union all select a.id::text, o.name || coalesce(' ' || v.name, '')
      from applications a join organizations o on o.id = a.organization_id
      left join venues v on v.id = a.venue_id where a.id in ${list}
    union all select k.id::text, o.name || coalesce(' ' || v.name, '')
      from cultivations k join organizations o on o.id = k.organization_id
      left join venues v on v.id = k.venue_id where k.id in ${list}
    union all select id::text, original_name from evidence_files where id in ${list}
    union all select d.id::text, c.name from decisions d join campaigns c on c.id = d.campaign_id
      where d.id in ${list}
    union all select id::text, title from publicities where id in ${list}
    union all select i.id::text, p.title || ' · ' || i.name
      from publicity_items i join publicities p on p.id = i.publicity_id where i.id in ${list}
    union all select id::text, name from presentation_sessions where id in ${list}
    union all select id::text, name from peer_groups where id in ${list}
    union all select p.id::text,
        coalesce(u.display_name, p.display_name) || '（' || coalesce(u.username, p.username) || '）'
      from privileged_requests p left join users u on u.id = p.target_user_id where p.id in ${list}
    union all select d.id::text, c.name || coalesce(' · ' || s.name_zh, '') || ' · ' || ${DRAW_KIND_ZH}
      from draws d join campaigns c on c.id = d.campaign_id left join stages s on s.id = d.stage_id
      where d.id in ${list}
    union all select x.id::text, ${subject('o', 'v')} || ' · ' || u.display_name
      from assignments x join applications a on a.id = x.application_id
      join organizations o on o.id = a.organization_id left join venues v on v.id = a.venue_id
      join users u on u.id = x.reviewer_id where x.id in ${list}
    union all select x.id::text, ${subject('o', 'v')} || ' · ' || u.display_name
      from reviews x join applications a on a.id = x.application_id
      join organizations o on o.id = a.organization_id left join venues v on v.id = a.venue_id
      join users u on u.id = x.reviewer_id where x.id in ${list}
    union all select x.id::text, u.display_name || ' · ' || ${subject('o', 'v')}
      from declared_conflicts x join applications a on a.id = x.application_id
      join organizations o on o.id = a.organization_id left join venues v on v.id = a.venue_id
      join users u on u.id = x.reviewer_id where x.id in ${list}
    union all select x.id::text, u.display_name || ' · ' || ${subject('o', 'v')}
      from conflict_overrides x join applications a on a.id = x.application_id
      join organizations o on o.id = a.organization_id left join venues v on v.id = a.venue_id
      join users u on u.id = x.reviewer_id where x.id in ${list}
    union all select x.id::text, p.title || coalesce(' · ' || i.name, '')
      from objections x join publicities p on p.id = x.publicity_id
      left join publicity_items i on i.id = x.item_id where x.id in ${list}
    union all select id::text, serial || ' ' || holder_name from titles where id in ${list}
    union all select h.id::text, h.year || ' ' || coalesce(k.name_zh, h.kind_code) || ' · ' || o.name
      from honours h join organizations o on o.id = h.organization_id
      left join honour_kinds k on k.code = h.kind_code where h.id in ${list}
    union all select x.id::text, ${subject('o', 'v')}
      from peer_sheets x join applications a on a.id = x.rater_application_id
      join organizations o on o.id = a.organization_id left join venues v on v.id = a.venue_id
      where x.id in ${list}
    union all select * from (select distinct on (e.object_id) e.object_id,
        coalesce(c.name || ' · ', '') || coalesce(e.changes->'nameZh'->>'before', e.changes->'nameZh'->>'after')
          || '（已删除）'
      from audit_events e
      left join campaigns c on c.id::text = substring(e.detail from 'campaign ([0-9a-f-]{36})')
      where e.object_type = 'stage' and e.object_id in ${textList} and e.changes ? 'nameZh'
        and not exists (select 1 from stages s where s.id::text = e.object_id)
      order by e.object_id, e.id desc) deleted_stages
  `);
  for (const r of (res as unknown as { rows: { id: string; name: string }[] }).rows) names.set(r.id, r.name);
  return names;
}
