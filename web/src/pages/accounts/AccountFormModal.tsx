import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createAccount, emailAddress, type Account } from '../../../../shared/src/contracts/accounts';
import { SCOPED_ROLES, type Role } from '../../../../shared/src/enums';
import { ACCOUNTS, createAccountReq, patchAccountReq, type OneTimePassword } from '../../api/accounts';
import { PRIVILEGED_KEY, requestPrivileged } from '../../api/second-factor';
import { useApiError } from '../../app/useApiError';
import { grantNeedsFourEyes } from '../../../../shared/src/domain/four-eyes';
import { OrgPicker } from '../../components/OrgPicker';
import { useZodRule } from '../../components/useZodRule';
import { roleLabel } from '../../i18n/labels';
import { orgModeForRole } from '../../lib/accounts';

export type AccountFormTarget = { mode: 'create' } | { mode: 'edit'; account: Account };

interface Values {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  organizationId?: string | null;
  /** The reason of a four-eyes request (an administrator role given). */
  reason?: string;
}

const FIELDS = ['username', 'displayName', 'email', 'role', 'organizationId', 'reason'];
const S = createAccount.shape;

/** Optional: empty passes; otherwise the contract's address rule, as the server checks it. */
function checkEmail(value: unknown, message: string): Promise<void> {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return v === '' || emailAddress.safeParse(v).success
    ? Promise.resolve()
    : Promise.reject(new Error(message));
}

interface Props {
  target: AccountFormTarget | null;
  /** Roles the caller may give (MANAGEABLE_ROLES). */
  roles: readonly Role[];
  onClose: () => void;
  onCreated: (r: OneTimePassword) => void;
  onSaved: (a: Account) => void;
  /** An administrator role asked for (four-eyes): nothing made yet, another administrator decides. */
  onRequested: () => void;
}

/**
 * Create an account (answered with a one-time password) or edit its name, role and scope. Giving an
 * administrator role — a new administrator account, or a role or unit change that grants one — is not
 * done here but asked for (account_create / role_grant, AC-08): the form takes a reason and submits a
 * request that another administrator of a different role approves.
 */
export function AccountFormModal({ target, roles, onClose, onCreated, onSaved, onRequested }: Props) {
  const { t } = useTranslation('accounts');
  const rule = useZodRule();
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = target?.mode === 'edit' ? target.account : null;
  const role = Form.useWatch('role', form);
  const orgMode = role ? orgModeForRole(role) : null;
  const organizationIdNow = Form.useWatch('organizationId', form) as string | null | undefined;
  const grant =
    !!role &&
    grantNeedsFourEyes(editing, {
      role,
      organizationId: SCOPED_ROLES.includes(role) ? (organizationIdNow ?? null) : null,
    });

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const a = target.account;
      form.setFieldsValue({
        username: a.username,
        displayName: a.displayName,
        email: a.email,
        role: a.role,
        organizationId: a.organizationId,
      });
    } else if (roles.length === 1) form.setFieldsValue({ role: roles[0] });
  }, [target, form, roles]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    const organizationId = SCOPED_ROLES.includes(v.role) ? (v.organizationId ?? null) : null;
    const email = v.email?.trim() || null;
    setBusy(true);
    try {
      if (grant) {
        if (editing && (v.displayName.trim() !== editing.displayName || email !== editing.email))
          await patchAccountReq(editing.id, {
            displayName: v.displayName.trim(),
            email,
            version: editing.version,
          });
        await requestPrivileged(
          editing
            ? {
                kind: 'role_grant',
                targetUserId: editing.id,
                role: v.role,
                organizationId,
                reason: v.reason!.trim(),
              }
            : {
                kind: 'account_create',
                username: v.username.trim(),
                displayName: v.displayName.trim(),
                email,
                role: v.role,
                organizationId,
                reason: v.reason!.trim(),
              },
        );
        await qc.invalidateQueries({ queryKey: ACCOUNTS });
        await qc.invalidateQueries({ queryKey: PRIVILEGED_KEY });
        onRequested();
      } else if (editing) {
        const saved = await patchAccountReq(editing.id, {
          displayName: v.displayName.trim(),
          email,
          role: v.role,
          organizationId,
          version: editing.version,
        });
        await qc.invalidateQueries({ queryKey: ACCOUNTS });
        onSaved(saved);
      } else {
        const created = await createAccountReq({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          email,
          role: v.role,
          organizationId,
        });
        await qc.invalidateQueries({ queryKey: ACCOUNTS });
        onCreated(created);
      }
    } catch (e) {
      onError(e, { form, fields: FIELDS, reload: [ACCOUNTS], onConflict: onClose });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={editing ? t('editTitle', { name: editing.username }) : t('create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={grant ? t('fourEyes.grantSubmit') : t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'account-form-submit', danger: grant } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 16 }}>
        <Form.Item
          name="username"
          label={t('field.username')}
          rules={editing ? [] : [rule(S.username)]}
          extra={editing ? undefined : t('usernameHint')}
        >
          <Input
            maxLength={64}
            disabled={!!editing}
            autoComplete="off"
            className="sf-mono"
            data-testid="account-form-username"
          />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')} rules={[rule(S.displayName)]}>
          <Input maxLength={50} data-testid="account-form-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('field.email')}
          rules={[{ validator: (_r, v: unknown) => checkEmail(v, t('emailInvalid')) }]}
          extra={t('emailHint')}
        >
          <Input type="email" maxLength={254} autoComplete="off" data-testid="account-form-email" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('field.role')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            onChange={() => form.setFieldValue('organizationId', null)}
            data-testid="account-form-role"
          />
        </Form.Item>
        {orgMode ? (
          <Form.Item
            name="organizationId"
            label={orgMode === 'unit' ? t('field.unit') : t('field.organization')}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={orgMode === 'unit' ? t('unitHint') : t('orgHint')}
          >
            <OrgPicker
              mode={orgMode}
              initial={
                editing?.organizationId
                  ? { id: editing.organizationId, name: editing.organizationName ?? '' }
                  : null
              }
              data-testid="account-form-org"
            />
          </Form.Item>
        ) : null}
        {grant ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('fourEyes.needsApproval')}
              description={
                <>
                  {t(editing ? 'fourEyes.consequence.role_grant' : 'fourEyes.consequence.account_create', {
                    name: editing?.displayName ?? '',
                  })}
                  {editing ? <div>{t('fourEyes.grantOtherFields')}</div> : null}
                </>
              }
              data-testid="account-form-four-eyes"
            />
            <Form.Item
              name="reason"
              label={t('fourEyes.reason')}
              rules={[
                { required: true, whitespace: true, message: t('fourEyes.reasonRequired') },
                { max: 500 },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="account-form-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
