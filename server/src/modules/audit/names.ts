/**
 * Names for the ids an audit page shows (issue #7.4): actors, objects, the scope organisation and ids
 * inside `changes`, resolved for one page (or one export batch) in ONE query — a UNION ALL over the tables
 * whose rows the log names, keyed by id (UUIDs are unique across tables). Never one query per row.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { AuditRow } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** Every UUID a row mentions: actor, scope, object, and string values of its changes. */
function idsOf(r: AuditRow, into: Set<string>): void {
  for (const v of [r.actorId, r.scopeOrgId, r.objectId]) if (isUuid(v)) into.add(v.toLowerCase());
  for (const c of Object.values(r.changes ?? {})) {
    for (const v of [c?.before, c?.after]) {
      if (isUuid(v)) into.add(v.toLowerCase());
      else if (Array.isArray(v)) for (const x of v) if (isUuid(x)) into.add(x.toLowerCase());
    }
  }
}

/**
 * id → name for every UUID the rows mention that names a record: organisations, accounts (display name
 * and username), venues, campaigns, standards, stages, applications and cultivation candidates (their
 * subject), evidence files, decisions and publicities (their campaign), presentation sessions, peer groups,
 * privileged requests (the account they concern).
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
    union all select id::text, name from presentation_sessions where id in ${list}
    union all select id::text, name from peer_groups where id in ${list}
    union all select p.id::text, u.display_name || '（' || u.username || '）'
      from privileged_requests p join users u on u.id = p.target_user_id where p.id in ${list}
  `);
  for (const r of (res as unknown as { rows: { id: string; name: string }[] }).rows) names.set(r.id, r.name);
  return names;
}
