/**
 * The 优进劣出 figures for the committee: per year the titles added (by award year) and kept, rectified,
 * revoked and expired (by the China year of the decision), the standing pool and its turnover, and the
 * places revocations free per track and kind for the next campaign (shared/src/domain/rereview.ts).
 */
import type { Db } from '../../db/client';
import type { TitleFiguresView } from '../../../../shared/src/contracts/rereviews';
import { titleFigures, type FigureEvent } from '../../../../shared/src/domain/rereview';
import { chinaDateOf } from '../../../../shared/src/domain/working-days';
import * as repo from './repo';

export async function figures(db: Db): Promise<TitleFiguresView> {
  const [titles, events, tracks] = await Promise.all([
    repo.figureTitles(db),
    repo.figureEvents(db),
    repo.trackNames(db),
  ]);
  const names = new Map(tracks.map((t) => [t.code, t.nameZh]));
  const f = titleFigures(
    titles,
    events.map((e) => ({
      titleId: e.titleId,
      action: e.action as FigureEvent['action'],
      year: Number(chinaDateOf(e.at).slice(0, 4)),
    })),
  );
  return {
    years: f.years,
    freed: f.freed.map((x) => ({ ...x, trackNameZh: names.get(x.trackCode) ?? x.trackCode })),
  };
}
