/**
 * Issue #6 "Done when": a committee scripts a whole campaign from the app's OpenAPI document alone. Every
 * step is an operation looked up in the document by method and path, its body validated against the
 * document's schema (multipart fields included) and its answer against the documented response: the
 * organisation tree imported from a CSV, unit administrators and experts with their first password change,
 * the standards, the campaign with its quotas (10 party committees, 8 general branches, 89 branches; 96
 * venues), 217 site and 180 venue applications written, self-assessed (a few with evidence), submitted,
 * recommended and accepted; the seed's stage template shaped to a gate and one scoring stage; panels and
 * assignments drawn with recorded seeds and verified; every review scored and locked; stages closed; the
 * decision proposed, accepted with votes, confirmed; its frozen snapshot's SHA-256 checked. The selection
 * must be exactly the quotas, and exactly the applications the generated scores put on top among those
 * that passed the gate. Only the first committee account is made directly (as `npm run shifan -- admin
 * create` does); time passes by the test clock.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, makeTestEnv, PASSWORD, type TestEnv } from './helpers';
import { OpenApiClient, type Session } from './openapi-client';
import { canonicalJson } from '../../shared/src/domain/evaluation';
import { ORG_KIND_LABELS } from '../../shared/src/contracts/organization-import';

const DAY = 24 * 3600_000;
const NEW_PASSWORD = 'Tide-harbor-lantern-73';
const SITE_KINDS = ['party_committee', 'general_branch', 'branch'] as const;
type SiteKind = (typeof SITE_KINDS)[number];
type Group = SiteKind | 'venue';
const QUOTA: Record<Group, number> = { party_committee: 10, general_branch: 8, branch: 89, venue: 96 };
const UNITS = 6;
const PARTY_COMMITTEES = 24;
const GENERAL_BRANCHES = 19;
const BRANCHES = 174;
const VENUES = 180;
const GROUPS: Group[] = ['party_committee', 'general_branch', 'branch', 'venue'];
const SIZE: Record<Group, number> = {
  party_committee: PARTY_COMMITTEES,
  general_branch: GENERAL_BRANCHES,
  branch: BRANCHES,
  venue: VENUES,
};
const SELECTED = GROUPS.reduce((n, g) => n + QUOTA[g], 0);
const ORGS = 1 + UNITS + PARTY_COMMITTEES + GENERAL_BRANCHES + BRANCHES;
const REVIEWERS = 10;
const PER_APPLICATION = { gate: 1, scoring: 2 } as const;
const SEEDS = { panel: 20261201, gate: 7, onSite: 11 } as const;

/** A seeded generator (mulberry32) for the generated scores: the same run gives the same campaign. */
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
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = prng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Planned {
  group: Group;
  /** Organisation code (site) or the venue's owner's code. */
  orgCode: string;
  venueName?: string;
  unitIndex: number;
  /** Points every reviewer's sheet adds up to on average (distinct within the group: no ties). */
  points: number;
  failsGate: boolean;
  id?: string;
}

let env: TestEnv;
let api: OpenApiClient;
let committee: Session;
let security: Session;
const timings: Record<string, number> = {};
const { csv, apps } = plan();
const orgsByCode = new Map<string, { id: string; unitId: string | null; kind: string }>();
const unitAdmins: Session[] = [];
interface ScriptStandard {
  versionId: string;
  criteria: { id: string; veto: boolean }[];
}
const standards = {} as Record<'committee' | 'branch' | 'venue', ScriptStandard>;
const standardOf = (g: Group): ScriptStandard =>
  g === 'venue' ? standards.venue : g === 'branch' ? standards.branch : standards.committee;
const campaign = { id: '' };
const reviewers: { id: string; session: Session }[] = [];
const stages: string[] = [];

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - t);
  }
}

/** A new account's first login: the one-time password changed through the documented operation. */
async function firstLogin(username: string, oneTimePassword: string): Promise<Session> {
  const s = await api.login(username, oneTimePassword);
  const me = await api.call(s, 'post', '/api/auth/password', {
    body: { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD },
  });
  expect(me.body.user.mustChangePassword).toBe(false);
  return s;
}

