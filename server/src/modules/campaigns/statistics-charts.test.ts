import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  insertOrg,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  type TestEnv,
} from '../../../test/helpers';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';

let env: TestEnv;
let campaign: Awaited<ReturnType<typeof seedOpenCampaign>>;
let cadmin: ReturnType<typeof client>;
const url = (file: string, q = '') => `/api/campaigns/${campaign.campaign.id}/charts/${file}${q}`;

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  await seedUsers(env.db, tree);
  cadmin = client(env.app, await login(env.app, 'cadmin'));
  campaign = await seedOpenCampaign(env.db, env.clock.now);
  // A unit whose name needs escaping in SVG.
  const odd = await insertOrg(env.db, {
    code: 'Z',
    name: '市<测试>&“委”机关党委',
    kind: 'party_committee',
    parent: tree.root,
  });
  let n = 0;
  const add = async (unit: typeof tree.unitA, status: ApplicationStatus) => {
    const o = await insertOrg(env.db, {
      code: `G${++n}`,
      name: `图表组织${n}`,
      kind: 'branch',
      parent: unit,
    });
    await insertApplication(env.db, {
      campaignId: campaign.campaign.id,
      organization: o,
      standardVersionId: campaign.standards.branch.versionId,
      status,
    });
  };
  for (const s of ['submitted', 'recommended', 'accepted', 'proposed'] as const) await add(tree.unitA, s);
  await add(tree.unitB, 'certified');
  await add(odd, 'submitted');
});
afterAll(() => env.close());

/** The SVG's text nodes, joined (ECharts writes each label as <text>…</text>). */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('GET /api/campaigns/:id/charts/:name.svg', () => {
  it('renders the status funnel as SVG with the Chinese step names and counts', async () => {
    const res = await cadmin.get(url('status-funnel.svg'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.body.startsWith('<svg')).toBe(true);
    expect(res.body).toContain('width="800" height="400"');
    expect(texts(res.body)).toEqual([
      '已提交 6',
      '单位推荐 4',
      '已受理 3',
      '进入评审 2',
      '入围 2',
      '拟命名 2',
      '已命名 1',
    ]);
  });

  it('renders units (names escaped), quotas, years, in the size asked for, and in English', async () => {
    const units = (await cadmin.get(url('unit-applications.svg', '?width=1000'))).body;
    expect(units).toContain('width="1000"');
    expect(texts(units)).toEqual(
      expect.arrayContaining([
        '市水务局机关党委',
        '市总工会机关党委',
        '市&lt;测试&gt;&amp;“委”机关党委',
        '已提交',
        '已受理',
        '4',
      ]),
    );
    expect(units).not.toContain('<测试>');
    const quotas = texts((await cadmin.get(url('quota-gauges.svg'))).body);
    expect(quotas).toEqual(
      expect.arrayContaining(['基层党建工作示范点', '党支部', '已选 2 / 名额 30', '受理 3 · 已命名 1']),
    );
    const years = texts((await cadmin.get(url('year-comparison.svg'))).body);
    expect(years).toEqual(expect.arrayContaining([`${campaign.campaign.year}年`, '6', '3', '1']));
    const en = texts((await cadmin.get(url('status-funnel.svg'), { 'accept-language': 'en' })).body);
    expect(en[0]).toBe('Submitted 6');
  });

  it('refuses an unknown chart or size with 400', async () => {
    expect((await cadmin.get(url('pie.svg'))).statusCode).toBe(400);
    expect((await cadmin.get(url('status-funnel.png'))).statusCode).toBe(400);
    expect((await cadmin.get(url('status-funnel.svg', '?width=50'))).statusCode).toBe(400);
  });
});
