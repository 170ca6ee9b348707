import { useRef } from 'react';
import { App, Button, Input, Tooltip, type ButtonProps } from 'antd';
import { FilePdfOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/src/contracts/applications';
import { dossierUrl, transitionReq } from '../../api/applications';
import { ApiError, CLIENT_CODES } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import type { ApplicationSaver } from './useApplicationSaver';

/** Submit (with confirmation and an idempotency key per click), withdraw, and the dossier PDF. */
export function ApplicationActions({
  detail,
  saver,
  onDone,
}: {
  detail: ApplicationDetail;
  saver: ApplicationSaver;
  /** After a workflow step: reload the record. */
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('applications');
  const { modal, message } = App.useApp();
  const onError = useApiError();
  const reason = useRef('');

  const submit = () => {
    // One key per click: retrying this dialog after a lost answer cannot submit twice.
    const key = crypto.randomUUID();
    modal.confirm({
      title: t('submitTitle'),
      content: detail.gaps.length ? t('submitGaps', { n: detail.gaps.length }) : t('submitText'),
      okText: t('submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'submit-confirm' } as ButtonProps,
      onOk: async () => {
        await saver.flush();
        if (saver.hasConflict()) return;
        try {
          await transitionReq(detail.id, 'submit', { version: saver.version() ?? detail.version }, key);
          message.success(t('submitted'));
          await onDone();
        } catch (e) {
          onError(e);
          if (e instanceof ApiError && e.code === CLIENT_CODES.network) throw e; // keep the dialog for a retry
          await onDone();
        }
      },
    });
  };

  const withdraw = () => {
    reason.current = '';
    modal.confirm({
      title: t('withdrawTitle'),
      content: (
        <Input.TextArea
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('withdrawReason')}
          onChange={(e) => (reason.current = e.target.value)}
          data-testid="withdraw-reason"
        />
      ),
      okText: t('withdraw'),
      okButtonProps: { danger: true, 'data-testid': 'withdraw-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        await saver.flush();
        try {
          await transitionReq(detail.id, 'withdraw', { reason: reason.current.trim() || null });
          message.success(t('withdrawn'));
        } catch (e) {
          onError(e);
        }
        await onDone();
      },
    });
  };

  return (
    <>
      <Button
        icon={<FilePdfOutlined />}
        href={dossierUrl(detail.id)}
        target="_blank"
        data-testid="dossier-pdf"
      >
        {t('dossier')}
      </Button>
      {detail.abilities.withdraw ? (
        <Button icon={<RollbackOutlined />} onClick={withdraw} data-testid="withdraw">
          {t('withdraw')}
        </Button>
      ) : null}
      {detail.abilities.submit ? (
        <Button type="primary" icon={<SendOutlined />} onClick={submit} data-testid="submit">
          {t('submit')}
        </Button>
      ) : detail.abilities.edit ? (
        <Tooltip title={t('submitBlocked')}>
          <Button type="primary" icon={<SendOutlined />} disabled data-testid="submit">
            {t('submit')}
          </Button>
        </Tooltip>
      ) : null}
    </>
  );
}
