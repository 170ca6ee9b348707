/** Times shown to people and put in file names are China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** A time in China as `YYYY-MM-DD HH:mm`; '' for none. Takes a Date or an ISO string. */
export function chinaTime(d: Date | string | null): string {
  if (d === null || d === '') return '';
  const ms = typeof d === 'string' ? new Date(d).getTime() : d.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A time in China to the second, `YYYY-MM-DD HH:mm:ss` (audit records). */
export function chinaTimeSeconds(d: Date | string): string {
  const ms = typeof d === 'string' ? new Date(d).getTime() : d.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The date in China as `YYYYMMDD`, for file names. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The date in China as `YYYY-MM-DD` (today's date for deadlines and milestones). */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in China of the day `d` falls on, as an instant. */
export function chinaMidnight(d: Date): Date {
  const day = 86_400_000;
  return new Date(Math.floor((d.getTime() + CHINA_OFFSET_MS) / day) * day - CHINA_OFFSET_MS);
}
