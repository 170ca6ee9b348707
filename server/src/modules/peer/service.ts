/**
 * Peer mutual evaluation (互比互评, docs/EVALUATION.md): groups drawn with a recorded seed, one sheet per
 * member rated by its organisation's applicant (others by pseudonym only), scores into `stage_results`
 * (score.ts), and the committee's flags. The maths is `shared/src/domain/evaluation/{peer,draw}.ts`.
 */
import crypto from 'node:crypto';
import {
  canonicalJson,
  checkRatedTargets,
  compareIds,
  consensusCheck,
  drawGroups,
  DRAW_ALGORITHM,
  ratableMembers,
  reciprocalFavours,
  SEED_MAX,
  type PeerMember,
  type RankingProblemCode,
} from '../../../../shared/src/domain/evaluation';
import type { OrgKind } from '../../../../shared/src/enums';
import { ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import type {
  DrawPeerGroupsBody,
  PeerFlags,
  PeerGroupsView,
  PeerSheet,
  SavePeerSheetBody,
} from '../../../../shared/src/contracts/peer';
import type { ErrorCode, FieldError } from '../../../../shared/src/errors';
import type { Db, DbOrTx } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError, fieldError } from '../../core/errors';
import { versionConflictError } from '../../core/conflict';
import { assertObject, objectRefusal } from '../../core/object-rules';
import { writeAudit } from '../audit/write';
import { getStage, stageFacts, type StageRow } from '../stages/queries';
import * as repo from './repo';
import { pseudonymAt, pseudonymIndex } from './pseudonym';
import { ratingsOf, refreshPeerScores } from './score';

const sha256 = (value: unknown) => crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A peer stage the caller may manage, or 404 / 409 when it is another method. */
async function peerStage(db: DbOrTx, id: string, lock?: 'update'): Promise<StageRow> {
  const stage = await getStage(db, id, lock);
  if (!stage) throw new AppError('NOT_FOUND');
  if (stage.method !== 'peer') throw new AppError('STAGE_METHOD_MISMATCH');
  return stage;
}

interface Partition {
  trackCode: string;
  orgKind: OrgKind | null;
  applicationIds: string[];
}
interface DrawnGroup extends Partition {
  name: string;
}

/** Entrants by track × kind (venue tracks by track only), each partition's ids sorted. */
async function partitionsOf(db: DbOrTx, stageId: string): Promise<Partition[]> {
  const [rows, venueTracks] = await Promise.all([repo.entrants(db, stageId), repo.venueTracks(db)]);
  const byKey = new Map<string, Partition>();
  for (const e of rows) {
    const orgKind = venueTracks.has(e.trackCode) ? null : e.orgKind;
    const key = `${e.trackCode}|${orgKind ?? ''}`;
    const p = byKey.get(key) ?? { trackCode: e.trackCode, orgKind, applicationIds: [] };
    p.applicationIds.push(e.applicationId);
    byKey.set(key, p);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([, p]) => ({ ...p, applicationIds: [...p.applicationIds].sort(compareIds) }));
}

/** The groups of each partition: sessions of up to `groupSize` by lot, or one group (in drawn order). */
function drawAll(
  parts: Partition[],
  groupSize: number | null,
  seed: number,
  trackNames: Map<string, string>,
) {
  const groups: DrawnGroup[] = [];
  for (const p of parts) {
    const drawn = drawGroups(p.applicationIds, groupSize ?? Infinity, seed);
    const base = `${trackNames.get(p.trackCode) ?? p.trackCode}${p.orgKind ? `·${ORG_KIND_LABELS[p.orgKind]}` : ''}`;
    drawn.forEach((applicationIds, k) =>
      groups.push({
        trackCode: p.trackCode,
        orgKind: p.orgKind,
        applicationIds,
        name: groupSize === null ? base : `${base} 第${k + 1}组`,
      }),
    );
  }
  const inputs = { algorithm: DRAW_ALGORITHM, groupSize, partitions: parts };
  const result = {
    groups: groups.map((g) => ({
      trackCode: g.trackCode,
      orgKind: g.orgKind,
      applicationIds: g.applicationIds,
    })),
  };
  return { groups, inputs, result };
}

