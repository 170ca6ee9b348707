import dayjs, { type Dayjs } from 'dayjs';
import { DISPLAY_TIME_ZONE, inDisplayZone } from './format';

/**
 * Date-range filters (issue #7 §4). The picker shows and picks wall-clock values; they mean Beijing time
 * (the display zone), whatever the browser's zone. Pure helpers between the picker, the URL and the API.
 */
export type PickerRange = [Dayjs | null, Dayjs | null] | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` days in the URL → the picker's value (null when neither is a day). */
export function daysToPicker(from: string | undefined, to: string | undefined): PickerRange {
  const day = (s: string | undefined) => (s && DAY.test(s) && dayjs(s).isValid() ? dayjs(s) : null);
  const a = day(from);
  const b = day(to);
  return a || b ? [a, b] : null;
}

/** The picker's value → `YYYY-MM-DD` days for the URL and the API (the days as picked, no zone shift). */
export function pickerToDays(range: PickerRange): { from?: string; to?: string } {
  const day = (d: Dayjs | null | undefined) => (d && d.isValid() ? d.format('YYYY-MM-DD') : undefined);
  return { from: day(range?.[0]), to: day(range?.[1]) };
}

/** An instant → a picker value showing its wall-clock time in the display zone. */
export function instantToPicker(iso: string | undefined): Dayjs | null {
  const z = inDisplayZone(iso);
  return z ? dayjs(z.format('YYYY-MM-DDTHH:mm:ss')) : null;
}

/** A picked wall-clock time, read as display-zone time → an ISO instant with its offset. */
export function pickerToInstant(d: Dayjs | null | undefined): string | undefined {
  if (!d || !d.isValid()) return undefined;
  return dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), DISPLAY_TIME_ZONE).format();
}
