import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageMethod, StageStatus } from '../../../../shared/src/domain/stages';

const STATUS_COLOR: Record<StageStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };
const METHOD_COLOR: Record<StageMethod, string> = {
  criteria_scoring: 'blue',
  presentation: 'purple',
  peer: 'cyan',
  gate: 'volcano',
};

export function StageStatusTag({ status }: { status: StageStatus }) {
  const { t } = useTranslation('evaluation');
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="stage-status">
      {t(`stageStatus.${status}`)}
    </Tag>
  );
}

export function MethodTag({ method }: { method: StageMethod }) {
  const { t } = useTranslation('evaluation');
  return (
    <Tag color={METHOD_COLOR[method]} style={{ marginInlineEnd: 0 }}>
      {t(`method.${method}`)}
    </Tag>
  );
}
