import { useEffect } from 'react';
import { Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createVenue, type Venue } from '../../../../shared/src/contracts/venues';
import { createVenueReq, patchVenueReq, VENUES } from '../../api/venues';
import { OrgPicker } from '../../components/OrgPicker';
import { useZodRule } from '../../components/useZodRule';
import { useAction } from '../../lib/useAction';
import { emptyToNull } from '../../lib/validation';

export type VenueFormTarget = { mode: 'create' } | { mode: 'edit'; venue: Venue };

interface Values {
  organizationId: string;
  name: string;
  address?: string | null;
  areaM2?: number | null;
  capacity?: number | null;
  facilities?: string | null;
  openedYear?: number | null;
  active?: boolean;
}

const FIELDS = [
  'organizationId',
  'name',
  'address',
  'areaM2',
  'capacity',
  'facilities',
  'openedYear',
  'active',
];
const S = createVenue.shape;

/** Create or edit a venue; the organisation is searched within the user's scope. */
export function VenueFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: VenueFormTarget | null;
  onClose: () => void;
  onSaved: (v: Venue) => void;
}) {
  const { t } = useTranslation('venues');
  const rule = useZodRule();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.venue : null;
  const save = useAction(
    (v: Values) => {
      const fields = emptyToNull({ name: v.name, address: v.address, facilities: v.facilities });
      const numbers = {
        areaM2: v.areaM2 ?? null,
        capacity: v.capacity ?? null,
        openedYear: v.openedYear ?? null,
      };
      return editing
        ? patchVenueReq(editing.id, {
            ...fields,
            ...numbers,
            active: v.active ?? true,
            version: editing.version,
          })
        : createVenueReq({ organizationId: v.organizationId, ...fields, ...numbers });
    },
    { invalidate: [VENUES], form, fields: FIELDS, reload: [VENUES], onConflict: onClose, onSuccess: onSaved },
  );

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue({ ...target.venue });
    else form.setFieldsValue({ active: true });
  }, [target, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    save.run(v);
  };

  return (
    <Modal
      open={!!target}
      title={editing ? t('editTitle', { name: editing.name }) : t('create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={save.busy}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 16 }}>
        {editing ? (
          <Form.Item label={t('field.organization')}>
            <Input value={editing.organizationName} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="organizationId"
            label={t('field.organization')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <OrgPicker data-testid="venue-form-org" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.name')} rules={[rule(S.name)]}>
          <Input maxLength={100} data-testid="venue-form-name" />
        </Form.Item>
        <Form.Item name="address" label={t('field.address')} rules={[rule(S.address)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="areaM2" label={t('field.areaM2')} rules={[rule(S.areaM2)]}>
              <InputNumber min={0} max={1000000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="capacity" label={t('field.capacity')} rules={[rule(S.capacity)]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="openedYear" label={t('field.openedYear')} rules={[rule(S.openedYear)]}>
              <InputNumber min={1921} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="facilities" label={t('field.facilities')} rules={[rule(S.facilities)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {editing ? (
          <Form.Item name="active" label={t('field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
