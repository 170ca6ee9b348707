/**
 * Moving a subtree to another unit rewrites `unit_id` on every registered table (core/unit-scoped.ts),
 * so every table with a `unit_id` column must be registered by the module that owns it — or be listed
 * here with the reason it does not follow its organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { unitScopedTables } from '../../core/unit-scoped';
import { makeTestEnv, type TestEnv } from '../../../test/helpers';

/** Tables with a `unit_id` that a move does not rewrite through the registry, and why. */
const NOT_REGISTERED: Record<string, string> = {
  organizations: 'the tree itself: the move rewrites its path, depth and unit_id (rewriteSubtree)',
  audit_events: 'history: the unit an event happened in stays as it was (the table is append-only)',
  campaign_unit_caps: 'a quota per unit, keyed by the unit: it belongs to no organisation',
};

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

describe('unit-scoped tables', () => {
  it('registers every table with a unit_id column, except the documented ones', async () => {
    const result = await env.db.execute<{ table_name: string }>(sql`
      select table_name from information_schema.columns
      where column_name = 'unit_id' and table_schema = current_schema()
      order by table_name`);
    const withUnit = (result as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    const registered = unitScopedTables().map((t) => t.name);
    const unlisted = withUnit.filter((t) => !registered.includes(t) && !(t in NOT_REGISTERED));
    expect(unlisted).toEqual([]);
    // Every exception is a real table, and nothing is both registered and excepted.
    expect(Object.keys(NOT_REGISTERED).filter((t) => !withUnit.includes(t))).toEqual([]);
    expect(registered.filter((t) => t in NOT_REGISTERED)).toEqual([]);
    expect([...registered].sort()).toEqual(withUnit.filter((t) => !(t in NOT_REGISTERED)));
  });
});