beforeAll(async () => {
  env = await makeTestEnv();
  await insertUser(env.db, { username: 'committee', role: 'committee_admin' });
  await insertUser(env.db, { username: 'security', role: 'security_admin' });
  api = await OpenApiClient.load(env.app);
  committee = await api.login('committee', PASSWORD);
  security = await api.login('security', PASSWORD);
});
afterAll(async () => {
  console.info(`scripted campaign phases (ms): ${JSON.stringify(timings)}`);
  if (api)
    console.info(
      [...api.used.entries()]
        .sort(([, a], [, b]) => b.ms - a.ms)
        .map(
          ([k, u]) =>
            `${k}: ${u.calls} calls, ${Math.round(u.ms)} ms, ${(u.ms / u.calls).toFixed(1)} ms/call`,
        )
        .join('\n'),
    );
  await env?.close();
});

/** The plan: the tree's codes, each application's group, generated points and whether it fails the gate. */
function plan(): { csv: string; apps: Planned[] } {
  const K = ORG_KIND_LABELS;
  const rows: string[][] = [['WC', '市级机关工委', K.working_committee, '']];
  const code = (prefix: string, n: number, width = 2) => `${prefix}${String(n + 1).padStart(width, '0')}`;
  for (let u = 0; u < UNITS; u++)
    rows.push([code('U', u), `市第${u + 1}局机关党委`, K.party_committee, 'WC']);
  // Party committees (of the units' departments), general branches and branches, dealt round the units.
  for (let p = 0; p < PARTY_COMMITTEES; p++)
    rows.push([
      code('P', p),
      `市第${(p % UNITS) + 1}局第${p + 1}分局党委`,
      K.party_committee,
      code('U', p % UNITS),
    ]);
  for (let g = 0; g < GENERAL_BRANCHES; g++)
    rows.push([
      code('G', g),
      `市第${(g % UNITS) + 1}局第${g + 1}党总支`,
      K.general_branch,
      code('U', g % UNITS),
    ]);
  for (let b = 0; b < BRANCHES; b++) {
    // Most branches sit under their unit's party committees or general branches, some under the unit.
    const parent = [code('U', b % UNITS), code('P', b % PARTY_COMMITTEES), code('G', b % GENERAL_BRANCHES)][
      b % 3
    ]!;
    rows.push([code('B', b, 3), `第${b + 1}党支部`, K.branch, parent]);
  }
  const header = ['组织编码', '组织名称', '组织类型', '上级组织编码'];
  const csv = [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

  const apps: Planned[] = [];
  const add = (group: Group, members: { orgCode: string; unitIndex: number; venueName?: string }[]) => {
    // Points 97, 96.5, … in a seeded order: distinct within the group, so the ranking has no ties.
    const order = shuffled(members, members.length * 31 + group.length);
    order.forEach((m, rank) => apps.push({ group, ...m, points: 97 - rank * 0.5, failsGate: false }));
  };
  const unitOfParent = (parent: string) => Number(rows.find((r) => r[0] === parent)![3]!.slice(1)) - 1;
  const unitIndexOf = (orgCode: string) => {
    const row = rows.find((r) => r[0] === orgCode)!;
    return row[3]!.startsWith('U') ? Number(row[3]!.slice(1)) - 1 : unitOfParent(row[3]!);
  };
  const members = (prefix: string, n: number, width = 2) =>
    [...Array(n).keys()].map((i) => ({
      orgCode: code(prefix, i, width),
      unitIndex: unitIndexOf(code(prefix, i, width)),
    }));
  add('party_committee', members('P', PARTY_COMMITTEES));
  add('general_branch', members('G', GENERAL_BRANCHES));
  add('branch', members('B', BRANCHES, 3));
  add(
    'venue',
    [...Array(VENUES).keys()].map((v) => ({
      ...members('B', BRANCHES, 3)[v % BRANCHES]!,
      venueName: `党员活动阵地${v + 1}号`,
    })),
  );
  // The gate takes out a few from the top of each group (2, 1, 4, 3): still enough pass for every quota.
  const failing: Record<Group, number[]> = {
    party_committee: [0, 5],
    general_branch: [2],
    branch: [1, 3, 40, 120],
    venue: [0, 7, 99],
  };
  for (const g of Object.keys(failing) as Group[]) {
    const ranked = apps.filter((a) => a.group === g).sort((a, b) => b.points - a.points);
    for (const r of failing[g]) ranked[r]!.failsGate = true;
  }
  return { csv, apps };
}

const criterion = (titleZh: string, titleEn: string, maxPoints: number, veto = false) => ({
  titleZh,
  titleEn,
  maxPoints,
  veto,
  ...(veto ? {} : { evidence: '工作台账、会议记录等', evidenceRequired: false }),
});

/** Four items of 25 and one veto item (无违规违纪问题): a sheet's points are its score out of 100. */
const CRITERIA = [
  criterion('组织建设', 'Organisation', 25),
  criterion('制度落实', 'Rules in practice', 25),
  criterion('作用发挥', 'Role played', 25),
  criterion('特色品牌', 'Signature brand', 25),
  criterion('无违规违纪问题', 'No breach of discipline', 0, true),
];

/** A sheet adding up to `points` (0.5 steps): the items filled in order, 25 each at most. */
function sheetOf(items: { id: string; veto: boolean }[], points: number) {
  let left = points;
  return Object.fromEntries(
    items
      .filter((c) => !c.veto)
      .map((c) => {
        const p = Math.min(25, left);
        left -= p;
        return [c.id, { points: p }];
      }),
  );
}

/** One application from draft to accepted: written, self-assessed, (every 100th) evidenced, submitted, recommended. */
async function intake(unit: Session, a: Planned, i: number, ranks: { site: number; venue: number }) {
  const org = orgsByCode.get(a.orgCode)!;
  const track = a.group === 'venue' ? 'venue' : 'site';
  let venueId: string | undefined;
  if (track === 'venue') {
    const venue = await api.call(unit, 'post', '/api/venues', {
      body: { organizationId: org.id, name: a.venueName!, address: '市行政中心', capacity: 60 },
    });
    venueId = venue.body.id;
  }
  const created = await api.call(unit, 'post', '/api/applications', {
    body: {
      campaignId: campaign.id,
      trackCode: track,
      ...(venueId ? { venueId } : { organizationId: org.id }),
    },
  });
  a.id = created.body.id;
  const params = { id: a.id! };
  const patched = await api.call(unit, 'patch', '/api/applications/{id}', {
    params,
    body: {
      version: created.body.version,
      brandName: `“红色引擎${i + 1}”党建品牌`,
      summary: '坚持党建引领，推动党建与业务深度融合。',
    },
  });
  const std = standardOf(a.group);
  const assessed = await api.call(unit, 'put', '/api/applications/{id}/self-assessment', {
    params,
    body: {
      version: patched.body.version,
      items: std.criteria.map((c) => ({ criterionId: c.id, score: c.veto ? 0 : 20, note: null })),
    },
  });
  let version = assessed.body.version as number;
  if (i % 100 === 0) {
    await api.upload(
      unit,
      '/api/applications/{id}/evidence',
      {
        criterionId: std.criteria[0]!.id,
        file: { filename: '台账.pdf', contentType: 'application/pdf', data: pdf() },
      },
      { params, expect: 201 },
    );
    version = (await api.call(unit, 'get', '/api/applications/{id}', { params })).body.version;
  }
  await api.call(unit, 'post', '/api/applications/{id}/submit', {
    params,
    body: { version },
    headers: { 'idempotency-key': `submit-${a.id}` },
  });
  await api.call(unit, 'post', '/api/applications/{id}/recommend', {
    params,
    body: { opinion: '同意推荐', rank: ++ranks[track] },
  });
  await api.call(committee, 'post', '/api/applications/{id}/accept', { params, body: {} });
}

describe(
  'a campaign scripted from the OpenAPI document (issue #6 "Done when")',
  {
    timeout: 30 * 60_000,
  },
  () => {
    it('fails clearly on an operation the document lacks, a body off its schema, or an unknown form field', async () => {
      // The issue's numbers: 217 site applications (24 + 19 + 174) and 180 venues for 10 + 8 + 89 and 96 places.
      expect([PARTY_COMMITTEES + GENERAL_BRANCHES + BRANCHES, VENUES, QUOTA]).toEqual([
        217,
        180,
        { party_committee: 10, general_branch: 8, branch: 89, venue: 96 },
      ]);
      expect(() => api.operation('post', '/api/campaigns/{id}/nothing')).toThrow(
        'The OpenAPI document has no operation POST /api/campaigns/{id}/nothing',
      );
      await expect(api.call(committee, 'post', '/api/campaigns', { body: { year: 'x' } })).rejects.toThrow(
        /The body of POST \/api\/campaigns does not match the document's schema/,
      );
      await expect(api.upload(committee, '/api/organizations/import', { upload: 'x' })).rejects.toThrow(
        'POST /api/organizations/import: required form field file not given',
      );
      await expect(
        api.call(committee, 'post', '/api/campaigns/{id}/recompute', {
          params: { id: crypto.randomUUID() },
          body: {},
        }),
      ).rejects.toThrow(
        'POST /api/campaigns/{id}/recompute: the document gives no application/json requestBody schema',
      );
    });

    it('builds the tree, the accounts, the standards and the campaign', async () => {
      await phase('tree', async () => {
        const file = { filename: '组织.csv', contentType: 'text/csv', data: Buffer.from(csv, 'utf8') };
        const dry = await api.upload(
          committee,
          '/api/organizations/import',
          { file },
          { query: { dryRun: 'true' } },
        );
        expect([dry.body.errors, dry.body.created]).toEqual([[], ORGS]);
        const real = await api.upload(
          committee,
          '/api/organizations/import',
          { file },
          { query: { dryRun: 'false' } },
        );
        expect(real.body.created).toBe(ORGS);
        for (let page = 1; orgsByCode.size < real.body.created; page++) {
          const list = await api.call(committee, 'get', '/api/organizations', {
            query: { page, pageSize: 200, sort: 'code' },
          });
          for (const o of list.body.items)
            orgsByCode.set(o.code, { id: o.id, unitId: o.unitId, kind: o.kind });
          if (list.body.items.length === 0) break;
        }
        expect(orgsByCode.size).toBe(ORGS);
      });
      await phase('accounts', async () => {
        for (let u = 0; u < UNITS; u++) {
          const code = `U${String(u + 1).padStart(2, '0')}`;
          // An administrator account: asked by the committee, approved by the security admin (four-eyes).
          const asked = await api.call(committee, 'post', '/api/privileged-requests', {
            body: {
              kind: 'account_create',
              username: `unit${u + 1}`,
              displayName: `${code}管理员`,
              role: 'unit_admin',
              organizationId: orgsByCode.get(code)!.id,
              reason: '直属党组织管理员',
            },
          });
          const approved = await api.call(security, 'post', '/api/privileged-requests/{id}/approve', {
            params: { id: asked.body.id },
          });
          unitAdmins.push(await firstLogin(`unit${u + 1}`, approved.body.oneTimePassword));
        }
      });
      await phase('standards', async () => {
        const make = async (code: string, track: string, orgKinds: string[], nameZh: string) => {
          const res = await api.call(committee, 'post', '/api/standards', {
            body: {
              code,
              track,
              orgKinds,
              nameZh,
              nameEn: code,
              totalPoints: 100,
              bonusCap: 0,
              criteria: CRITERIA,
            },
          });
          const detail = await api.call(committee, 'get', '/api/standards/{id}', {
            params: { id: res.body.id },
          });
          return {
            versionId: detail.body.version.id as string,
            criteria: (detail.body.version.criteria as { id: string; veto: boolean }[]).map((c) => ({
              id: c.id,
              veto: c.veto,
            })),
          };
        };
        standards.committee = await make(
          'SCRIPT-COMMITTEE',
          'site',
          ['party_committee', 'general_branch'],
          '党委（党总支）示范点标准',
        );
        standards.branch = await make('SCRIPT-BRANCH', 'site', ['branch'], '党支部示范点标准');
        standards.venue = await make('SCRIPT-VENUE', 'venue', [], '示范阵地标准');
      });
      await phase('campaign', async () => {
        const t = env.clock.now.getTime();
        const at = (days: number) => new Date(t + days * DAY).toISOString();
        const created = await api.call(committee, 'post', '/api/campaigns', {
          body: {
            year: 2027,
            name: '2027年度“双示范”创建（脚本）',
            tracks: [
              { track: 'site', eligibleKinds: [...SITE_KINDS] },
              { track: 'venue', eligibleKinds: [] },
            ],
            standards: [
              { track: 'site', orgKind: 'party_committee', standardVersionId: standards.committee.versionId },
              { track: 'site', orgKind: 'general_branch', standardVersionId: standards.committee.versionId },
              { track: 'site', orgKind: 'branch', standardVersionId: standards.branch.versionId },
              { track: 'venue', orgKind: null, standardVersionId: standards.venue.versionId },
            ],
            quotas: [
              ...SITE_KINDS.map((k) => ({ track: 'site', orgKind: k, quota: QUOTA[k] })),
              { track: 'venue', orgKind: null, quota: QUOTA.venue },
            ],
            timeline: {
              applicationOpensAt: at(-1),
              applicationClosesAt: at(5),
              recommendationDeadline: at(7),
              reviewStartsAt: at(8),
              reviewEndsAt: at(60),
              publicityStartsAt: at(62),
              publicityEndsAt: at(70),
            },
          },
        });
        campaign.id = created.body.id;
        const opened = await api.call(committee, 'post', '/api/campaigns/{id}/transition', {
          params: { id: campaign.id },
          body: { to: 'open', version: created.body.version },
        });
        expect(opened.body.status).toBe('open');
        expect(opened.body.quotas).toEqual([
          ...SITE_KINDS.map((k) => ({ track: 'site', orgKind: k, quota: QUOTA[k] })),
          { track: 'venue', orgKind: null, quota: QUOTA.venue },
        ]);
      });
    });

    it('takes 217 site and 180 venue applications from draft to accepted, a few with evidence', async () => {
      await phase('applications', async () => {
        // Each unit's administrator works through its own applications; the units work side by side.
        await Promise.all(
          unitAdmins.map(async (unit, u) => {
            const ranks = { site: 0, venue: 0 };
            for (const [i, a] of apps.entries()) if (a.unitIndex === u) await intake(unit, a, i, ranks);
          }),
        );
      });
      const dashboard = await api.call(committee, 'get', '/api/campaigns/{id}/dashboard', {
        params: { id: campaign.id },
      });
      expect(dashboard.body.quotas).toEqual([
        ...SITE_KINDS.map((k) => ({
          track: 'site',
          orgKind: k,
          quota: QUOTA[k],
          accepted: SIZE[k],
          selected: 0,
        })),
        { track: 'venue', orgKind: null, quota: QUOTA.venue, accepted: SIZE.venue, selected: 0 },
      ]);
    });

    it('moves to review and shapes the seed template into a gate and one scoring stage', async () => {
      await phase('stages', async () => {
        env.clock.advance(8 * DAY + 3600_000);
        // A week has passed: the committee logs in again, and builds its expert pool for the review.
        committee = await api.login('committee', PASSWORD);
        for (let r = 0; r < REVIEWERS; r++) {
          // Most experts are external; every sixth sits in a unit, so its derived conflicts must be avoided.
          const inUnit = r % 6 === 5;
          const created = await api.call(committee, 'post', '/api/reviewers', {
            body: {
              username: `expert${r + 1}`,
              displayName: `专家${r + 1}`,
              ...(inUnit
                ? { affiliationOrgId: orgsByCode.get(`U${String((r % UNITS) + 1).padStart(2, '0')}`)!.id }
                : { externalAffiliation: '市委党校' }),
              expertise: ['党建'],
              available: true,
            },
          });
          reviewers.push({
            id: created.body.reviewer.id,
            session: await firstLogin(`expert${r + 1}`, created.body.oneTimePassword),
          });
        }
        const c = await api.call(committee, 'get', '/api/campaigns/{id}', { params: { id: campaign.id } });
        const moved = await api.call(committee, 'post', '/api/campaigns/{id}/transition', {
          params: { id: campaign.id },
          body: { to: 'reviewing', version: c.body.version },
        });
        expect(moved.body.status).toBe('reviewing');
        const seeded = await api.call(committee, 'post', '/api/campaigns/{id}/stages/template', {
          params: { id: campaign.id },
          body: { template: 'seed' },
        });
        expect(seeded.body.items.map((x: { nameZh: string }) => x.nameZh)).toEqual([
          '实地考察',
          '集体评审',
          '互比互评',
          '现场考核',
          '现场讲述',
        ]);
        // This committee keeps the on-site inspection as the one scoring stage, with two experts each.
        for (const later of seeded.body.items.slice(1))
          await api.call(committee, 'delete', '/api/stages/{id}', { params: { id: later.id }, expect: 204 });
        const onSite = seeded.body.items[0];
        await api.call(committee, 'patch', '/api/stages/{id}', {
          params: { id: onSite.id },
          body: { version: onSite.version, weight: 1, minReviews: PER_APPLICATION.scoring },
        });
        const gated = await api.call(committee, 'post', '/api/campaigns/{id}/stages/template', {
          params: { id: campaign.id },
          body: { template: 'gate' },
        });
        const gate = gated.body.items[0];
        await api.call(committee, 'patch', '/api/stages/{id}', {
          params: { id: gate.id },
          body: { version: gate.version, minReviews: PER_APPLICATION.gate },
        });
        const list = await api.call(committee, 'get', '/api/campaigns/{id}/stages', {
          params: { id: campaign.id },
        });
        expect(
          list.body.items.map(
            (x: { nameZh: string; method: string; weight: number; entry: string; minReviews: number }) => [
              x.nameZh,
              x.method,
              x.weight,
              x.entry,
              x.minReviews,
            ],
          ),
        ).toEqual([
          ['资格审查', 'gate', 0, 'all_accepted', 1],
          ['实地考察', 'criteria_scoring', 1, 'passed_previous', 2],
        ]);
        stages.push(...list.body.items.map((x: { id: string }) => x.id));
      });
    });

    it('runs the gate and the scoring stage: drawn panel, recorded auto-assignment, every review locked', async () => {
      await phase('gate', () => runStage(stages[0]!, 'gate'));
      await phase('scoring', () => runStage(stages[1]!, 'scoring'));
    });

    it('ends in exactly the quotas: 10, 8 and 89 site demonstration points and 96 venues, the snapshot verified', async () => {
      await phase('decision', async () => {
        const c = await api.call(committee, 'get', '/api/campaigns/{id}', { params: { id: campaign.id } });
        await api.call(committee, 'post', '/api/campaigns/{id}/transition', {
          params: { id: campaign.id },
          body: { to: 'deciding', version: c.body.version },
        });
        const draft = await api.call(committee, 'post', '/api/campaigns/{id}/decision', {
          params: { id: campaign.id },
          body: {},
        });
        const d = draft.body;
        expect(
          d.groups.map((g: { orgKind: string | null; quota: number; proposedCount: number }) => [
            g.orgKind,
            g.quota,
            g.proposedCount,
          ]),
        ).toEqual(expect.arrayContaining(GROUPS.map((g) => [g === 'venue' ? null : g, QUOTA[g], QUOTA[g]])));
        expect(d.groups).toHaveLength(GROUPS.length);
        const accepted = await api.call(committee, 'post', '/api/decisions/{id}/accept-proposal', {
          params: { id: d.id },
          body: { votes: { for: 9, against: 0, abstain: 0 }, version: d.version },
        });
        const confirmed = await api.call(committee, 'post', '/api/decisions/{id}/confirm', {
          params: { id: d.id },
          body: { version: accepted.body.version },
        });
        expect(confirmed.body.status).toBe('confirmed');
        type Line = { applicationId: string; selected: boolean };
        type G = { orgKind: string | null; selectedCount: number; lines: Line[] };
        const groups: G[] = confirmed.body.groups;
        expect(Object.fromEntries(groups.map((g) => [g.orgKind ?? 'venue', g.selectedCount]))).toEqual(QUOTA);
        // Exactly the applications the generated scores put on top among those that passed the gate.
        for (const g of groups) {
          const group: Group = g.orgKind === null ? 'venue' : (g.orgKind as Group);
          const expected = apps
            .filter((a) => a.group === group && !a.failsGate)
            .sort((a, b) => b.points - a.points)
            .slice(0, QUOTA[group])
            .map((a) => a.id)
            .sort();
          expect(
            g.lines
              .filter((l) => l.selected)
              .map((l) => l.applicationId)
              .sort(),
          ).toEqual(expected);
        }
        const dashboard = await api.call(committee, 'get', '/api/campaigns/{id}/dashboard', {
          params: { id: campaign.id },
        });
        const byStatus = Object.fromEntries(
          dashboard.body.byStatus
            .filter((x: { count: number }) => x.count > 0)
            .map((x: { status: string; count: number }) => [x.status, x.count]),
        );
        expect(byStatus).toEqual({ proposed: SELECTED, not_selected: apps.length - SELECTED });
        // The frozen snapshot's digest is the SHA-256 of its canonical JSON, checked from what the API serves.
        const frozen = await api.call(committee, 'get', '/api/decisions/{id}/snapshot', {
          params: { id: d.id },
        });
        expect(frozen.body.digest).toBe(confirmed.body.snapshotDigest);
        expect(crypto.createHash('sha256').update(canonicalJson(frozen.body.snapshot)).digest('hex')).toBe(
          confirmed.body.snapshotDigest,
        );
      });
    });
  },
);

/**
 * One stage: the clock inside its window, opened, a panel of eight drawn (preview, then the same seed
 * committed, verified), k experts per application assigned automatically with a recorded seed (verified;
 * another seed refused), every expert scoring its sheets (the gate: the veto item; a scoring stage: points
 * spread ±1 around the application's generated total, so its mean is exact), locked, and the stage closed.
 */
async function runStage(stageId: string, kind: 'gate' | 'scoring') {
  const params = { id: stageId };
  const seed = kind === 'gate' ? SEEDS.gate : SEEDS.onSite;
  const stage = await api.call(committee, 'get', '/api/campaigns/{id}/stages', {
    params: { id: campaign.id },
  });
  const row = stage.body.items.find((x: { id: string }) => x.id === stageId);
  const opensAt = new Date(row.opensAt).getTime();
  if (env.clock.now.getTime() < opensAt) env.clock.now = new Date(opensAt + 3600_000);
  const opened = await api.call(committee, 'post', '/api/stages/{id}/open', {
    params,
    body: { version: row.version },
  });
  const entrants = apps.filter((a) => kind === 'gate' || !a.failsGate).length;
  expect(opened.body.entrants).toBe(entrants);

  const panelPreview = await api.call(committee, 'post', '/api/stages/{id}/panel/draw', {
    params,
    body: { count: 8, seed: SEEDS.panel, preview: true },
  });
  const panel = await api.call(committee, 'post', '/api/stages/{id}/panel/draw', {
    params,
    body: { count: 8, seed: SEEDS.panel, preview: false },
  });
  expect(panel.body.reviewers).toEqual(panelPreview.body.reviewers);
  await verifyDraw(panel.body.drawId, SEEDS.panel);

  const k = PER_APPLICATION[kind];
  const preview = await api.call(committee, 'post', '/api/stages/{id}/assignments/auto', {
    params,
    body: { perApplication: k, seed, preview: true },
  });
  const auto = await api.call(committee, 'post', '/api/stages/{id}/assignments/auto', {
    params,
    body: { perApplication: k, seed, preview: false },
  });
  expect(auto.body.resultDigest).toBe(preview.body.resultDigest);
  expect([auto.body.assignments.length, auto.body.shortfalls]).toEqual([entrants * k, []]);
  const loads = auto.body.loads.map((l: { load: number }) => l.load);
  expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  await verifyDraw(auto.body.drawId, seed);

  // Each application's experts in id order: the first scores one point above its total, the second one below.
  const offsets = new Map<string, number>();
  const byApp = new Map<string, string[]>();
  for (const x of auto.body.assignments as { applicationId: string; reviewerId: string }[])
    byApp.set(x.applicationId, [...(byApp.get(x.applicationId) ?? []), x.reviewerId]);
  for (const [appId, ids] of byApp)
    ids.sort().forEach((r, i) => offsets.set(`${appId}|${r}`, ids.length === 1 ? 0 : i === 0 ? 1 : -1));
  const byId = new Map(apps.map((a) => [a.id!, a]));
  await Promise.all(
    reviewers.map(async (r) => {
      const mine = await api.call(r.session, 'get', '/api/me/assignments');
      for (const m of mine.body.items as { id: string; stageId: string; applicationId: string }[]) {
        if (m.stageId !== stageId) continue;
        const a = byId.get(m.applicationId)!;
        const std = standardOf(a.group);
        const sheet = await api.call(r.session, 'get', '/api/reviews/{id}', { params: { id: m.id } });
        const veto = std.criteria.find((c) => c.veto)!;
        const body =
          kind === 'gate'
            ? { vetoes: { [veto.id]: !a.failsGate }, version: sheet.body.review.version }
            : {
                scores: sheetOf(std.criteria, a.points + offsets.get(`${a.id}|${r.id}`)!),
                version: sheet.body.review.version,
              };
        const saved = await api.call(r.session, 'put', '/api/reviews/{id}', { params: { id: m.id }, body });
        await api.call(r.session, 'post', '/api/reviews/{id}/lock', {
          params: { id: m.id },
          body: { version: saved.body.review.version },
        });
      }
    }),
  );
  const progress = await api.call(committee, 'get', '/api/stages/{id}/assignments', { params });
  expect(progress.body.short).toEqual([]);
  const current = await api.call(committee, 'get', '/api/campaigns/{id}/stages', {
    params: { id: campaign.id },
  });
  const closed = await api.call(committee, 'post', '/api/stages/{id}/close', {
    params,
    body: { version: current.body.items.find((x: { id: string }) => x.id === stageId).version },
  });
  expect(closed.body.status).toBe('closed');
}

/** A recorded draw re-runs with its seed; another seed is refused (409 DRAW_MISMATCH). */
async function verifyDraw(drawId: string, seed: number) {
  const ok = await api.call(committee, 'post', '/api/draws/{id}/verify', {
    params: { id: drawId },
    body: { seed },
  });
  expect(ok.body).toMatchObject({ reproduced: true, rerun: true, seed });
  const other = await api.call(committee, 'post', '/api/draws/{id}/verify', {
    params: { id: drawId },
    body: { seed: seed + 1 },
    expect: 409,
  });
  expect(other.body.error.code).toBe('DRAW_MISMATCH');
}

/** A small valid PDF (evidence). */
function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  );
}
