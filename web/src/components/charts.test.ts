import { describe, expect, it } from 'vitest';
import { BRAND_RED as CHART_RED, CHART_PALETTE } from '../../../shared/src/charts/spec';
import { BRAND_RED, theme } from '../app/theme';

describe('chart palette', () => {
  it('starts with the product red of the antd theme', () => {
    expect(CHART_RED).toBe(BRAND_RED);
    expect(CHART_PALETTE[0]).toBe(theme.token?.colorPrimary);
  });
});
