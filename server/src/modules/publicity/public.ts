/**
 * What the public reads without logging in: the open publicities, and one publicity's list of proposed
 * entries by track and kind (names and brand only), its window and how to object. Rendered from the
 * publicity's own rows through the public contract (its parse is the allow-list), cached as bytes.
 */
import type { Db } from '../../db/client';
import {
  publicPublicity,
  publicPublicityList,
  type PublicPublicity,
} from '../../../../shared/src/contracts/publicity';
import { cached, rendered, type Rendered } from '../../core/public-cache';
import * as repo from './repo';

function groupsOf(
  items: repo.ItemRow[],
  names: Map<string, { nameZh: string; nameEn: string }>,
): PublicPublicity['groups'] {
  const groups = new Map<string, PublicPublicity['groups'][number]>();
  for (const i of items) {
    if (i.status !== 'listed') continue;
    const key = `${i.trackCode}|${i.orgKind}`;
    let g = groups.get(key);
    if (!g) {
      const t = names.get(i.trackCode);
      g = {
        track: i.trackCode,
        trackNameZh: t?.nameZh ?? i.trackCode,
        trackNameEn: t?.nameEn ?? i.trackCode,
        orgKind: i.orgKind,
        entries: [],
      };
      groups.set(key, g);
    }
    g.entries.push({ id: i.id, name: i.name, holderName: i.holderName, brandName: i.brandName });
  }
  return [...groups.values()];
}

async function renderPublicity(db: Db, id: string): Promise<Rendered | null> {
  const p = await repo.findPublicity(db, id);
  if (!p) return null;
  const [items, tracks] = await Promise.all([repo.itemsOf(db, id), repo.trackNames(db)]);
  const view = publicPublicity.parse({
    id: p.id,
    title: p.title,
    contact: p.contact,
    allowAnonymous: p.allowAnonymous,
    workingDays: p.workingDays,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    groups: groupsOf(items, new Map(tracks.map((t) => [t.code, t]))),
  });
  return rendered(JSON.stringify(view));
}

export function publicPublicityResponse(db: Db, id: string, now: Date): Promise<Rendered | null> {
  return cached(db, `publicity:${id}`, now, () => renderPublicity(db, id));
}

export function openPublicitiesResponse(db: Db, now: Date): Promise<Rendered | null> {
  return cached(db, 'open', now, async () => {
    const rows = await repo.currentPublicities(db, now);
    const view = publicPublicityList.parse({
      items: rows.map((p) => ({
        id: p.id,
        title: p.title,
        firstDay: p.firstDay,
        lastDay: p.lastDay,
        endsAt: p.endsAt.toISOString(),
      })),
    });
    const until = rows.length ? Math.min(...rows.map((p) => p.endsAt.getTime())) : Infinity;
    return rendered(JSON.stringify(view), until);
  });
}
