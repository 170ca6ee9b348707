/**
 * The ONE transition service of applications (STYLE habit 7): `transition` loads the application FOR
 * UPDATE and its campaign, finds the row of the shared transition table, loads what the row's guards
 * need, asks the pure `decide()`, then `record` writes the row's effects (`applyEffects`), one history
 * row, one audit event and the notifications — all in the caller's transaction. The permission and the
 * scope come from the row too. Nothing else writes `applications.status`.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Actor, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { diff, writeAudit } from '../audit/write';
import { notify, recipientsOfOrganization } from '../notifications/service';
import type {
  Abilities,
  TransitionBody,
  TransitionResult,
} from '../../../../shared/src/contracts/applications';
import {
  applyEffects,
  decide,
  EDITABLE_STATUSES,
  noteOf,
  policiesOf,
  REFUSAL_TEXT,
  ruleFor,
  type ApplicationAction,
  type EffectInput,
  type Refusal,
  type TransitionInput,
  type TransitionRow,
} from '../../../../shared/src/domain/application-workflow';
import { scopeFor, type Action } from '../../../../shared/src/domain/permissions';
import { freeRanks, rankListText } from '../../../../shared/src/domain/unit-ranking';
import type { Gap } from '../../../../shared/src/domain/completeness';
import { versionConflict } from './errors';
import { loadCompleteness, type Completeness } from './gaps';
import { idempotent, requestHash } from './idempotency';
import { gapItem, gapText, REFUSAL_FIELD, transitionMessage } from './messages';
import * as repo from './repo';

/**
 * The first permission among the action's rows the actor holds (`return`: the unit's 初审 or the
 * committee's 形式审查); it gives the scope the application is looked up in.
 */
function policyOf(actor: Actor, action: ApplicationAction): Action | null {
  return policiesOf(action).find((p) => scopeFor(actor.role, p) !== null) ?? null;
}

/**
 * For routes whose policy cannot name one action (`return`): a role holding none of the action's
 * permissions is refused 403 and the refusal audited, as the authz hook does for the others.
 */
export async function assertMayAct(db: Db, ctx: Ctx, action: ApplicationAction, url: string): Promise<void> {
  const actor = requireActor(ctx);
  if (policyOf(actor, action)) return;
  await writeAudit(db, ctx, {
    action: 'authz.denied',
    outcome: 'denied',
    detail: `POST ${url} needs ${policiesOf(action).join(' or ')}`,
  });
  throw new AppError('FORBIDDEN');
}

function refused(refusal: Refusal, ctx: Ctx, gaps?: Completeness, free?: number[]) {
  const t = rankRefusalText(refusal, free) ?? REFUSAL_TEXT[refusal];
  if (refusal === 'incomplete' && gaps) {
    const details = gaps.gaps.map((g) => {
      const x = gapText(g, gaps.titles);
      return fieldError(x.field, g.kind, x.zh, x.en);
    });
    return new AppError('INCOMPLETE', details, {
      refusal,
      gaps: gaps.gaps.map((g) => gapItem(g, gaps.titles, ctx.lang)),
    });
  }
  const code =
    refusal === 'deadline_passed'
      ? 'DEADLINE_PASSED'
      : refusal === 'reason_required'
        ? 'VALIDATION_FAILED'
        : 'TRANSITION_REFUSED';
  return new AppError(code, [fieldError(REFUSAL_FIELD[refusal], refusal, t.zh, t.en)], { refusal });
}

/** A rank refusal says which ranks are still free (issue 7 §1.10). */
function rankRefusalText(refusal: Refusal, free?: number[]): { zh: string; en: string } | null {
  if (!free || (refusal !== 'rank_taken' && refusal !== 'rank_out_of_range')) return null;
  const t = REFUSAL_TEXT[refusal];
  return free.length === 0
    ? { zh: `${t.zh}；本单位推荐名额已用完`, en: `${t.en}; the unit's cap is used up` }
    : {
        zh: `${t.zh}；可选的推荐排序：${rankListText(free, 'zh')}`,
        en: `${t.en}; free ranks: ${rankListText(free, 'en')}`,
      };
}

const campaignOf = (c: repo.CampaignRow): TransitionInput['campaign'] => ({
  status: c.status,
  applicationOpensAt: c.applicationOpensAt,
  applicationClosesAt: c.applicationClosesAt,
  recommendationDeadline: c.recommendationDeadline,
});

