/**
 * Printing (打印): the naming decision of a campaign, one title's certificate or plaque, and a batch of a
 * campaign's or year's certificates as one PDF, streamed a page of titles at a time (bounded memory).
 * Each print is audited before the first byte. The QR code opens `<base>/verify/<token>`, where `base`
 * is SHIFAN_PUBLIC_URL or the address the request came to.
 */
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import { requireActor, scopeOf, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { attachment } from '../../core/http-files';
import { streamFrom } from '../../core/xlsx';
import { writeAudit } from '../audit/write';
import type { PrintQuery, TitleSummary } from '../../../../shared/src/contracts/titles';
import { chinaDateOf } from '../../../../shared/src/domain/working-days';
import { writeBatch, writeDecision } from './pdf';
import { templateFor } from './templates';
import * as repo from './repo';

export interface PdfOut {
  stream: Readable;
  disposition: string;
}

const PAGE = 100;
export const PRINT_MAX = 20_000;

async function audit(db: Db, ctx: Ctx, detail: Record<string, unknown>, objectId?: string) {
  await writeAudit(db, ctx, {
    action: 'titles.print',
    objectType: 'title',
    objectId: objectId ?? null,
    detail: JSON.stringify(detail),
  });
}

/** The naming decision (命名决定) of a campaign: its certified titles by track and kind. */
export async function printDecision(
  db: Db,
  ctx: Ctx,
  campaignId: string,
  onError: (e: unknown) => void,
): Promise<PdfOut> {
  const campaign = await repo.findCampaign(db, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND');
  const ids = await repo.matchingIds(db, { kind: 'all' }, { campaignId, sort: 'serial' }, PRINT_MAX);
  const titles = await repo.summariesOf(db, ids);
  const template = await templateFor(db, 'decision');
  await audit(db, ctx, { document: 'decision', campaignId, titles: titles.length });
  const issuedOn = titles[0]?.validFrom ?? chinaDateOf(ctx.now);
  const doc = { year: campaign.year, campaignName: campaign.name, issuedOn, titles };
  return {
    stream: streamFrom((out) => writeDecision(out, template, doc, ctx.now), onError),
    disposition: attachment(`命名决定-${campaign.year}.pdf`, `naming-decision-${campaign.year}.pdf`),
  };
}

/** Reads `ids` a page at a time, with each page's verification tokens. */
function batchOf(db: Db, ids: string[]) {
  let at = 0;
  let tokenOf = new Map<string, string>();
  return {
    async nextPage(): Promise<TitleSummary[]> {
      const slice = ids.slice(at, (at += PAGE));
      if (slice.length === 0) return [];
      tokenOf = await repo.tokensOf(db, slice);
      return repo.summariesOf(db, slice);
    },
    token: (id: string) => tokenOf.get(id) ?? '',
  };
}

/** Certificates (or plaques) of a campaign or a year as one PDF, in serial order. */
export async function printBatch(
  db: Db,
  ctx: Ctx,
  query: PrintQuery,
  base: string,
  onError: (e: unknown) => void,
): Promise<PdfOut> {
  const scope = scopeOf(requireActor(ctx), 'titles.manage');
  const filter = { campaignId: query.campaignId, year: query.year, sort: 'serial' as const };
  const ids = await repo.matchingIds(db, scope, filter, PRINT_MAX);
  const template = await templateFor(db, query.kind);
  await audit(db, ctx, { document: query.kind, ...filter, titles: ids.length });
  const pages = batchOf(db, ids);
  const src = {
    template,
    kind: query.kind,
    nextPage: () => pages.nextPage(),
    verifyUrlOf: (t: TitleSummary) => `${base}/verify/${pages.token(t.id)}`,
  };
  const label = query.year ?? 'campaign';
  return {
    stream: streamFrom(async (out) => void (await writeBatch(out, src, ctx.now)), onError),
    disposition: attachment(
      `${query.kind === 'plaque' ? '牌匾' : '证书'}-${label}.pdf`,
      `${query.kind}s-${label}.pdf`,
    ),
  };
}

/** One title's certificate or plaque. */
export async function printOne(
  db: Db,
  ctx: Ctx,
  id: string,
  kind: 'certificate' | 'plaque',
  base: string,
  onError: (e: unknown) => void,
): Promise<PdfOut> {
  const row = await repo.findTitle(db, scopeOf(requireActor(ctx), 'titles.manage'), id);
  if (!row) throw new AppError('NOT_FOUND');
  const template = await templateFor(db, kind);
  await audit(db, ctx, { document: kind, serial: row.row.serial }, id);
  let given = false;
  const src = {
    template,
    kind,
    nextPage: async () => (given ? [] : ((given = true), [repo.toSummary(row)])),
    verifyUrlOf: () => `${base}/verify/${row.row.verifyToken}`,
  };
  return {
    stream: streamFrom(async (out) => void (await writeBatch(out, src, ctx.now)), onError),
    disposition: attachment(
      `${kind === 'plaque' ? '牌匾' : '证书'}-${row.row.serial}.pdf`,
      `${kind}-${row.row.serial}.pdf`,
    ),
  };
}
