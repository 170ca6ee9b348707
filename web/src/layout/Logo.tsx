import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BRAND_RED } from '../app/theme';

export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="32" height="32" rx="6" fill={BRAND_RED} />
      <path fill="#fff" d="M16 5.5l2.6 7.3h7.7l-6.2 4.6 2.4 7.4L16 20.2l-6.5 4.6 2.4-7.4-6.2-4.6h7.7z" />
    </svg>
  );
}

/** The mark and the product name; `compact` keeps only the mark's short name (phones). */
export function Logo({ compact = false, size = 28 }: { compact?: boolean; size?: number }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <LogoMark size={size} />
      <Typography.Text
        strong
        ellipsis
        style={{ fontSize: compact ? 15 : 17, color: '#1f1f1f', letterSpacing: compact ? 0 : 1 }}
      >
        {compact ? t('app.shortName') : t('app.name')}
      </Typography.Text>
    </span>
  );
}
