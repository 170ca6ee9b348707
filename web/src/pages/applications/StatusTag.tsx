import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../shared/src/domain/application-workflow';
import { applicationStatusLabel } from '../../i18n/labels';

export const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  recommended: 'blue',
  accepted: 'cyan',
  returned: 'warning',
  withdrawn: 'default',
  in_review: 'geekblue',
  shortlisted: 'purple',
  not_selected: 'default',
  proposed: 'gold',
  in_publicity: 'orange',
  certified: 'success',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="application-status">
      {applicationStatusLabel(t, status)}
    </Tag>
  );
}