const unitKey = (row: repo.ApplicationRow) => ({
  campaignId: row.campaignId,
  trackCode: row.trackCode,
  unitId: row.unitId,
});

async function recommendedState(tx: DbOrTx, row: repo.ApplicationRow, rank: number | null) {
  const others = await repo.recommendedOfUnit(tx, unitKey(row), row.id);
  const cap = await repo.unitCap(tx, row.campaignId, row.trackCode, row.unitId);
  return {
    count: others.length,
    cap,
    rank,
    takenRanks: others.flatMap((o) => (o.unitRank === null ? [] : [o.unitRank])),
    free: freeRanks(others, cap),
  };
}

export async function transition(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  action: ApplicationAction,
  input: TransitionBody,
): Promise<TransitionResult> {
  const actor = requireActor(ctx);
  const policy = policyOf(actor, action);
  if (!policy) throw new AppError('FORBIDDEN');
  const row = await repo.findInScope(tx, scopeOf(actor, policy), id, 'update');
  if (!row) throw new AppError('NOT_FOUND');
  // FOR SHARE: the campaign cannot change status under us, and transitions of one campaign run side by side.
  const campaign = (await repo.findCampaign(tx, row.campaignId, 'share'))!;
  if (input.version !== undefined && input.version !== row.version) throw versionConflict(row);
  const decision: TransitionInput = {
    action,
    status: row.status,
    role: actor.role,
    now: ctx.now,
    campaign: campaignOf(campaign),
    reason: input.reason ?? null,
  };
  // What the row's guards need besides the application and its campaign.
  const rule = ruleFor(action, row.status);
  const needs = new Set(rule?.guards?.flatMap((g) => g.needs ?? []));
  let gaps: Completeness | undefined;
  if (needs.has('gaps')) {
    gaps = await loadCompleteness(tx, row);
    decision.gaps = gaps.gaps.map((g) => g.kind);
  }
  let free: number[] | undefined;
  if (needs.has('unitList')) {
    await repo.lockUnitList(tx, unitKey(row));
    const { free: f, ...recommended } = await recommendedState(tx, row, input.rank ?? null);
    decision.recommended = recommended;
    free = f;
  }
  const d = decide(decision);
  if (!d.ok) throw refused(d.refusal, ctx, gaps, free);
  return writeTransition(tx, ctx, row, rule!, input);
}

/**
 * Writes a decided transition: the row's effects with who changed it, the history row, the audit event
 * and the notifications. A service applying a `system` row calls this after its own `decide()`.
 */
export async function writeTransition(
  tx: DbOrTx,
  ctx: Ctx,
  row: repo.ApplicationRow,
  rule: TransitionRow,
  input: EffectInput,
): Promise<TransitionResult> {
  const actor = requireActor(ctx);
  const { id } = row;
  const { action } = rule;
  const reason = noteOf(rule, input);
  const updated = (await repo.updateApplication(tx, id, row.version, {
    ...applyEffects(rule, input, ctx.now),
    updatedAt: ctx.now,
    updatedBy: actor.userId,
    updatedByName: actor.displayName,
  }))!;
  const event = await repo.insertEvent(tx, {
    applicationId: id,
    unitId: row.unitId,
    at: ctx.now,
    actorId: actor.userId,
    actorName: actor.displayName,
    role: actor.role,
    action,
    fromStatus: row.status,
    toStatus: rule.to,
    reason,
  });
  await writeAudit(tx, ctx, {
    action: `applications.${action}`,
    objectType: 'application',
    objectId: id,
    unitId: row.unitId,
    changes: diff(row, updated, ['status', 'unitOpinion', 'unitRank', 'returnedReason']),
    detail: reason,
  });
  const names = await repo.subjectNames(tx, updated);
  const recipients = (await recipientsOfOrganization(tx, updated)).filter((u) => u !== actor.userId);
  await notify(
    tx,
    recipients,
    transitionMessage(action, { id, ...names, reason: input.reason ?? null }),
    ctx.now,
  );
  return {
    application: {
      id,
      status: updated.status,
      version: updated.version,
      updatedAt: updated.updatedAt.toISOString(),
      submittedAt: updated.submittedAt?.toISOString() ?? null,
      recommendedAt: updated.recommendedAt?.toISOString() ?? null,
      acceptedAt: updated.acceptedAt?.toISOString() ?? null,
      unitRank: updated.unitRank,
      unitOpinion: updated.unitOpinion,
      returnedReason: updated.returnedReason,
    },
    event: repo.toHistory(event),
  };
}

