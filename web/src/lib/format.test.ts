import { describe, expect, it } from 'vitest';
import { DISPLAY_TIME_ZONE, formatDateTime, formatDateTimeSeconds, formatInZone } from './format';

describe('times are shown in Beijing time whatever the zone of the machine', () => {
  it('defaults to Asia/Shanghai', () => {
    expect(DISPLAY_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it('formats UTC instants as UTC+8, across midnight', () => {
    expect(formatDateTime('2026-03-01T06:05:00Z')).toBe('2026-03-01 14:05');
    expect(formatDateTime('2026-03-01T20:30:00.000Z')).toBe('2026-03-02 04:30');
    expect(formatDateTimeSeconds('2026-07-15T23:59:58Z')).toBe('2026-07-16 07:59:58');
    expect(formatDateTime('2026-03-01T14:05:00+08:00')).toBe('2026-03-01 14:05');
    expect(formatInZone('2026-12-31T16:00:00Z', 'HH:mm')).toBe('00:00');
  });

  it('shows a dash for nothing or garbage', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});
