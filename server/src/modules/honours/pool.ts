/**
 * The pool view (蓄水池, issue #8 §4): for an honours round of a year, the candidates are the active
 * demonstration titles — each holder organisation with its secretary and contact as recorded, the final
 * score it was awarded on, its latest re-review and the honours it already has of that year — best score
 * first. Recommending one is recording the honour (service.ts `create`), one step from this list.
 */
import type { Db } from '../../db/client';
import type { PoolCandidate, PoolView } from '../../../../shared/src/contracts/honours';
import { candidates } from './pool-repo';

type Row = Awaited<ReturnType<typeof candidates>>[number];

const toCandidate = (r: Row): PoolCandidate => ({
  titleId: r.t.id,
  serial: r.t.serial,
  trackCode: r.t.trackCode,
  trackNameZh: r.trackNameZh,
  orgKind: r.t.orgKind,
  awardYear: r.t.year,
  holderName: r.t.holderName,
  organizationId: r.t.organizationId,
  organizationName: r.organizationName,
  unitName: r.unitName,
  secretary: r.secretary || null,
  contactName: r.contactName || null,
  finalScore: r.finalScore === null ? null : Math.round(Number(r.finalScore) * 100) / 100,
  rereview: r.rereview
    ? {
        roundName: r.rereview.roundName,
        outcome: r.rereview.outcome,
        decidedAt: r.rereview.decidedAt ? new Date(r.rereview.decidedAt).toISOString() : null,
      }
    : null,
  honoured: r.honoured ?? [],
});

export async function pool(db: Db, year: number): Promise<PoolView> {
  return { year, items: (await candidates(db, year)).map(toCandidate) };
}
