/** What leaves the server of a campaign: the summary of lists and the detail with all its settings. */
import type { DbOrTx } from '../../db/client';
import type { CampaignDetail, CampaignSummary } from '../../../../shared/src/contracts/campaigns';
import { nextCampaignStatus, TIMELINE_ORDER } from '../../../../shared/src/domain/campaign-rules';
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import * as standardQueries from '../standards/queries';
import * as repo from './repo';
import { missingSlots } from './settings';

const kindOrder = (k: OrgKind | null) => (k === null ? -1 : ORG_KINDS.indexOf(k));

function timelineOut(row: repo.CampaignRow): CampaignSummary['timeline'] {
  return Object.fromEntries(
    TIMELINE_ORDER.map((f) => [f, row[f].toISOString()]),
  ) as CampaignSummary['timeline'];
}

export function summaryOf(row: repo.CampaignRow & { tracks: string[] }): CampaignSummary {
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    status: row.status,
    tracks: row.tracks,
    timeline: timelineOut(row),
    openedAt: row.openedAt?.toISOString() ?? null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function detailOf(db: DbOrTx, row: repo.CampaignRow): Promise<CampaignDetail> {
  const tracks = await repo.loadTracks(db, row.id);
  const slots = await repo.loadStandards(db, row.id);
  const quotas = await repo.loadQuotas(db, row.id);
  const caps = await repo.loadCaps(db, row.id);
  const info = new Map(
    (
      await standardQueries.versionsInfo(
        db,
        slots.map((s) => s.standardVersionId),
      )
    ).map((v) => [v.standardVersionId, v]),
  );
  const trackOrder = (t: string) => tracks.findIndex((x) => x.track === t);
  const bySlot = <T extends { track: string; orgKind: OrgKind | null }>(a: T, b: T) =>
    trackOrder(a.track) - trackOrder(b.track) || kindOrder(a.orgKind) - kindOrder(b.orgKind);
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    status: row.status,
    nextStatus: nextCampaignStatus(row.status),
    timeline: timelineOut(row),
    openedAt: row.openedAt?.toISOString() ?? null,
    copiedFromId: row.copiedFromId,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    tracks: tracks.map((t) => ({
      track: t.track,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      subject: t.subject,
      eligibleKinds: t.eligibleKinds,
    })),
    standards: slots
      .map((s) => {
        const v = info.get(s.standardVersionId)!;
        return {
          track: s.track,
          orgKind: s.orgKind,
          standardId: v.standardId,
          standardVersionId: s.standardVersionId,
          code: v.code,
          version: v.version,
          nameZh: v.nameZh,
          nameEn: v.nameEn,
        };
      })
      .sort(bySlot),
    missingStandards: missingSlots(
      tracks.map((t) => ({ track: t.track, subject: t.subject, eligibleKinds: t.eligibleKinds })),
      slots,
    ),
    quotas: [...quotas].sort(bySlot),
    unitCaps: caps,
  };
}
