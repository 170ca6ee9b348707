import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { daysToPicker, instantToPicker, pickerToDays, pickerToInstant } from './date-range';

describe('date ranges between the picker, the URL and the API', () => {
  it('keeps days as picked, both ends optional', () => {
    expect(pickerToDays([dayjs('2026-03-01'), dayjs('2026-03-31T23:59')])).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(pickerToDays([null, dayjs('2026-03-31')])).toEqual({ from: undefined, to: '2026-03-31' });
    expect(pickerToDays(null)).toEqual({ from: undefined, to: undefined });
  });

  it('reads days back from the URL, ignoring what is not a day', () => {
    const r = daysToPicker('2026-03-01', '2026-03-31');
    expect(r?.map((d) => d?.format('YYYY-MM-DD'))).toEqual(['2026-03-01', '2026-03-31']);
    expect(daysToPicker(undefined, '2026-03-31')?.map((d) => d?.format('YYYY-MM-DD') ?? null)).toEqual([
      null,
      '2026-03-31',
    ]);
    expect(daysToPicker('yesterday', '2026-3-1')).toBeNull();
    expect(daysToPicker(undefined, undefined)).toBeNull();
  });

  it('reads a picked time as Beijing time, whatever the machine’s zone', () => {
    expect(pickerToInstant(dayjs('2026-03-01T08:30:00'))).toBe('2026-03-01T08:30:00+08:00');
    expect(new Date(pickerToInstant(dayjs('2026-03-01T00:00:00'))!).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(pickerToInstant(null)).toBeUndefined();
  });

  it('shows an instant at its Beijing wall-clock time, and round-trips', () => {
    expect(instantToPicker('2026-02-28T16:00:00Z')?.format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 00:00');
    expect(pickerToInstant(instantToPicker('2026-02-28T16:05:00.000Z'))).toBe('2026-03-01T00:05:00+08:00');
    expect(instantToPicker(undefined)).toBeNull();
  });
});
