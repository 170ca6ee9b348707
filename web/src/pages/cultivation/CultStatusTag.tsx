import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CultivationStatus } from '../../../../shared/src/contracts/cultivation';

export const CULT_STATUS_COLOR: Record<CultivationStatus, string> = {
  cultivating: 'processing',
  ready: 'success',
  applied: 'blue',
  dropped: 'default',
};

export function CultStatusTag({ status }: { status: CultivationStatus }) {
  const { t } = useTranslation('cultivation');
  return (
    <Tag color={CULT_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="cultivation-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