/** Draws a peer stage's groups: a preview writes nothing; a commit records the draw and creates the sheets. */
export async function drawPeerGroups(
  db: Db,
  ctx: Ctx,
  stageId: string,
  body: DrawPeerGroupsBody,
): Promise<PeerGroupsView> {
  scopeOf(ctx.actor, 'evaluation.manage');
  const actor = requireActor(ctx);
  const seed = body.seed ?? crypto.randomInt(0, SEED_MAX + 1);
  const build = async (tx: DbOrTx, stage: StageRow) => {
    if (stage.status !== 'open') throw new AppError('STAGE_CLOSED');
    const [parts, names, rows] = await Promise.all([
      partitionsOf(tx, stage.id),
      repo.trackNames(tx),
      repo.entrants(tx, stage.id),
    ]);
    return {
      ...drawAll(parts, stage.groupSize, seed, names),
      units: new Map(rows.map((e) => [e.applicationId, e.unitId])),
    };
  };
  if (body.preview) {
    const stage = await peerStage(db, stageId);
    const drawn = await build(db, stage);
    const orgNames = await repo.applicationNames(
      db,
      drawn.groups.flatMap((g) => g.applicationIds),
    );
    return {
      stageId,
      mode: stage.peerMode,
      groupSize: stage.groupSize,
      excludeOwnUnit: stage.excludeOwnUnit,
      preview: true,
      draw: { id: null, seed, inputsDigest: sha256(drawn.inputs), resultDigest: sha256(drawn.result) },
      groups: drawn.groups.map((g, i) => ({
        id: null,
        position: i + 1,
        name: g.name,
        trackCode: g.trackCode,
        orgKind: g.orgKind,
        members: g.applicationIds.map((applicationId, k) => ({
          applicationId,
          organizationName: orgNames.get(applicationId) ?? '',
          unitId: drawn.units.get(applicationId)!,
          pseudonym: pseudonymAt(k),
          sheetId: null,
          sheetStatus: null,
          score: null,
          ratedBy: 0,
        })),
      })),
    };
  }
  await db.transaction(async (tx) => {
    const stage = await peerStage(tx, stageId, 'update');
    const drawn = await build(tx, stage);
    const existing = await repo.sheetsOf(tx, { stageId }, true);
    if (existing.some((s) => s.status !== 'pending')) throw new AppError('PEER_GROUPS_FIXED');
    await repo.deleteGroups(tx, stageId);
    const units = drawn.units;
    const drawId = await repo.insertDraw(tx, {
      campaignId: stage.campaignId,
      stageId,
      kind: 'peer_groups',
      seed,
      inputs: drawn.inputs as never,
      result: drawn.result,
      inputsDigest: sha256(drawn.inputs),
      resultDigest: sha256(drawn.result),
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    for (const [i, g] of drawn.groups.entries()) {
      const groupId = await repo.insertGroup(tx, {
        stageId,
        position: i + 1,
        name: g.name,
        trackCode: g.trackCode,
        orgKind: g.orgKind,
        drawId,
      });
      const members = g.applicationIds.map((applicationId, k) => ({
        groupId,
        stageId,
        applicationId,
        unitId: units.get(applicationId)!,
        pseudonym: pseudonymAt(k),
      }));
      await repo.insertMembers(
        tx,
        members,
        members.map((m) => ({
          stageId,
          raterApplicationId: m.applicationId,
          groupId,
          unitId: m.unitId,
        })),
      );
    }
    for (const e of units.keys()) {
      await repo.writeStageResult(tx, stageId, e, {
        score: null,
        reviewCount: 0,
        spread: null,
        sd: null,
        updatedAt: ctx.now,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'peer.groups_draw',
      objectType: 'stage',
      objectId: stageId,
      detail: `seed ${seed}; ${drawn.groups.length} groups; ${units.size} members; draw ${drawId}`,
    });
  });
  return listPeerGroups(db, ctx, stageId);
}

/** The committee's view of a peer stage's groups: names, pseudonyms, sheet states and scores so far. */
export async function listPeerGroups(db: DbOrTx, ctx: Ctx, stageId: string): Promise<PeerGroupsView> {
  scopeOf(ctx.actor, 'evaluation.manage');
  const stage = await peerStage(db, stageId);
  const [groups, members, sheets, scores] = await Promise.all([
    repo.groupsOf(db, stageId),
    repo.membersOf(db, { stageId }),
    repo.sheetsOf(db, { stageId }),
    repo.stageScores(db, stageId),
  ]);
  const names = await repo.applicationNames(
    db,
    members.map((m) => m.applicationId),
  );
  const sheetOf = new Map(sheets.map((s) => [s.raterApplicationId, s]));
  const drawId = groups[0]?.drawId ?? null;
  const draw = drawId ? await repo.getDraw(db, drawId) : null;
  return {
    stageId,
    mode: stage.peerMode,
    groupSize: stage.groupSize,
    excludeOwnUnit: stage.excludeOwnUnit,
    preview: false,
    draw: draw
      ? { id: draw.id, seed: draw.seed, inputsDigest: draw.inputsDigest, resultDigest: draw.resultDigest }
      : null,
    groups: groups.map((g) => ({
      id: g.id,
      position: g.position,
      name: g.name,
      trackCode: g.trackCode,
      orgKind: g.orgKind,
      members: members
        .filter((m) => m.groupId === g.id)
        .sort((a, b) => pseudonymIndex(a.pseudonym) - pseudonymIndex(b.pseudonym))
        .map((m) => {
          const sheet = sheetOf.get(m.applicationId);
          const s = scores.get(m.applicationId);
          return {
            applicationId: m.applicationId,
            organizationName: names.get(m.applicationId) ?? '',
            unitId: m.unitId,
            pseudonym: m.pseudonym,
            sheetId: sheet?.id ?? null,
            sheetStatus: sheet?.status ?? null,
            score: s?.score ?? null,
            ratedBy: s?.reviewCount ?? 0,
          };
        }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Raters

interface SheetContext {
  sheet: repo.SheetRow;
  organizationId: string;
  stage: StageRow;
  members: repo.MemberRow[];
  groupName: string;
  /** The group's sheets (each rater's status) and its members' organisation names. */
  groupSheets: repo.SheetRow[];
  names: Map<string, string>;
}

const memberOf = (m: repo.MemberRow): PeerMember => ({ id: m.applicationId, unitId: m.unitId });

function sheetView(ctx: Ctx, c: SheetContext): PeerSheet {
  const { sheet, stage, members } = c;
  const byId = new Map(members.map((m) => [m.applicationId, m]));
  const me = byId.get(sheet.raterApplicationId)!;
  const ratable = ratableMembers(memberOf(me), members.map(memberOf), {
    excludeOwnUnit: stage.excludeOwnUnit,
  });
  const ratableIds = new Set(ratable.map((m) => m.id));
  const targets = ratable
    .map((m) => byId.get(m.id)!)
    .sort((a, b) => pseudonymIndex(a.pseudonym) - pseudonymIndex(b.pseudonym));
  const byPseudonym = (a: { pseudonym: string }, b: { pseudonym: string }) =>
    pseudonymIndex(a.pseudonym) - pseudonymIndex(b.pseudonym);
  const refused = objectRefusal(ctx, 'peer.rate', {
    memberOrganizationId: c.organizationId,
    stage: stageFacts(stage),
  });
  return {
    id: sheet.id,
    stage: {
      id: stage.id,
      nameZh: stage.nameZh,
      nameEn: stage.nameEn,
      status: stage.status,
      opensAt: stage.opensAt.toISOString(),
      closesAt: stage.closesAt.toISOString(),
    },
    mode: stage.peerMode,
    groupName: c.groupName,
    pseudonym: me.pseudonym,
    targets: targets.map((m) => ({
      pseudonym: m.pseudonym,
      organizationName: c.names.get(m.applicationId) ?? '',
    })),
    excluded: members
      .filter((m) => m !== me && !ratableIds.has(m.applicationId))
      .map((m) => ({ organizationName: c.names.get(m.applicationId) ?? '' }))
      .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'zh-CN')),
    raters: c.groupSheets
      .filter((s) => s.raterApplicationId !== me.applicationId)
      .map((s) => ({
        pseudonym: byId.get(s.raterApplicationId)?.pseudonym ?? '?',
        submitted: s.status === 'locked',
      }))
      .sort(byPseudonym),
    ranking: sheet.ranking.map((id) => byId.get(id)?.pseudonym ?? '?'),
    scores: Object.fromEntries(
      Object.entries(sheet.scores).map(([id, v]) => [byId.get(id)?.pseudonym ?? '?', v]),
    ),
    status: sheet.status,
    submittedAt: sheet.lockedAt?.toISOString() ?? null,
    version: sheet.version,
    editable: sheet.status !== 'locked' && refused === null,
  };
}

async function loadSheet(db: DbOrTx, ctx: Ctx, id: string, lock: boolean): Promise<SheetContext> {
  const found = await repo.getSheet(db, id, lock);
  if (!found) throw new AppError('NOT_FOUND');
  // The member's organisation must be the caller's (404 otherwise), checked before anything else is read.
  if (objectRefusal(ctx, 'peer.rate', { memberOrganizationId: found.organizationId }) === 'group_member') {
    throw new AppError('NOT_FOUND');
  }
  return contextOf(db, found.sheet, found.organizationId);
}

async function contextOf(db: DbOrTx, sheet: repo.SheetRow, organizationId: string): Promise<SheetContext> {
  const [stage, members, group, groupSheets] = await Promise.all([
    getStage(db, sheet.stageId),
    repo.membersOf(db, { groupId: sheet.groupId }),
    repo.getGroup(db, sheet.groupId),
    repo.sheetsOf(db, { groupId: sheet.groupId }),
  ]);
  const names = await repo.applicationNames(
    db,
    members.map((m) => m.applicationId),
  );
  return { sheet, organizationId, stage: stage!, members, groupName: group!.name, groupSheets, names };
}

/** The sheets of the caller's organisation, in every peer stage it entered. */
export async function mySheets(db: DbOrTx, ctx: Ctx): Promise<{ items: PeerSheet[] }> {
  const scope = scopeOf(ctx.actor, 'peer.rate');
  if (scope.kind !== 'org') return { items: [] };
  const sheets = await repo.sheetsOfOrganization(db, scope.orgId);
  const items: PeerSheet[] = [];
  for (const s of sheets) items.push(sheetView(ctx, await contextOf(db, s, scope.orgId)));
  return { items };
}

const PROBLEM_ERRORS: [RankingProblemCode, ErrorCode][] = [
  ['rates_itself', 'PEER_SELF_RATING'],
  ['rates_own_unit', 'PEER_OWN_UNIT'],
  ['duplicate', 'PEER_DUPLICATE'],
  ['unknown_member', 'VALIDATION_FAILED'],
  ['missing_member', 'PEER_SHEET_INCOMPLETE'],
];

const PROBLEM_TEXT: Record<RankingProblemCode, [string, string]> = {
  rates_itself: ['不能给自己评分或排名', 'You cannot rate yourself'],
  rates_own_unit: ['不能给本单位的组织评分或排名', 'You cannot rate an organisation of your own unit'],
  duplicate: ['该成员重复出现', 'This member appears more than once'],
  unknown_member: ['本组没有该成员', 'No such member in this group'],
  missing_member: ['尚未对该成员排名或评分', 'This member is not yet ranked or scored'],
};

/** The targets of a body (rank: the ranking; score: the keys) checked against the group; throws the first problem. */
function checkTargets(c: SheetContext, pseudonyms: string[], complete: boolean): string[] {
  const byPseudonym = new Map(c.members.map((m) => [m.pseudonym, m.applicationId]));
  const ids = pseudonyms.map((p) => byPseudonym.get(p) ?? `unknown:${p}`);
  const me = c.members.find((m) => m.applicationId === c.sheet.raterApplicationId)!;
  const problems = checkRatedTargets(memberOf(me), ids, c.members.map(memberOf), {
    excludeOwnUnit: c.stage.excludeOwnUnit,
  }).filter((p) => complete || p.code !== 'missing_member');
  const pseudonymOf = new Map(c.members.map((m) => [m.applicationId, m.pseudonym]));
  for (const [code, error] of PROBLEM_ERRORS) {
    const hits = problems.filter((p) => p.code === code);
    if (hits.length === 0) continue;
    const details: FieldError[] = hits.map((p) => {
      const name = pseudonymOf.get(p.targetId) ?? p.targetId.replace(/^unknown:/, '');
      const [zh, en] = PROBLEM_TEXT[code];
      return fieldError(`targets.${name}`, code, `${name}：${zh}`, `${name}: ${en}`);
    });
    throw new AppError(error, details);
  }
  return ids;
}

function checkScores(scores: Record<string, number>): void {
  const details = Object.entries(scores)
    .filter(([, v]) => !(Number.isFinite(v) && v >= 0 && v <= 100 && Number.isInteger(v * 2)))
    .map(([p]) =>
      fieldError(
        `scores.${p}`,
        'score_range',
        `${p}：分数须在 0–100 之间，步长 0.5`,
        `${p}: a score is 0–100 in steps of 0.5`,
      ),
    );
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

/** The pseudonyms a body rates, refusing the field of the other mode. */
function bodyTargets(c: SheetContext, body: SavePeerSheetBody): string[] {
  if (c.stage.peerMode === 'rank') {
    if (body.scores !== undefined || body.ranking === undefined) {
      throw new AppError('VALIDATION_FAILED', [
        fieldError(
          'ranking',
          'rank_mode',
          '本环节按排名互评，请提交排名',
          'This stage ranks: send a ranking',
        ),
      ]);
    }
    return body.ranking;
  }
  if (body.ranking !== undefined || body.scores === undefined) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError('scores', 'score_mode', '本环节按分数互评，请提交分数', 'This stage scores: send scores'),
    ]);
  }
  checkScores(body.scores);
  return Object.keys(body.scores);
}

async function writable(tx: DbOrTx, ctx: Ctx, id: string, version: number): Promise<SheetContext> {
  const c = await loadSheet(tx, ctx, id, true);
  assertObject(ctx, 'peer.rate', { memberOrganizationId: c.organizationId, stage: stageFacts(c.stage) });
  if (c.sheet.status === 'locked') throw new AppError('PEER_SHEET_LOCKED');
  if (c.sheet.version !== version) throw versionConflictError(c.sheet, null);
  return c;
}

/** Saves a draft of a sheet (partial rankings allowed; never itself, its own unit, or a member twice). */
export async function saveSheet(db: Db, ctx: Ctx, id: string, body: SavePeerSheetBody): Promise<PeerSheet> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const c = await writable(tx, ctx, id, body.version);
    const ids = checkTargets(c, bodyTargets(c, body), false);
    const sheet = await repo.updateSheet(tx, c.sheet, {
      ranking: c.stage.peerMode === 'rank' ? ids : [],
      scores:
        c.stage.peerMode === 'score'
          ? Object.fromEntries(Object.entries(body.scores!).map(([, v], i) => [ids[i]!, v] as const))
          : {},
      status: 'draft',
      raterUserId: actor.userId,
      version: c.sheet.version + 1,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'peer.sheet_save',
      objectType: 'peer_sheet',
      objectId: id,
      unitId: c.sheet.unitId,
    });
    return sheetView(ctx, { ...c, sheet });
  });
}

/** Submits (locks) a complete sheet and refreshes its group's peer scores, in one transaction. */
export async function submitSheet(db: Db, ctx: Ctx, id: string, version: number): Promise<PeerSheet> {
  const actor = requireActor(ctx);
  return db.transaction(async (tx) => {
    const c = await writable(tx, ctx, id, version);
    const saved =
      c.stage.peerMode === 'rank'
        ? c.sheet.ranking.map((tid) => c.members.find((m) => m.applicationId === tid)?.pseudonym ?? tid)
        : Object.keys(c.sheet.scores).map(
            (tid) => c.members.find((m) => m.applicationId === tid)?.pseudonym ?? tid,
          );
    checkTargets(c, saved, true);
    // One submit at a time per group, so each refresh sees every sheet submitted before it.
    await repo.getGroup(tx, c.sheet.groupId, true);
    const sheet = await repo.updateSheet(tx, c.sheet, {
      status: 'locked',
      lockedAt: ctx.now,
      raterUserId: actor.userId,
      version: c.sheet.version + 1,
      updatedAt: ctx.now,
    });
    await refreshPeerScores(tx, c.stage, c.sheet.groupId, ctx.now);
    await writeAudit(tx, ctx, {
      action: 'peer.sheet_submit',
      objectType: 'peer_sheet',
      objectId: id,
      unitId: c.sheet.unitId,
    });
    return sheetView(ctx, { ...c, sheet });
  });
}

// ---------------------------------------------------------------------------------------------------
// The committee's flags

/** Per group: each rater's Spearman ρ against the consensus without it, and reciprocal favour pairs. */
export async function peerFlags(db: DbOrTx, ctx: Ctx, stageId: string): Promise<PeerFlags> {
  scopeOf(ctx.actor, 'evaluation.manage');
  const stage = await peerStage(db, stageId);
  const [groups, members, sheets] = await Promise.all([
    repo.groupsOf(db, stageId),
    repo.membersOf(db, { stageId }),
    repo.sheetsOf(db, { stageId }),
  ]);
  const names = await repo.applicationNames(
    db,
    members.map((m) => m.applicationId),
  );
  const who = (applicationId: string) => ({
    applicationId,
    organizationName: names.get(applicationId) ?? '',
    pseudonym: members.find((m) => m.applicationId === applicationId)?.pseudonym ?? '',
  });
  return {
    stageId,
    spearmanThreshold: stage.spearmanThreshold,
    groups: groups.map((g) => {
      const own = sheets.filter((s) => s.groupId === g.id);
      const ratings = ratingsOf(own, stage.peerMode);
      return {
        groupId: g.id,
        name: g.name,
        submitted: own.filter((s) => s.status === 'locked').length,
        members: members.filter((m) => m.groupId === g.id).length,
        raters: consensusCheck(ratings, stage.peerMode, stage.spearmanThreshold).map((r) => ({
          ...who(r.raterId),
          rho: r.rho,
          n: r.n,
          flagged: r.flagged,
        })),
        reciprocalFavours: reciprocalFavours(ratings, stage.peerMode).map((f) => ({
          a: who(f.a),
          b: who(f.b),
          rankA: f.rankA,
          rankB: f.rankB,
          n: f.n,
        })),
      };
    }),
  };
}
