/**
 * Certifying (确认命名) a publicity's list after its window: every listed application moves
 * `in_publicity → certified` through the workflow's `certify` row, and gets a title with the next serial
 * of its track and year, its validity and an unguessable verification token; the publicity is closed.
 * One transaction with one `titles.certify` audit event (besides each application's own transition
 * record); a refusal writes nothing.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, type Ctx } from '../../core/context';
import { AppError, fieldError, isUniqueViolation } from '../../core/errors';
import { invalidatePublic } from '../../core/public-cache';
import { writeAudit } from '../audit/write';
import { systemTransition } from '../applications/workflow';
import {
  closePublicity,
  listedApplicationIds,
  lockPublicity,
  openObjectionCount,
} from '../publicity/queries';
import { chinaDateOf } from '../../../../shared/src/domain/working-days';
import { TITLE_INITIAL_STATUS, titleSerial, validityEnd } from '../../../../shared/src/domain/title-workflow';
import { certifyBody, type CertifyBody, type CertifyResult } from '../../../../shared/src/contracts/titles';
import * as repo from './repo';

type Candidate = Awaited<ReturnType<typeof repo.certifiable>>[number];

/** 24 random bytes, url-safe: the verification page's token. */
export function newVerifyToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function windowOpen(endsAt: Date): AppError {
  return new AppError('PUBLICITY_WINDOW_OPEN', [
    fieldError(
      'endsAt',
      'window_open',
      `公示期至 ${chinaDateOf(new Date(endsAt.getTime() - 1))} 结束`,
      `The window ends on ${chinaDateOf(new Date(endsAt.getTime() - 1))}`,
    ),
  ]);
}

function objectionsOpen(n: number): AppError {
  return new AppError('OBJECTIONS_OPEN', [
    fieldError('objections', 'objections_open', `还有 ${n} 件异议未办结`, `${n} objection(s) still open`),
  ]);
}

function titleExists(names: string[]): AppError {
  return new AppError('TITLE_EXISTS', [
    fieldError(
      'holder',
      'title_exists',
      `已有同年度同类别称号：${names.join('、')}`,
      `Already titled this year and track: ${names.join(', ')}`,
    ),
  ]);
}

/** The refusals before anything is written: the publicity open, its window over, no objection open. */
async function checkCertifiable(tx: DbOrTx, ctx: Ctx, publicityId: string) {
  const p = await lockPublicity(tx, publicityId);
  if (!p) throw new AppError('NOT_FOUND');
  if (p.status !== 'open') throw new AppError('PUBLICITY_CLOSED');
  if (ctx.now.getTime() < p.endsAt.getTime()) throw windowOpen(p.endsAt);
  const open = await openObjectionCount(tx, p.id);
  if (open > 0) throw objectionsOpen(open);
  return p;
}

/** The new titles' rows: per track and year, serials in the list's order from the sequence. */
async function titleRows(
  tx: DbOrTx,
  ctx: Ctx,
  apps: Candidate[],
  years: number,
): Promise<repo.NewTitleRow[]> {
  const validFrom = chinaDateOf(ctx.now);
  const validUntil = validityEnd(validFrom, years);
  const groups = new Map<string, Candidate[]>();
  for (const a of apps) {
    const key = `${a.trackCode}|${a.year}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const rows: repo.NewTitleRow[] = [];
  for (const group of groups.values()) {
    const { trackCode, year } = group[0]!;
    const first = await repo.takeSerials(tx, trackCode, year, group.length);
    group.forEach((a, i) =>
      rows.push({
        serial: titleSerial(trackCode, year, first + i),
        campaignId: a.campaignId,
        applicationId: a.id,
        trackCode,
        orgKind: a.orgKind,
        year,
        subjectId: a.subjectId,
        organizationId: a.organizationId,
        venueId: a.venueId,
        unitId: a.unitId,
        holderName: a.venueName ?? a.organizationName,
        organizationName: a.organizationName,
        brandName: a.brandName,
        status: TITLE_INITIAL_STATUS,
        validityYears: years,
        validFrom,
        validUntil,
        verifyToken: newVerifyToken(),
        certifiedAt: ctx.now,
        updatedAt: ctx.now,
      }),
    );
  }
  return rows;
}

async function certifyIn(tx: DbOrTx, ctx: Ctx, publicityId: string, years: number) {
  const actor = requireActor(ctx);
  const p = await checkCertifiable(tx, ctx, publicityId);
  const ids = await listedApplicationIds(tx, p.id);
  const byId = new Map((await repo.certifiable(tx, ids)).map((a) => [a.id, a]));
  const apps = ids.map((id) => byId.get(id)!);
  const held = await repo.heldTitles(tx, apps);
  if (held.length) throw titleExists(held.map((t) => `${t.holderName}（${t.serial}）`));
  for (const id of ids) await systemTransition(tx, ctx, id, 'certify');
  const created = await repo.insertTitles(tx, await titleRows(tx, ctx, apps, years));
  await repo.insertEvents(
    tx,
    created.map((t) => ({
      titleId: t.id,
      at: ctx.now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'certify' as const,
      fromStatus: null,
      toStatus: t.status,
      reason: `公示期满确认命名（${p.title}）`,
    })),
  );
  await closePublicity(tx, p.id, ctx.now);
  await writeAudit(tx, ctx, {
    action: 'titles.certify',
    objectType: 'publicity',
    objectId: p.id,
    changes: {
      titles: { before: null, after: created.length },
      serials: { before: null, after: created.map((t) => t.serial).join(', ') },
      validityYears: { before: null, after: years },
    },
  });
  return created;
}

/** Which unique key a violation broke (PGlite and pg both name the constraint). */
function constraintOf(err: unknown): string | undefined {
  const e = err as { constraint?: string; cause?: { constraint?: string } };
  return e?.constraint ?? e?.cause?.constraint;
}

export async function certify(
  db: Db,
  ctx: Ctx,
  publicityId: string,
  input: CertifyBody,
  defaultYears: number,
): Promise<CertifyResult> {
  const body = certifyBody.parse(input);
  const years = body.validityYears ?? defaultYears;
  try {
    const created = await db.transaction((tx) => certifyIn(tx, ctx, publicityId, years));
    invalidatePublic(db);
    return {
      publicityId,
      certified: created.length,
      titles: await repo.summariesOf(
        db,
        created.map((t) => t.id),
      ),
    };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    if (constraintOf(err) === 'titles_serial_key') throw new AppError('TITLE_SERIAL_TAKEN');
    if (constraintOf(err) === 'titles_holder_key') throw titleExists([]);
    throw err;
  }
}
