import { useState } from 'react';
import { Alert, Descriptions, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { moveOrg, ORGS } from '../../api/organizations';
import { OrgPicker } from '../../components/OrgPicker';
import { KindTag } from '../../components/tags';
import { canMoveUnder } from '../../lib/org-tree';
import { useAction } from '../../lib/useAction';

/**
 * Moves an organisation (and its subtree) under a new parent picked by search;  the OK is the confirmation.
 * The page remounts it (a new `key`) for each organisation, so its state starts fresh.
 */
export function MoveOrgModal({
  org,
  onClose,
  onMoved,
}: {
  org: Organization | null;
  onClose: () => void;
  onMoved: (o: Organization) => void;
}) {
  const { t } = useTranslation('organizations');
  const [form] = Form.useForm<{ parentId: string }>();
  const [target, setTarget] = useState<Organization | null>(null);
  const move = useAction((o: Organization & { to: string }) => moveOrg(o.id, o.to, o.version), {
    invalidate: [ORGS],
    form,
    fields: ['parentId'],
    reload: [ORGS],
    onConflict: onClose,
    onSuccess: onMoved,
  });

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !org) return;
    move.run({ ...org, to: v.parentId });
  };

  return (
    <Modal
      open={!!org}
      title={t('moveTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('moveConfirm')}
      okButtonProps={{ disabled: !target, danger: true }}
      confirmLoading={move.busy}
      destroyOnHidden
    >
      {org ? (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ margin: '16px 0' }}
            items={[
              {
                key: 'org',
                label: t('moveWhat'),
                children: (
                  <>
                    {org.name} <KindTag kind={org.kind} />
                  </>
                ),
              },
              { key: 'children', label: t('field.childCount'), children: org.childCount },
            ]}
          />
          <Form form={form} layout="vertical">
            <Form.Item
              name="parentId"
              label={t('moveTo')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra={t('moveHint')}
            >
              <OrgPicker
                disabledFor={(o) => !canMoveUnder(org.kind, org.id, o) || o.id === org.parentId}
                onChange={(_id, o) => setTarget(o)}
                data-testid="org-move-target"
              />
            </Form.Item>
          </Form>
          {target ? (
            <Alert
              type="warning"
              showIcon
              title={t('moveWarning', { name: org.name, parent: target.name })}
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
