import { sql } from 'drizzle-orm';
import { isPgEnum } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../../shared/src/domain/application-workflow';
import { CAMPAIGN_STATUSES } from '../../../shared/src/domain/campaign-rules';
import { CULTIVATION_STATUSES } from '../../../shared/src/domain/cultivation-rules';
import {
  AGGREGATIONS,
  DECISION_STATUSES,
  DRAW_KINDS,
  ENTRY_RULES,
  PEER_MODES,
  PROPOSAL_REASONS,
  REVIEW_STATUSES,
  RUBRICS,
  SEE_OTHERS,
  SESSION_STATUSES,
  STAGE_METHODS,
  STAGE_STATUSES,
  VETO_RULES,
} from '../../../shared/src/domain/stages';
import { AUDIT_OUTCOMES, JOB_STATUSES, ORG_KINDS, ROLES, TRACK_SUBJECTS } from '../../../shared/src/enums';
import { CALENDAR_DAY_KINDS } from '../../../shared/src/domain/working-days';
import { PUBLICITY_ITEM_STATUSES, PUBLICITY_STATUSES } from '../../../shared/src/domain/publicity';
import { OBJECTION_OUTCOMES, OBJECTION_STATUSES } from '../../../shared/src/domain/objection-workflow';
import { TITLE_ACTIONS, TITLE_STATUSES } from '../../../shared/src/domain/title-workflow';
import { TEMPLATE_KINDS, TEMPLATE_ORIENTATIONS } from '../../../shared/src/domain/certificates';
import {
  FOLLOW_UP_RESULTS,
  REREVIEW_OUTCOMES,
  REREVIEW_ROUND_STATUSES,
  REREVIEW_SELECTION_MODES,
  STANDARD_BASES,
} from '../../../shared/src/domain/rereview';
import { HONOUR_SUBJECTS } from '../../../shared/src/domain/honours';
import { makeTestEnv, type TestEnv } from '../../test/helpers';
import * as schema from './schema';

/** Each database enum and the shared constant it takes its values from. */
const SHARED: Record<string, readonly string[]> = {
  org_kind: ORG_KINDS,
  role: ROLES,
  audit_outcome: AUDIT_OUTCOMES,
  track_subject: TRACK_SUBJECTS,
  campaign_status: CAMPAIGN_STATUSES,
  cultivation_status: CULTIVATION_STATUSES,
  application_status: APPLICATION_STATUSES,
  job_status: JOB_STATUSES,
  stage_method: STAGE_METHODS,
  stage_status: STAGE_STATUSES,
  entry_rule: ENTRY_RULES,
  aggregation: AGGREGATIONS,
  rubric: RUBRICS,
  see_others: SEE_OTHERS,
  peer_mode: PEER_MODES,
  veto_rule: VETO_RULES,
  draw_kind: DRAW_KINDS,
  review_status: REVIEW_STATUSES,
  session_status: SESSION_STATUSES,
  decision_status: DECISION_STATUSES,
  proposal_reason: PROPOSAL_REASONS,
  calendar_day_kind: CALENDAR_DAY_KINDS,
  publicity_status: PUBLICITY_STATUSES,
  publicity_item_status: PUBLICITY_ITEM_STATUSES,
  objection_status: OBJECTION_STATUSES,
  objection_outcome: OBJECTION_OUTCOMES,
  title_status: TITLE_STATUSES,
  title_action: TITLE_ACTIONS,
  template_kind: TEMPLATE_KINDS,
  template_orientation: TEMPLATE_ORIENTATIONS,
  rereview_round_status: REREVIEW_ROUND_STATUSES,
  rereview_selection_mode: REREVIEW_SELECTION_MODES,
  standard_basis: STANDARD_BASES,
  rereview_outcome: REREVIEW_OUTCOMES,
  follow_up_result: FOLLOW_UP_RESULTS,
  honour_subject: HONOUR_SUBJECTS,
};

const schemaEnums = (Object.values(schema) as unknown[]).filter(isPgEnum);

describe('database enums come from the shared constants', () => {
  it('names a shared constant for every enum of the schema, and no other', () => {
    expect(schemaEnums.map((e) => e.enumName).sort()).toEqual(Object.keys(SHARED).sort());
  });

  it.each(schemaEnums.map((e) => [e.enumName, e] as const))(
    '%s has the shared values in order',
    (name, e) => {
      expect(e.enumValues).toEqual([...SHARED[name]!]);
    },
  );

  describe('on the migrated database', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await makeTestEnv();
    });
    afterAll(() => env.close());

    const rowsOf = <T>(result: unknown) => [...(result as { rows: T[] }).rows];

    it('holds exactly the schema’s enum types', async () => {
      const types = rowsOf<{ name: string }>(
        await env.db.execute(sql`
          select t.typname as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where t.typtype = 'e' and n.nspname = current_schema() order by 1`),
      );
      expect(types.map((t) => t.name)).toEqual(Object.keys(SHARED).sort());
    });

    it.each(Object.entries(SHARED))(
      'enum_range(null::%s) equals the shared constant',
      async (name, values) => {
        const [row] = rowsOf<{ values: string[] }>(
          await env.db.execute(sql`select enum_range(null::${sql.identifier(name)})::text[] as values`),
        );
        expect(row!.values).toEqual([...values]);
      },
    );
  });
});
