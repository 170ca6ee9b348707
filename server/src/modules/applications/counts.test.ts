/**
 * `application_counts` (migration 0005): the triggers keep it equal to counting `applications` through
 * any mix of multi-row inserts, updates, deletes and rolled-back transactions, and the committee's list
 * totals read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { insertApplication, seedOpenCampaign } from '../../../test/campaign-fixtures';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
} from '../../../../shared/src/domain/application-workflow';
import { setup, type Kit } from './test-kit';

let kit: Kit;
let campaignIds: string[];

type CountRow = { campaign_id: string; track_code: string; org_kind: string; status: string; n: number };

/** `execute`'s rows (PGlite and node-postgres both answer `{ rows }`). */
const rowsOf = (result: unknown) => [...(result as { rows: CountRow[] }).rows];

/** The kept counts (zero rows left out) and the counts of the rows themselves, in one order. */
async function bothCounts(): Promise<{ kept: CountRow[]; counted: CountRow[] }> {
  const kept = await kit.env.db.execute<CountRow>(sql`
    select campaign_id, track_code, org_kind::text, status::text, n from application_counts
    where n <> 0 order by 1, 2, 3, 4`);
  const counted = await kit.env.db.execute<CountRow>(sql`
    select campaign_id, track_code, org_kind::text, status::text, count(*)::int as n from applications
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
  return { kept: rowsOf(kept), counted: rowsOf(counted) };
}

/** The statuses of the first half of the workflow (the ones issue #3's applications reach). */
const STATUSES: ApplicationStatus[] = APPLICATION_STATUSES.slice(0, 6);
const UNITS = ['A', 'B'] as const;

beforeAll(async () => {
  kit = await setup();
  const a = await seedOpenCampaign(kit.env.db, kit.env.clock.now, { year: 2023 });
  const b = await seedOpenCampaign(kit.env.db, kit.env.clock.now, { year: 2024 });
  campaignIds = [a.campaign.id, b.campaign.id];
  // 24 applications: 2 campaigns × 2 units × 2 kinds × 3 statuses.
  for (const [ci, seeded] of [a, b].entries()) {
    for (const unit of UNITS) {
      for (const kind of ['branch', 'general_branch'] as const) {
        for (const status of STATUSES.slice(ci, ci + 3)) {
          const org = await kit.branch(unit, kind);
          await insertApplication(kit.env.db, {
            campaignId: seeded.campaign.id,
            organization: org,
            standardVersionId: (kind === 'branch' ? seeded.standards.branch : seeded.standards.committee)
              .versionId,
            status,
          });
        }
      }
    }
  }
});
afterAll(() => kit.env.close());

describe('application counts', () => {
  it('hold the fixtures exactly after row-by-row inserts', async () => {
    const { kept, counted } = await bothCounts();
    expect(kept).toEqual(counted);
    expect(kept.reduce((s, r) => s + r.n, 0)).toBe(24);
    expect(kept).toContainEqual({
      campaign_id: campaignIds[0],
      track_code: 'site',
      org_kind: 'branch',
      status: 'draft',
      n: 2,
    });
  });

  it('stay equal to the rows through random multi-row updates, deletes, re-inserts and rollbacks', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('status' as const),
        from: fc.constantFrom(...STATUSES),
        to: fc.constantFrom(...STATUSES),
      }),
      fc.record({
        kind: fc.constant('kind' as const),
        status: fc.constantFrom(...STATUSES),
        to: fc.constantFrom('branch', 'general_branch'),
      }),
      fc.record({ kind: fc.constant('delete' as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant('noop' as const), status: fc.constantFrom(...STATUSES) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), fc.boolean(), async (ops, rollback) => {
        const before = await bothCounts();
        const run = kit.env.db.transaction(async (tx) => {
          // Deleted rows are put back at the end so every run starts from the same 24.
          await tx.execute(sql`create temporary table if not exists gone (like applications) on commit drop`);
          for (const o of ops) {
            if (o.kind === 'status')
              await tx.execute(
                sql`update applications set status = ${o.to}::application_status where status = ${o.from}::application_status`,
              );
            else if (o.kind === 'kind')
              await tx.execute(
                sql`update applications set org_kind = ${o.to}::org_kind where status = ${o.status}::application_status`,
              );
            else if (o.kind === 'noop')
              await tx.execute(
                sql`update applications set brand_name = 'x' where status = ${o.status}::application_status`,
              );
            else
              await tx.execute(sql`
                with d as (
                  delete from applications where status = ${o.status}::application_status returning *)
                insert into gone select * from d`);
          }
          const mid = await tx.execute<CountRow>(sql`
            select campaign_id, track_code, org_kind::text, status::text, n from application_counts
            where n <> 0 order by 1, 2, 3, 4`);
          const real = await tx.execute<CountRow>(sql`
            select campaign_id, track_code, org_kind::text, status::text, count(*)::int as n
            from applications group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
          expect(rowsOf(mid)).toEqual(rowsOf(real));
          await tx.execute(sql`insert into applications select * from gone`);
          if (rollback) throw new Error('rollback');
        });
        if (rollback) await expect(run).rejects.toThrow('rollback');
        else await run;
        const after = await bothCounts();
        expect(after.kept).toEqual(after.counted);
        if (rollback) expect(after.kept).toEqual(before.kept);
        expect(after.kept.reduce((s, r) => s + r.n, 0)).toBe(24);
      }),
      { numRuns: 30, seed: 20261129 },
    );
  });

  it('give the committee list its totals, and a unit its own', async () => {
    const { counted } = await bothCounts();
    const expected = (pred: (r: CountRow) => boolean) => counted.filter(pred).reduce((s, r) => s + r.n, 0);
    const total = async (query: string, c = kit.c.committee) => {
      const res = await c.get(`/api/applications?pageSize=1${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as { total: number }).total;
    };
    const [c0] = campaignIds as [string];
    expect(await total('')).toBe(24);
    expect(await total(`&campaignId=${c0}`)).toBe(expected((r) => r.campaign_id === c0));
    expect(await total(`&campaignId=${c0}&trackCode=site&orgKind=branch`)).toBe(
      expected((r) => r.campaign_id === c0 && r.org_kind === 'branch'),
    );
    expect(await total(`&campaignId=${c0}&status=draft,submitted`)).toBe(
      expected((r) => r.campaign_id === c0 && ['draft', 'submitted'].includes(r.status)),
    );
    expect(await total(`&trackCode=venue`)).toBe(0);
    // A page past the end still says how many there are.
    const res = await kit.c.committee.get(`/api/applications?campaignId=${c0}&page=99&pageSize=50`);
    expect(res.json()).toEqual({ items: [], total: expected((r) => r.campaign_id === c0) });
    // Unit A's admin counts unit A's rows only (6 per campaign).
    expect(await total(`&campaignId=${c0}`, kit.c.unitA)).toBe(6);
    expect(await total('', kit.c.unitA)).toBe(12);
  });

  it('empty when the applications table is truncated', async () => {
    await kit.env.db.execute(sql`truncate applications cascade`);
    expect(await bothCounts()).toEqual({ kept: [], counted: [] });
  });
});
