import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#c7000b';

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
  },
};
