import { useEffect, useState } from 'react';
import { Form, Input, Modal, Radio, Select, Switch, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { emailAddress } from '../../../../shared/src/contracts/accounts';
import { createReviewer, type Reviewer } from '../../../../shared/src/contracts/reviewers';
import { createReviewerReq, patchReviewerReq, REVIEWERS, type CreatedReviewer } from '../../api/reviewers';
import { useApiError } from '../../app/useApiError';
import { OrgPicker } from '../../components/OrgPicker';
import { useZodRule } from '../../components/useZodRule';

export type ReviewerFormTarget = { mode: 'create' } | { mode: 'edit'; reviewer: Reviewer };

interface Values {
  username: string;
  displayName: string;
  email?: string | null;
  affiliationKind: 'tree' | 'external';
  affiliationOrgId?: string | null;
  externalAffiliation?: string | null;
  title?: string | null;
  expertise: string[];
  available: boolean;
  availabilityNote?: string | null;
}

const FIELDS = [
  'username',
  'displayName',
  'email',
  'affiliationOrgId',
  'externalAffiliation',
  'title',
  'expertise',
  'available',
  'availabilityNote',
];
const S = createReviewer.shape;

function checkEmail(value: unknown, message: string): Promise<void> {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return v === '' || emailAddress.safeParse(v).success
    ? Promise.resolve()
    : Promise.reject(new Error(message));
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

interface Props {
  target: ReviewerFormTarget | null;
  onClose: () => void;
  onCreated: (r: CreatedReviewer) => void;
  onSaved: (r: Reviewer) => void;
}

/**
 * Add an expert (a `reviewer` account, answered with its one-time password) or edit the profile: where the
 * expert comes from (an organisation of the tree — which drives derived conflicts — or an outside
 * institution), title, expertise tags and availability.
 */
export function ReviewerFormModal({ target, onClose, onCreated, onSaved }: Props) {
  const { t } = useTranslation('evaluation');
  const rule = useZodRule();
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = target?.mode === 'edit' ? target.reviewer : null;
  const kind = Form.useWatch('affiliationKind', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const r = target.reviewer;
      form.setFieldsValue({
        username: r.username,
        displayName: r.displayName,
        email: r.email,
        affiliationKind: r.affiliationOrgId ? 'tree' : 'external',
        affiliationOrgId: r.affiliationOrgId,
        externalAffiliation: r.externalAffiliation,
        title: r.title,
        expertise: r.expertise,
        available: r.available,
        availabilityNote: r.availabilityNote,
      });
    } else form.setFieldsValue({ affiliationKind: 'tree', expertise: [], available: true });
  }, [target, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    const all = form.getFieldsValue(true) as Values;
    const profile = {
      affiliationOrgId: all.affiliationKind === 'tree' ? (all.affiliationOrgId ?? null) : null,
      externalAffiliation: all.affiliationKind === 'external' ? blank(all.externalAffiliation) : null,
      title: blank(all.title),
      expertise: (all.expertise ?? []).map((x) => x.trim()).filter(Boolean),
      available: all.available,
      availabilityNote: blank(all.availabilityNote),
    };
    setBusy(true);
    try {
      if (editing) {
        const saved = await patchReviewerReq(editing.id, { ...profile, version: editing.version });
        await qc.invalidateQueries({ queryKey: REVIEWERS });
        onSaved(saved);
      } else {
        const created = await createReviewerReq({
          username: all.username.trim(),
          displayName: all.displayName.trim(),
          email: blank(all.email),
          ...profile,
        });
        await qc.invalidateQueries({ queryKey: REVIEWERS });
        onCreated(created);
      }
    } catch (e) {
      onError(e, { form, fields: FIELDS, reload: [REVIEWERS], onConflict: onClose });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={editing ? t('pool.editTitle', { name: editing.displayName }) : t('pool.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
      okButtonProps={{ 'data-testid': 'reviewer-form-submit' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 16 }}>
        <Form.Item
          name="username"
          label={t('pool.username')}
          rules={editing ? [] : [rule(S.username)]}
          extra={editing ? undefined : t('pool.usernameHint')}
        >
          <Input
            maxLength={64}
            disabled={!!editing}
            autoComplete="off"
            className="sf-mono"
            data-testid="reviewer-form-username"
          />
        </Form.Item>
        <Form.Item name="displayName" label={t('pool.name')} rules={editing ? [] : [rule(S.displayName)]}>
          <Input maxLength={50} disabled={!!editing} data-testid="reviewer-form-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('pool.email')}
          rules={[{ validator: (_r, v: unknown) => checkEmail(v, t('pool.emailInvalid')) }]}
        >
          <Input type="email" maxLength={254} autoComplete="off" disabled={!!editing} />
        </Form.Item>
        <Form.Item name="affiliationKind" label={t('pool.affiliation')} extra={t('pool.affiliationHint')}>
          <Radio.Group
            options={[
              { value: 'tree', label: t('pool.affiliationTree') },
              { value: 'external', label: t('pool.affiliationExternal') },
            ]}
          />
        </Form.Item>
        {kind === 'external' ? (
          <Form.Item
            name="externalAffiliation"
            label={t('pool.externalAffiliation')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input
              maxLength={100}
              placeholder={t('pool.externalPlaceholder')}
              data-testid="reviewer-form-external"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="affiliationOrgId"
            label={t('pool.affiliationOrg')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <OrgPicker
              initial={
                editing?.affiliationOrgId
                  ? { id: editing.affiliationOrgId, name: editing.affiliationOrgName ?? '' }
                  : null
              }
              data-testid="reviewer-form-org"
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('pool.title')}>
          <Input maxLength={50} placeholder={t('pool.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="expertise" label={t('pool.expertise')} extra={t('pool.expertiseHint')}>
          <Select
            mode="tags"
            maxCount={20}
            tokenSeparators={[',', '，', '、']}
            open={false}
            suffixIcon={null}
          />
        </Form.Item>
        <Form.Item
          name="available"
          label={t('pool.available')}
          valuePropName="checked"
          extra={t('pool.availableHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="availabilityNote" label={t('pool.availabilityNote')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
