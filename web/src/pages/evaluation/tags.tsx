import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageMethod, StageStatus } from '../../../../shared/src/domain/stages';
import type { Reviewer } from '../../../../shared/src/contracts/reviewers';

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

/** Where an expert comes from: an organisation of the tree, or an outside one (tagged 外部). */
export function Affiliation({
  r,
}: {
  r: Pick<Reviewer, 'affiliationOrgId' | 'affiliationOrgName' | 'externalAffiliation'>;
}) {
  const { t } = useTranslation('evaluation');
  if (r.affiliationOrgId) return <span>{r.affiliationOrgName ?? '—'}</span>;
  if (!r.externalAffiliation)
    return <Typography.Text type="secondary">{t('pool.noAffiliation')}</Typography.Text>;
  return (
    <Flex gap={4} align="center" wrap>
      <span>{r.externalAffiliation ?? '—'}</span>
      <Tag style={{ marginInlineEnd: 0 }}>{t('pool.externalTag')}</Tag>
    </Flex>
  );
}

export function AvailableTag({ r }: { r: Pick<Reviewer, 'available' | 'availabilityNote'> }) {
  const { t } = useTranslation('evaluation');
  const tag = (
    <Tag color={r.available ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
      {r.available ? t('pool.availableYes') : t('pool.availableNo')}
    </Tag>
  );
  return r.availabilityNote ? <Tooltip title={r.availabilityNote}>{tag}</Tooltip> : tag;
}