/**
 * Applies a `system` row of the table (no route) for a service: the application FOR UPDATE, its campaign
 * FOR SHARE, `decide()` with the actor of `ctx`, then `writeTransition` — in the caller's transaction.
 * A refusal throws as a route's would (TRANSITION_REFUSED with the reason).
 */
export async function systemTransition(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  action: ApplicationAction,
  input: EffectInput = {},
): Promise<TransitionResult> {
  const actor = requireActor(ctx);
  const row = await repo.findInScope(tx, { kind: 'all' }, id, 'update');
  if (!row) throw new AppError('NOT_FOUND');
  const rule = ruleFor(action, row.status);
  if (!rule?.system) throw refused('wrong_status', ctx);
  const campaign = (await repo.findCampaign(tx, row.campaignId, 'share'))!;
  const d = decide({
    action,
    status: row.status,
    role: actor.role,
    now: ctx.now,
    campaign: campaignOf(campaign),
    reason: input.reason ?? null,
  });
  if (!d.ok) throw refused(d.refusal, ctx);
  return writeTransition(tx, ctx, row, rule, input);
}

/**
 * The campaign's own moves (to reviewing: start_review; to deciding: shortlist / not_select), one system
 * transition per application in the caller's transaction (history row, audit event, notifications).
 */
export async function applySystemTransitions(
  tx: DbOrTx,
  ctx: Ctx,
  moves: readonly { applicationId: string; action: ApplicationAction; input?: EffectInput }[],
): Promise<void> {
  for (const m of moves) await systemTransition(tx, ctx, m.applicationId, m.action, m.input);
}

/**
 * What the caller may do with this application now, computed with the same `decide()` as the
 * transitions (recommend without a rank, return with some reason): the page shows only these buttons.
 */
export async function abilitiesFor(
  db: DbOrTx,
  ctx: Ctx,
  row: repo.ApplicationRow,
  campaign: repo.CampaignRow,
  gaps: readonly Gap[],
): Promise<Abilities> {
  const actor = requireActor(ctx);
  const may = (action: ApplicationAction, extra: Partial<TransitionInput> = {}) =>
    policyOf(actor, action) !== null &&
    decide({
      action,
      status: row.status,
      role: actor.role,
      now: ctx.now,
      campaign: campaignOf(campaign),
      reason: 'x',
      ...extra,
    }).ok;
  const recommendable = may('recommend');
  return {
    edit: scopeFor(actor.role, 'applications.write') !== null && EDITABLE_STATUSES.includes(row.status),
    submit: may('submit', { gaps: gaps.map((g) => g.kind) }),
    withdraw: may('withdraw'),
    recommend: recommendable && may('recommend', { recommended: await recommendedState(db, row, null) }),
    return: may('return'),
    accept: may('accept'),
  };
}

/**
 * Runs one transition in its own transaction. An `idempotent` route (submit) needs an idempotency key: a
 * retry with the same key and payload answers the first response without a second transition.
 */
export async function runTransition(
  db: Db,
  ctx: Ctx,
  req: {
    id: string;
    action: ApplicationAction;
    body: TransitionBody;
    url: string;
    idempotent?: boolean;
    idempotencyKey?: string;
  },
): Promise<TransitionResult> {
  const actor = requireActor(ctx);
  await assertMayAct(db, ctx, req.action, req.url);
  if (!req.idempotent) return db.transaction((tx) => transition(tx, ctx, req.id, req.action, req.body));
  if (!req.idempotencyKey)
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        'headers.idempotency-key',
        'required',
        '提交时须带 Idempotency-Key 请求头',
        'Idempotency-Key header required',
      ),
    ]);
  const key = {
    actorId: actor.userId,
    key: req.idempotencyKey,
    hash: requestHash(`POST /api/applications/${req.id}/${req.action}`, req.body),
    now: ctx.now,
  };
  return idempotent(db, key, (tx) => transition(tx, ctx, req.id, req.action, req.body));
}
