/**
 * The application-list benchmark's request mix: each kind draws a fresh path per request from the
 * seeded data's facts (campaigns, units, and how many applications each campaign × track × kind ×
 * status holds), so filters are real, deep pages exist and results are rarely empty by accident.
 */
import type { ListSeed } from './applications-data';

export interface RequestKind {
  name: string;
  note: string;
  path: (rnd: () => number) => string;
}

/** Fragments of organisation names (水务, 卫生健康, 河西区, 第三党支部) and brand names (先锋, 初心, 红色). */
const FRAGMENTS = ['水务', '先锋', '卫生健康', '河西区', '第三党支部', '初心', '红色'];
const SORTS = ['orgName', '-orgName', '-submittedAt', 'status', 'unitRank', 'updatedAt'];

interface Group {
  campaignId: string;
  trackCode: string;
  orgKind: string;
  statuses: [string, number][];
}

const pickOf =
  (rnd: () => number) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(rnd() * xs.length)]!;

function groupsOf(seed: ListSeed): Group[] {
  const groups = new Map<string, Group>();
  for (const [key, n] of Object.entries(seed.counts)) {
    const [campaignId, trackCode, orgKind, status] = key.split('|') as [string, string, string, string];
    const g = groups.get(`${campaignId}|${trackCode}|${orgKind}`) ?? {
      campaignId,
      trackCode,
      orgKind,
      statuses: [],
    };
    g.statuses.push([status, n]);
    groups.set(`${campaignId}|${trackCode}|${orgKind}`, g);
  }
  return [...groups.values()];
}

const url = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return `/api/applications?${q.toString()}`;
};

/** campaign + track + kind + one or two of the statuses that group holds. */
function filters(groups: Group[], rnd: () => number) {
  const pick = pickOf(rnd);
  const g = pick(groups);
  const first = pick(g.statuses);
  const second = rnd() < 0.5 ? pick(g.statuses) : first;
  const statuses = first === second ? [first] : [first, second];
  return {
    campaignId: g.campaignId,
    trackCode: g.trackCode,
    orgKind: g.orgKind,
    status: statuses.map(([s]) => s).join(','),
  };
}

export function mixOf(seed: ListSeed): RequestKind[] {
  const groups = groupsOf(seed);
  // Deep pages need long lists: the filter sets with at least 1,000 applications.
  const long = groups.flatMap((g) => {
    const all = g.statuses.reduce((n, [, c]) => n + c, 0);
    const sets: { g: Group; statuses: string[]; total: number }[] = g.statuses
      .filter(([, c]) => c >= 1000)
      .map(([s, c]) => ({ g, statuses: [s], total: c }));
    if (all >= 1000) sets.push({ g, statuses: g.statuses.map(([s]) => s), total: all });
    return sets;
  });
  return [
    {
      name: 'health',
      note: '`GET /api/health` with the session cookie: the baseline',
      path: () => '/api/health',
    },
    {
      name: 'filters',
      note: 'campaign + track + kind + one or two statuses, page 1 of 50, newest change first',
      path: (rnd) => url(filters(groups, rnd)),
    },
    {
      name: 'unit',
      note: 'the same filters + one unit',
      path: (rnd) => url({ ...filters(groups, rnd), unitId: pickOf(rnd)(seed.units).id }),
    },
    {
      name: 'search',
      note: 'the same filters + a Chinese fragment of an organisation or brand name (`q`)',
      path: (rnd) => url({ ...filters(groups, rnd), q: pickOf(rnd)(FRAGMENTS) }),
    },
    {
      name: 'search-wide',
      note: 'one campaign + a Chinese fragment only (about 33,000 applications to search)',
      path: (rnd) => url({ campaignId: pickOf(rnd)(seed.campaigns).id, q: pickOf(rnd)(FRAGMENTS) }),
    },
    {
      name: 'sort',
      note: `the same filters, sorted by one of ${SORTS.join(', ')}`,
      path: (rnd) => url({ ...filters(groups, rnd), sort: pickOf(rnd)(SORTS) }),
    },
    {
      name: 'deep',
      note: 'the same filters on lists of ≥ 1,000 applications, a page in the second half, any sort',
      path: (rnd) => {
        const pick = pickOf(rnd);
        const s = pick(long);
        const pages = Math.ceil(s.total / 50);
        const page = Math.ceil(pages / 2) + Math.floor(rnd() * (pages - Math.ceil(pages / 2) + 1));
        const { campaignId, trackCode, orgKind } = s.g;
        const sort = rnd() < 0.5 ? undefined : pick(SORTS);
        return url({ campaignId, trackCode, orgKind, status: s.statuses.join(','), page, sort });
      },
    },
    {
      name: 'campaign',
      note: 'one campaign only (about 33,000 applications), page 1, newest change first',
      path: (rnd) => url({ campaignId: pickOf(rnd)(seed.campaigns).id }),
    },
    {
      name: 'everything',
      note: 'no filter at all (100,000 applications), page 1 or 2, newest change first',
      path: (rnd) => url({ page: 1 + Math.floor(rnd() * 2) }),
    },
  ];
}
