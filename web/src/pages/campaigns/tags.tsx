import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, CampaignStatus } from '../../../../shared/src/domain/application-workflow';
import { APPLICATION_STATUS_COLOR, CAMPAIGN_STATUS_COLOR } from '../../lib/campaigns';

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('campaigns');
  return (
    <Tag color={CAMPAIGN_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="campaign-status">
      {t(`campaignStatus.${status}`)}
    </Tag>
  );
}

export function AppStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={APPLICATION_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`appStatus.${status}`)}
    </Tag>
  );
}
