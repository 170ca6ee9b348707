import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/src/contracts/accounts';
import type { PrivilegedKind } from '../../../../shared/src/contracts/privileged-requests';
import { PRIVILEGED_KEY, requestPrivileged } from '../../api/second-factor';
import { useApiError } from '../../app/useApiError';

export interface PrivilegedAsk {
  kind: PrivilegedKind;
  account: Account;
}

/**
 * Asks for a privileged action on an administrator account (four-eyes, AC-08): the consequence stated,
 * a reason required; another administrator of a different role approves it on the 账户安全 page.
 */
export function PrivilegedRequestModal({ ask, onClose }: { ask: PrivilegedAsk | null; onClose: () => void }) {
  const { t } = useTranslation('accounts');
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (ask) form.resetFields();
  }, [ask, form]);
  const name = ask ? `${ask.account.displayName}（${ask.account.username}）` : '';
  const submit = async () => {
    if (!ask) return;
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await requestPrivileged({ kind: ask.kind, targetUserId: ask.account.id, reason: reason.trim() });
      await qc.invalidateQueries({ queryKey: PRIVILEGED_KEY });
      Modal.success({ title: t('fourEyes.submitted'), content: t('fourEyes.submittedText') });
      onClose();
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!ask}
      title={ask ? t(`fourEyes.title.${ask.kind}`, { name }) : ''}
      okText={t('fourEyes.submit')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'privileged-ask-submit' }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {ask ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '16px 0' }}
          title={t('fourEyes.needsApproval')}
          description={t(`fourEyes.consequence.${ask.kind}`, { name })}
        />
      ) : null}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('fourEyes.reason')}
          rules={[{ required: true, whitespace: true, message: t('fourEyes.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="privileged-ask-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
