import { describe, expect, it } from 'vitest';
import { BRAND_RED, theme } from './theme';

/** Colours near the brand red or antd's error red would make a focused field look like an error. */
function isReddish(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x ?? '0', 16)) as [number, number, number];
  return r - Math.max(g, b) > 60;
}

describe('field borders under the red primary colour', () => {
  it('the brand red is reddish (the check works)', () => {
    expect(isReddish(BRAND_RED)).toBe(true);
    expect(isReddish('#ff4d4f')).toBe(true);
  });

  it.each(['Input', 'InputNumber', 'DatePicker', 'Select'] as const)(
    '%s hovers and focuses in a neutral colour, never red',
    (name) => {
      const c = theme.components?.[name] as { hoverBorderColor?: string; activeBorderColor?: string };
      expect(c?.hoverBorderColor).toBe('#8c8c8c');
      expect(c?.activeBorderColor).toBe('#434343');
      expect(isReddish(c.hoverBorderColor!)).toBe(false);
      expect(isReddish(c.activeBorderColor!)).toBe(false);
    },
  );
});
