import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { ORGS, setOrgActive } from '../../api/organizations';
import { useApiError } from '../../app/useApiError';

/** Deactivate or activate an organisation after a confirmation. */
export function useToggleActive(onDone?: (o: Organization) => void) {
  const { modal, message } = App.useApp();
  const { t } = useTranslation('organizations');
  const qc = useQueryClient();
  const onError = useApiError();
  return (org: Organization) => {
    const activate = !org.active;
    modal.confirm({
      title: activate ? t('activateTitle', { name: org.name }) : t('deactivateTitle', { name: org.name }),
      content: activate ? t('activateText') : t('deactivateText'),
      okText: activate ? t('activate') : t('deactivate'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const saved = await setOrgActive(org.id, activate, org.version);
          await qc.invalidateQueries({ queryKey: ORGS });
          message.success(activate ? t('activated') : t('deactivated'));
          onDone?.(saved);
        } catch (e) {
          onError(e, { reload: [ORGS] });
        }
      },
    });
  };
}
