import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { ORGS, setOrgActive } from '../../api/organizations';
import { useApiError } from '../../app/useApiError';

/** Deactivate or activate an organisation after a confirmation. */
export function useToggleActive(onDone?: (o: Organization) => void) {
  const { modal, message } = App.useApp();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const onError = useApiError();
  return (org: Organization) => {
    const activate = !org.active;
    modal.confirm({
      title: activate
        ? t('org.activateTitle', { name: org.name })
        : t('org.deactivateTitle', { name: org.name }),
      content: activate ? t('org.activateText') : t('org.deactivateText'),
      okText: activate ? t('org.activate') : t('org.deactivate'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const saved = await setOrgActive(org.id, activate, org.version);
          await qc.invalidateQueries({ queryKey: ORGS });
          message.success(activate ? t('org.activated') : t('org.deactivated'));
          onDone?.(saved);
        } catch (e) {
          onError(e, { reload: [ORGS] });
        }
      },
    });
  };
}
