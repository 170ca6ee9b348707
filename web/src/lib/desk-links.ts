/**
 * Where each count of a work desk leads: the list page with the filter that gives exactly that count
 * (the lists read their filters from the URL). One place, so the desk and its journeys agree.
 */
import { formatDateTime } from './format';

const withQuery = (path: string, q: Record<string, string>) => `${path}?${new URLSearchParams(q).toString()}`;

export const deskLinks = {
  applications: (status: string) => withQuery('/applications', { status }),
  application: (id: string) => `/applications/${id}`,
  recommend: (campaignId: string, track?: string) =>
    withQuery('/recommend', track ? { campaign: campaignId, track } : { campaign: campaignId }),
  cultivation: (milestones: 'due' | 'overdue') => withQuery('/cultivation', { milestones }),
  intake: (campaignId: string, status: string, unitId?: string) =>
    withQuery(
      '/intake',
      unitId ? { campaign: campaignId, status, unit: unitId } : { campaign: campaignId, status },
    ),
  campaign: (campaignId: string) => `/campaigns/${campaignId}`,
  stage: (campaignId: string, stageId: string) => `/campaigns/${campaignId}/stages/${stageId}`,
  accounts: (q: Record<string, string>) => withQuery('/accounts', q),
  audit: (q: Record<string, string>) => withQuery('/audit', q),
  reviews: (stageId: string) => withQuery('/reviews', { stage: stageId }),
};

/** Days, hours and minutes from `now` to `at` (all zero once past). */
export function remaining(
  at: string,
  now: Date,
): { days: number; hours: number; minutes: number; past: boolean } {
  const ms = new Date(at).getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0, past: true };
  const minutes = Math.floor(ms / 60_000);
  return {
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
    past: false,
  };
}

/** `YYYY-MM-DD HH:mm` in the display zone (Beijing time), whatever the browser's zone: the pages' one formatter. */
export function beijingTime(iso: string): string {
  return formatDateTime(iso);
}
