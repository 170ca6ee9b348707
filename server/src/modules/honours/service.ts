/**
 * The honours registry (先进典型, issue #8 §4): kinds, records per year of an organisation or a person,
 * read in the caller's titles scope with the person's name masked (张*明) everywhere but the committee's
 * detail. Writes are the committee's, each in one transaction with its audit event.
 */
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { writeAudit } from '../audit/write';
import { findOrganizationInScope } from '../organizations/queries';
import { maskPersonName } from '../../../../shared/src/domain/mask';
import {
  HONOUR_PROBLEM_TEXT,
  honourProblems,
  type HonourProblem,
} from '../../../../shared/src/domain/honours';
import type {
  CreateHonour,
  CreateHonourKind,
  HonourDetail,
  HonourKindView,
  HonourList,
  HonourListQuery,
  HonourSummary,
} from '../../../../shared/src/contracts/honours';
import * as repo from './repo';

const kindView = (k: repo.HonourKindRow): HonourKindView => ({
  code: k.code,
  nameZh: k.nameZh,
  nameEn: k.nameEn,
  subject: k.subject,
  builtIn: k.builtIn,
});

export async function listKinds(db: Db): Promise<{ items: HonourKindView[] }> {
  return { items: (await repo.allKinds(db)).map(kindView) };
}

export async function createKind(db: Db, ctx: Ctx, body: CreateHonourKind): Promise<HonourKindView> {
  requireActor(ctx);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertKind(tx, { ...body, builtIn: false, createdAt: ctx.now });
      await writeAudit(tx, ctx, {
        action: 'honours.kind_create',
        objectType: 'honour_kind',
        objectId: row.code,
        detail: `${row.nameZh}（${row.code}，${row.subject === 'person' ? '个人' : '组织'}）`,
      });
      return kindView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('HONOUR_KIND_EXISTS');
    throw err;
  }
}

/** The contract shape; the person's name masked unless `unmask`. */
export function toSummary(r: repo.HonourJoined, unmask = false): HonourSummary {
  const h = r.row;
  return {
    id: h.id,
    year: h.year,
    kindCode: h.kindCode,
    kindNameZh: r.kindNameZh,
    subject: h.subject,
    organizationId: h.organizationId,
    organizationName: r.organizationName,
    orgKind: r.orgKind,
    unitId: h.unitId,
    unitName: r.unitName,
    personName: unmask ? h.personName : maskPersonName(h.personName),
    personMasked: !unmask && h.personName !== null,
    personPosition: h.personPosition,
    documentNo: h.documentNo,
    awardedOn: h.awardedOn,
    createdAt: h.createdAt.toISOString(),
  };
}

export async function list(db: Db, ctx: Ctx, query: HonourListQuery): Promise<HonourList> {
  const { rows, total } = await repo.listHonours(db, scopeOf(requireActor(ctx), 'titles.read'), query);
  return { items: rows.map((r) => toSummary(r)), total };
}

export async function get(db: Db, ctx: Ctx, id: string): Promise<HonourDetail> {
  const actor = requireActor(ctx);
  const r = await repo.findHonour(db, scopeOf(actor, 'titles.read'), id);
  if (!r) throw new AppError('NOT_FOUND');
  return {
    ...toSummary(r, actor.role === 'committee_admin'),
    note: r.row.note,
    createdByName: r.row.createdByName,
  };
}

export function problemError(problems: HonourProblem[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    problems.map((p) =>
      fieldError(HONOUR_PROBLEM_TEXT[p].field, p, HONOUR_PROBLEM_TEXT[p].zh, HONOUR_PROBLEM_TEXT[p].en),
    ),
  );
}

const unknownKind = () =>
  new AppError('VALIDATION_FAILED', [
    fieldError('kindCode', 'unknown_kind', '没有这个表彰类型', 'No such honour kind'),
  ]);

/** A record ready to insert: the kind known, its subject's fields right, the organisation found. */
async function prepare(tx: DbOrTx, ctx: Ctx, body: CreateHonour): Promise<repo.NewHonourRow> {
  const actor = requireActor(ctx);
  const kind = (await repo.allKinds(tx)).find((k) => k.code === body.kindCode);
  if (!kind) throw unknownKind();
  const problems = honourProblems({ ...body, subject: kind.subject });
  if (problems.length) throw problemError(problems);
  const org = await findOrganizationInScope(tx, { kind: 'all' }, body.organizationId, 'share');
  if (!org) throw new AppError('NOT_FOUND');
  const person = kind.subject === 'person';
  return {
    year: body.year,
    kindCode: kind.code,
    subject: kind.subject,
    organizationId: org.id,
    unitId: org.unitId ?? org.id,
    personName: person ? body.personName!.trim() : null,
    personPosition: person ? body.personPosition?.trim() || null : null,
    documentNo: body.documentNo,
    awardedOn: body.awardedOn,
    note: body.note ?? null,
    createdAt: ctx.now,
    createdBy: actor.userId,
    createdByName: actor.displayName,
  };
}

/** The audit's words for a record: kind, year, holder (a person masked), document. */
export function auditText(
  h: repo.NewHonourRow,
  names: { organizationName: string; kindNameZh: string },
): string {
  const org = names.organizationName;
  const who = h.personName ? `${maskPersonName(h.personName)}（${org}）` : org;
  return `${h.year} 年度${names.kindNameZh}：${who}，${h.documentNo}`;
}

export async function create(db: Db, ctx: Ctx, body: CreateHonour): Promise<HonourDetail> {
  try {
    const id = await db.transaction(async (tx) => {
      const values = await prepare(tx, ctx, body);
      const [row] = await repo.insertHonours(tx, [values]);
      const joined = (await repo.findHonour(tx, { kind: 'all' }, row!.id))!;
      await writeAudit(tx, ctx, {
        action: 'honours.create',
        objectType: 'honour',
        objectId: row!.id,
        unitId: row!.unitId,
        detail: auditText(values, joined),
      });
      return row!.id;
    });
    return get(db, ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('HONOUR_EXISTS');
    throw err;
  }
}

export async function remove(db: Db, ctx: Ctx, id: string): Promise<{ ok: true }> {
  await db.transaction(async (tx) => {
    const r = await repo.findHonour(tx, { kind: 'all' }, id);
    if (!r) throw new AppError('NOT_FOUND');
    await repo.deleteHonour(tx, id);
    await writeAudit(tx, ctx, {
      action: 'honours.delete',
      objectType: 'honour',
      objectId: id,
      unitId: r.row.unitId,
      detail: auditText(r.row, r),
    });
  });
  return { ok: true };
}
