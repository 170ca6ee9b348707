/**
 * Standards (创建标准): a lineage whose content lives in immutable versions. Creating writes version 1;
 * every edit writes version `latest_version + 1` (campaigns keep pointing at the versions they copied);
 * deactivating takes a standard out of the defaults. One audit event per change, in the same transaction.
 */
import type { Db, DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { versionConflict } from '../audit/last-change';
import { diff, writeAudit } from '../audit/write';
import type {
  CreateStandard,
  CriterionInput,
  StandardDetail,
  StandardListQuery,
  StandardSummary,
  TrackListQuery,
  Track,
  UpdateStandard,
} from '../../../../shared/src/contracts/standards';
import { checkStandard, describeStandardProblem } from '../../../../shared/src/domain/standards';
import type { FieldError } from '../../../../shared/src/errors';
import * as repo from './repo';

export function listTracks(db: Db, _ctx: Ctx, q: TrackListQuery): Promise<{ items: Track[]; total: number }> {
  return repo.listTracks(db, q);
}

export function list(db: Db, _ctx: Ctx, q: StandardListQuery) {
  return repo.listStandards(db, q);
}

async function detail(db: DbOrTx, summary: StandardSummary, version: number): Promise<StandardDetail | null> {
  const v = await repo.getVersion(db, summary.id, version);
  if (!v) return null;
  const { totalPoints: _t, bonusCap: _b, criteriaCount: _c, ...rest } = summary;
  return { ...rest, version: v };
}

/** The standard with its latest version's criteria. */
export async function get(db: DbOrTx, _ctx: Ctx, id: string): Promise<StandardDetail> {
  const summary = await repo.getSummary(db, id);
  const out = summary && (await detail(db, summary, summary.latestVersion));
  if (!out) throw new AppError('NOT_FOUND');
  return out;
}

/** Any version of a standard, criteria in order. */
export async function getVersion(db: Db, _ctx: Ctx, id: string, version: number): Promise<StandardDetail> {
  const summary = await repo.getSummary(db, id);
  const out = summary && (await detail(db, summary, version));
  if (!out) throw new AppError('NOT_FOUND');
  return out;
}

type Content = Omit<UpdateStandard, 'latestVersion'>;

/** Field errors of a standard's content: kinds listed once, criteria by `checkStandard`. */
function contentProblems(body: Content): FieldError[] {
  const out: FieldError[] = [];
  if (new Set(body.orgKinds).size !== body.orgKinds.length)
    out.push(fieldError('orgKinds', 'duplicate', '党组织类型重复', 'A kind is listed twice'));
  for (const p of checkStandard(body.criteria, body.totalPoints, body.bonusCap)) {
    const d = describeStandardProblem(p);
    out.push(fieldError(d.field, d.code, d.zh, d.en));
  }
  return out;
}

function criterionRows(items: CriterionInput[]): repo.NewCriterionRow[] {
  return items.map((c) => ({
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    description: c.description ?? null,
    maxPoints: c.maxPoints,
    evidence: c.evidence ?? null,
    evidenceRequired: c.evidenceRequired,
    methods: c.methods,
    veto: c.veto,
    bonus: c.bonus,
  }));
}

/** A compact, readable form of a criteria set for the audit trail. */
function criteriaForAudit(
  items: readonly Pick<CriterionInput, 'titleZh' | 'maxPoints' | 'veto' | 'bonus'>[],
) {
  return items.map(
    (c, i) => `${i + 1}. ${c.titleZh} ${c.maxPoints}${c.bonus ? ' 加分' : ''}${c.veto ? ' 否决' : ''}`,
  );
}

const AUDITED = ['code', 'trackCode', 'orgKinds', 'nameZh', 'nameEn', 'active', 'latestVersion'] as const;

export async function create(db: Db, ctx: Ctx, body: CreateStandard): Promise<StandardDetail> {
  const problems = contentProblems(body);
  const [track] = await repo.findTracks(db, [body.track]);
  if (!track) problems.unshift(fieldError('track', 'unknown_track', '类别不存在', 'No such track'));
  else if (!track.active)
    problems.unshift(fieldError('track', 'inactive_track', '该类别已停用', 'The track is inactive'));
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertStandard(tx, {
        code: body.code,
        trackCode: body.track,
        orgKinds: body.orgKinds,
        nameZh: body.nameZh,
        nameEn: body.nameEn,
        latestVersion: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await repo.insertVersion(
        tx,
        {
          standardId: row.id,
          version: 1,
          totalPoints: body.totalPoints,
          bonusCap: body.bonusCap,
          note: body.note ?? null,
          createdBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
        },
        criterionRows(body.criteria),
      );
      const nothing = Object.fromEntries(AUDITED.map((f) => [f, null])) as Record<string, unknown>;
      await writeAudit(tx, ctx, {
        action: 'standards.create',
        objectType: 'standard',
        objectId: row.id,
        changes: {
          ...diff(nothing, row, [...AUDITED]),
          totalPoints: { before: null, after: body.totalPoints },
          bonusCap: { before: null, after: body.bonusCap },
          criteria: { before: null, after: criteriaForAudit(body.criteria) },
        },
      });
      return get(tx, ctx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('DUPLICATE', [
        fieldError('code', 'duplicate', '标准编码已存在', 'A standard with this code already exists'),
      ]);
    throw err;
  }
}

/** New content: always a new version (`latest_version + 1`); a stale `latestVersion` answers 409. */
export async function update(db: Db, ctx: Ctx, id: string, body: UpdateStandard): Promise<StandardDetail> {
  const { latestVersion, ...content } = body;
  return db.transaction(async (tx) => {
    const row = await repo.findStandard(tx, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    const problems = contentProblems(content);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
    if (row.latestVersion !== latestVersion)
      throw await versionConflict(tx, 'standard', {
        id,
        version: row.latestVersion,
        updatedAt: row.updatedAt,
      });
    const before = (await repo.getVersion(tx, id, row.latestVersion))!;
    const next = row.latestVersion + 1;
    await repo.insertVersion(
      tx,
      {
        standardId: id,
        version: next,
        totalPoints: content.totalPoints,
        bonusCap: content.bonusCap,
        note: content.note ?? null,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: ctx.now,
      },
      criterionRows(content.criteria),
    );
    const updated = await repo.updateStandard(tx, id, {
      orgKinds: content.orgKinds,
      nameZh: content.nameZh,
      nameEn: content.nameEn,
      latestVersion: next,
      updatedAt: ctx.now,
    });
    const changes = diff(row, updated, [...AUDITED]);
    const after = { totalPoints: content.totalPoints, bonusCap: content.bonusCap };
    for (const f of ['totalPoints', 'bonusCap'] as const)
      if (before[f] !== after[f]) changes[f] = { before: before[f], after: after[f] };
    const [was, now] = [criteriaForAudit(before.criteria), criteriaForAudit(content.criteria)];
    if (JSON.stringify(was) !== JSON.stringify(now)) changes.criteria = { before: was, after: now };
    await writeAudit(tx, ctx, {
      action: 'standards.version',
      objectType: 'standard',
      objectId: id,
      changes,
      detail: `version ${next}`,
    });
    return get(tx, ctx, id);
  });
}

/** Takes a standard out of use for new campaigns; campaigns that use one of its versions keep it. */
export async function deactivate(db: Db, ctx: Ctx, id: string): Promise<StandardDetail> {
  return db.transaction(async (tx) => {
    const row = await repo.findStandard(tx, id, 'update');
    if (!row) throw new AppError('NOT_FOUND');
    if (!row.active)
      throw new AppError('CONFLICT', [
        fieldError('active', 'already_inactive', '该标准已停用', 'The standard is already inactive'),
      ]);
    const updated = await repo.updateStandard(tx, id, { active: false, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'standards.deactivate',
      objectType: 'standard',
      objectId: id,
      changes: diff(row, updated, ['active']),
    });
    return get(tx, ctx, id);
  });
}
