/**
 * A few honours per closed year (issue #8 §4), recorded through the honours service by the committee's
 * `admin` at the year's end (20 December, after that year's naming): per year 5 先进基层党组织 (3 of them
 * organisations holding a site title), 3 优秀党务工作者 (the secretaries of 2 titled organisations and
 * of 1 other) and 3 优秀共产党员 (2 in titled organisations, 1 elsewhere) — 11 a year, 7 from the pool.
 * "Other" organisations are grassroots ones whose organisation and unit hold no title. Deterministic.
 */
import { asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { titles } from '../db/schema';
import { create } from '../modules/honours/service';
import type { DemoData, DemoOrg } from './build';
import { castOf, ctxAt } from './campaign-cast';
import { cst } from './campaign-time';

const MEMBERS = ['王建国', '李秀英', '张志强', '刘海燕', '陈立新', '杨春梅'];
export const DEMO_HONOURS_PER_YEAR = { total: 11, fromPool: 7 } as const;

/** Site-title holders of titles awarded by `year`, in serial order (one entry per organisation). */
async function titledBy(db: Db, year: number): Promise<string[]> {
  const rows = await db
    .select({ organizationId: titles.organizationId })
    .from(titles)
    .where(lte(titles.year, year))
    .orderBy(asc(titles.serial));
  const site = await db
    .select({ id: titles.organizationId })
    .from(titles)
    .where(eq(titles.trackCode, 'site'));
  const onSite = new Set(site.map((s) => s.id));
  return [...new Set(rows.map((r) => r.organizationId).filter((id) => onSite.has(id)))];
}

async function everTitled(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ id: titles.organizationId }).from(titles)).map((r) => r.id));
}

interface Pick {
  kindCode: string;
  org: DemoOrg;
  personName: string | null;
  personPosition: string | null;
}

function picksOf(i: number, titled: DemoOrg[], others: DemoOrg[]): Pick[] {
  const t = (k: number) => titled[(i * 7 + k) % titled.length]!;
  const o = (k: number) => others[(i * 5 + k) % others.length]!;
  const org = (x: DemoOrg): Pick => ({
    kindCode: 'advanced_org',
    org: x,
    personName: null,
    personPosition: null,
  });
  const worker = (x: DemoOrg): Pick => ({
    kindCode: 'outstanding_worker',
    org: x,
    personName: x.secretary,
    personPosition: '党组织书记',
  });
  const member = (x: DemoOrg, k: number): Pick => ({
    kindCode: 'outstanding_member',
    org: x,
    personName: MEMBERS[(i * 3 + k) % MEMBERS.length]!,
    personPosition: null,
  });
  return [
    ...[t(0), t(1), t(2), o(0), o(1)].map(org),
    ...[t(3), t(4), o(2)].map(worker),
    member(t(5), 0),
    member(t(6), 1),
    member(o(3), 2),
  ];
}

/** Records the closed years' honours; answers how many. */
export async function seedHonours(db: Db, data: DemoData, years: number[]): Promise<number> {
  const admin = (await castOf(db)).committee;
  const byId = new Map(data.orgs.map((o) => [o.id, o]));
  const ever = await everTitled(db);
  const others = data.orgs.filter((o) => o.depth > 1 && !ever.has(o.id) && !(o.unitId && ever.has(o.unitId)));
  let n = 0;
  for (const [i, year] of [...years].sort().entries()) {
    const titled = (await titledBy(db, year)).map((id) => byId.get(id)!).filter(Boolean);
    const ctx = ctxAt(admin, cst(year, 12, 20, 10));
    for (const p of picksOf(i, titled, others)) {
      await create(db, ctx, {
        year,
        kindCode: p.kindCode,
        organizationId: p.org.id,
        personName: p.personName,
        personPosition: p.personPosition,
        documentNo: `津党机工〔${year}〕${30 + i}号`,
        awardedOn: `${year}-12-20`,
      });
      n++;
    }
  }
  return n;
}
