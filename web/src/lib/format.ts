import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The zone every page shows times in, like the PDF and Excel files: Beijing time unless the build
 * sets `VITE_SHIFAN_TIME_ZONE` (an IANA name). The browser's own zone never decides.
 */
export const DISPLAY_TIME_ZONE: string =
  (import.meta.env?.VITE_SHIFAN_TIME_ZONE as string | undefined) || 'Asia/Shanghai';

/** The instant `iso` in the display zone; null for nothing or garbage. */
export function inDisplayZone(iso: string | number | Date | null | undefined): Dayjs | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TIME_ZONE) : null;
}

/** `iso` formatted with a dayjs pattern in the display zone; '—' for nothing. */
export function formatInZone(iso: string | number | Date | null | undefined, pattern: string): string {
  return inDisplayZone(iso)?.format(pattern) ?? '—';
}

/** `2026-03-01 14:05` in the display zone (Beijing time); '—' for nothing. */
export function formatDateTime(iso: string | null | undefined): string {
  return formatInZone(iso, 'YYYY-MM-DD HH:mm');
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return formatInZone(iso, 'YYYY-MM-DD HH:mm:ss');
}

/** Today's date (YYYY-MM-DD) in the display zone. */
export function todayInZone(): string {
  return dayjs().tz(DISPLAY_TIME_ZONE).format('YYYY-MM-DD');
}
