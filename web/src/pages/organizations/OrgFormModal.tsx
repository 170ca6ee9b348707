import { useMemo, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { createOrganization, type Organization } from '../../../../shared/src/contracts/organizations';
import type { OrgKind } from '../../../../shared/src/enums';
import { canHaveChildren } from '../../../../shared/src/domain/org-rules';
import { createOrg, ORGS, patchOrg, useOrganization } from '../../api/organizations';
import { OrgPicker } from '../../components/OrgPicker';
import { useZodRule } from '../../components/useZodRule';
import { kindLabel } from '../../i18n/labels';
import { childKindsOf, editableKindsOf } from '../../lib/org-tree';
import { useAction } from '../../lib/useAction';
import { emptyToNull } from '../../lib/validation';

export type OrgFormTarget =
  { mode: 'create'; parent: Organization | null } | { mode: 'edit'; org: Organization };

interface Values {
  parentId?: string;
  code: string;
  name: string;
  shortName?: string | null;
  kind: OrgKind;
  secretary?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  memberCount?: number | null;
}

const FIELDS = [
  'parentId',
  'code',
  'name',
  'shortName',
  'kind',
  'secretary',
  'contactName',
  'contactPhone',
  'memberCount',
];
const S = createOrganization.shape;

/** Create an organisation under a parent, or edit one; kinds offered follow the tree rules. */
export function OrgFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: OrgFormTarget | null;
  onClose: () => void;
  onSaved: (o: Organization) => void;
}) {
  const { t } = useTranslation('organizations');
  const rule = useZodRule();
  const [form] = Form.useForm<Values>();
  const [parent, setParent] = useState<Organization | null>(target?.mode === 'create' ? target.parent : null);
  const editing = target?.mode === 'edit' ? target.org : null;
  const save = useAction(
    (v: Values) => {
      const body = emptyToNull({
        code: v.code,
        name: v.name,
        shortName: v.shortName,
        kind: v.kind,
        secretary: v.secretary,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
      });
      const memberCount = v.memberCount ?? 0;
      return editing
        ? patchOrg(editing.id, { ...body, memberCount, version: editing.version })
        : createOrg({ ...body, memberCount, parentId: v.parentId! });
    },
    { invalidate: [ORGS], form, fields: FIELDS, reload: [ORGS], onConflict: onClose, onSuccess: onSaved },
  );
  // For an edit, the parent's kind decides the kinds offered (it may be outside the user's view: then none).
  const parentQuery = useOrganization(editing?.parentId ?? null);

  // The page remounts this modal (a new `key`) for each target, so initial values are enough.
  const initialValues = useMemo<Partial<Values>>(() => {
    if (!target) return {};
    if (target.mode === 'create') {
      const kinds = childKindsOf(target.parent?.kind);
      return { parentId: target.parent?.id, kind: kinds.length === 1 ? kinds[0] : undefined, memberCount: 0 };
    }
    const o = target.org;
    return {
      code: o.code,
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      secretary: o.secretary,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      memberCount: o.memberCount,
    };
  }, [target]);

  const kinds: OrgKind[] = editing
    ? editableKindsOf(editing.kind, parentQuery.data?.kind ?? null, editing.childCount)
    : childKindsOf(parent?.kind);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    save.run(v);
  };

  return (
    <Modal
      open={!!target}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={save.busy}
      destroyOnHidden
      width={680}
      okButtonProps={{ 'data-testid': 'org-form-submit' } as ButtonProps}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues}
        style={{ marginTop: 16 }}
      >
        {editing ? null : (
          <Form.Item
            name="parentId"
            label={t('field.parent')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <OrgPicker
              initial={parent ? { id: parent.id, name: parent.name } : null}
              disabledFor={(o) => !canHaveChildren(o.kind)}
              onChange={(_id, org) => {
                setParent(org);
                form.setFieldValue('kind', undefined);
              }}
            />
          </Form.Item>
        )}
        {!editing && parent && kinds.length === 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('noChildKinds', { kind: kindLabel(t, parent.kind) })}
          />
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="kind"
              label={t('field.kind')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra={editing && kinds.length <= 1 ? t('kindFixed') : undefined}
            >
              <Select
                options={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                disabled={kinds.length === 0}
                data-testid="org-form-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t('field.code')} rules={[rule(S.code)]} extra={t('codeHint')}>
              <Input maxLength={32} className="sf-mono" data-testid="org-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('field.name')} rules={[rule(S.name)]}>
              <Input maxLength={100} data-testid="org-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="shortName" label={t('field.shortName')} rules={[rule(S.shortName)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="secretary" label={t('field.secretary')} rules={[rule(S.secretary)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactName" label={t('field.contactName')} rules={[rule(S.contactName)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={[rule(S.contactPhone)]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="memberCount" label={t('field.memberCount')} rules={[rule(S.memberCount)]}>
              <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
