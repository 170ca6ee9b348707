/**
 * "Turn into an application in one step" (一键转申报): creates the draft application through the
 * applications module (same eligibility, deadline and duplicate rules as any new application), copies
 * the plan into its summary and, when the campaign uses the standard version of the self-check, the
 * readiness scores into its self-assessment, and marks the cultivation applied — one transaction,
 * audited. A second apply answers 409.
 */
import type { Db } from '../../db/client';
import { scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import { create as createApplication, linkCultivation } from '../applications/service';
import type { AppliedCultivation, ApplyCultivation } from '../../../../shared/src/contracts/cultivation';
import { FIELD_LIMITS } from '../../../../shared/src/contracts/applications';
import {
  CULTIVATION_REFUSAL_TEXT,
  cultivationRefusal,
} from '../../../../shared/src/domain/cultivation-rules';
import * as repo from './repo';
import { ALL, audit, detailOf, notFound } from './service';

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export async function apply(
  db: Db,
  ctx: Ctx,
  id: string,
  body: ApplyCultivation,
): Promise<AppliedCultivation> {
  const scope = scopeOf(ctx.actor, 'cultivation.write');
  return db.transaction(async (tx) => {
    const row = await repo.findInScope(tx, scope, id, 'update');
    if (!row) throw notFound();
    const refusal = cultivationRefusal(row.status, 'applied');
    if (refusal) {
      const t = CULTIVATION_REFUSAL_TEXT[refusal];
      throw new AppError('TRANSITION_REFUSED', [fieldError('status', refusal, t.zh, t.en)]);
    }
    // A savepoint inside this transaction: a refusal there rolls everything back here too.
    const app = await createApplication(tx, ctx, {
      campaignId: body.campaignId,
      trackCode: row.trackCode,
      ...(row.venueId ? { venueId: row.venueId } : { organizationId: row.organizationId }),
    });
    const summary = row.plan ? clip(row.plan, FIELD_LIMITS.summary) : null;
    const criteria = new Set(app.criteria.map((c) => c.id));
    const scores =
      row.standardVersionId === app.standard.versionId && row.readiness
        ? Object.entries(row.readiness)
            .filter(([criterionId, e]) => criteria.has(criterionId) && e.score !== null)
            .map(([criterionId, e]) => ({ criterionId, score: e.score, note: null }))
        : [];
    await linkCultivation(
      tx,
      { id: app.id, version: app.version, unitId: app.unit.id },
      { cultivationId: row.id, summary, scores, now: ctx.now },
    );
    await writeAudit(tx, ctx, {
      action: 'applications.from_cultivation',
      objectType: 'application',
      objectId: app.id,
      unitId: app.unit.id,
      changes: {
        cultivationId: { before: null, after: row.id },
        ...(summary ? { summary: { before: null, after: summary } } : {}),
      },
      detail: `self-assessment scores copied: ${scores.length}`,
    });

    const updated = (await repo.updateCultivation(
      tx,
      id,
      { status: 'applied', updatedAt: ctx.now },
      row.version,
    ))!;
    await audit(
      tx,
      ctx,
      'apply',
      updated,
      { ...diff(row, updated, ['status']), applicationId: { before: null, after: app.id } },
      JSON.stringify({ campaignId: body.campaignId, applicationId: app.id }),
    );
    return {
      applicationId: app.id,
      campaignId: body.campaignId,
      status: 'draft' as const,
      selfAssessmentsCopied: scores.length,
      cultivation: (await detailOf(tx, ALL, id))!,
    };
  });
}
