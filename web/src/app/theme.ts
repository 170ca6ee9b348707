import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#c7000b';

/**
 * Fields hover and focus in ink grey, not the primary red: under a red primary colour a red border reads
 * as an error (only `status="error"` is red).
 */
export const FIELD_FOCUS = {
  hoverBorderColor: '#8c8c8c',
  activeBorderColor: '#434343',
  activeShadow: '0 0 0 2px rgba(0, 0, 0, 0.08)',
} as const;

/** A restrained official red on neutral greys; squarer corners than antd's default. */
export const theme: ThemeConfig = {
  cssVar: { key: 'shifan' },
  token: {
    colorPrimary: BRAND_RED,
    colorLink: '#a8000a',
    colorInfo: '#1d5fa8',
    borderRadius: 4,
    colorBgLayout: '#f3f4f6',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemSelectedBg: '#fdecec', itemSelectedColor: BRAND_RED, activeBarBorderWidth: 0 },
    Table: { headerBg: '#f7f7f8' },
    Input: FIELD_FOCUS,
    InputNumber: FIELD_FOCUS,
    DatePicker: FIELD_FOCUS,
    Mentions: FIELD_FOCUS,
    Select: {
      hoverBorderColor: FIELD_FOCUS.hoverBorderColor,
      activeBorderColor: FIELD_FOCUS.activeBorderColor,
      activeOutlineColor: 'rgba(0, 0, 0, 0.08)',
    },
  },
};
