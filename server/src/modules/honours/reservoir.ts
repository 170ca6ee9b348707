/**
 * The 蓄水池 report (issue #8 §4): per year, how many honours went to holders of a demonstration title
 * standing on the honour's date — an organisation honour when the organisation or its unit held one, a
 * person honour when the person's organisation did — per honour kind and per track and org kind
 * (shared/src/domain/honours.ts `reservoirReport`).
 */
import type { Db } from '../../db/client';
import type { ReservoirReportView } from '../../../../shared/src/contracts/honours';
import { reservoirReport } from '../../../../shared/src/domain/honours';
import type { OrgKind } from '../../../../shared/src/enums';
import * as repo from './repo';

const earlier = (a: string, b: string | null) => (b !== null && b < a ? b : a);

export async function reservoir(db: Db): Promise<ReservoirReportView> {
  const [honours, spans, kinds, tracks] = await Promise.all([
    repo.reportHonours(db),
    repo.titleSpans(db),
    repo.allKinds(db),
    repo.trackNames(db),
  ]);
  const kindName = new Map(kinds.map((k) => [k.code, k.nameZh]));
  const trackName = new Map(tracks.map((t) => [t.code, t.nameZh]));
  const years = reservoirReport(
    honours,
    spans.map((t) => ({ ...t, endsOn: earlier(t.validUntil, t.endedOn) })),
  );
  return {
    years: years.map((y) => ({
      ...y,
      byKind: y.byKind.map((k) => ({ ...k, kindNameZh: kindName.get(k.kindCode) ?? k.kindCode })),
      byTrack: y.byTrack.map((t) => ({
        ...t,
        orgKind: t.orgKind as OrgKind,
        trackNameZh: trackName.get(t.trackCode) ?? t.trackCode,
      })),
    })),
  };
}
