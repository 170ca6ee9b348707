import { useEffect, useState } from 'react';
import { Form, Input, Modal, Radio, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CULTIVATIONS, createCultivationReq } from '../../api/cultivation';
import { useTracks } from '../../api/standards';
import { useApiError } from '../../app/useApiError';
import { SubjectField } from '../../components/SubjectField';
import { bilingual } from '../../i18n/labels';

interface Values {
  trackCode: string;
  organizationId?: string | null;
  venueId?: string | null;
  plan?: string;
}
const FIELDS = ['trackCode', 'organizationId', 'venueId', 'plan'];

interface Props {
  open: boolean;
  onClose: () => void;
  /** Opens the new candidate's detail. */
  onCreated: (id: string) => void;
}

/** 列入培育库: the track, then the organisation (site tracks) or the venue (venue tracks), and a plan. */
export function NewCultivationModal({ open, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation('cultivation');
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const tracks = (useTracks().data?.items ?? []).filter((tr) => tr.active);
  const trackCode = Form.useWatch('trackCode', form);
  const track = tracks.find((tr) => tr.code === trackCode);

  const firstTrack = tracks[0]?.code;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // The subject is never preselected (issue 7 §1.2): the organisation or venue is chosen, not assumed.
    form.setFieldsValue({ trackCode: firstTrack });
  }, [open, firstTrack, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !track) return;
    setBusy(true);
    try {
      const created = await createCultivationReq({
        trackCode: v.trackCode,
        ...(track.subject === 'venue'
          ? { venueId: v.venueId ?? undefined }
          : { organizationId: v.organizationId ?? undefined }),
        plan: v.plan?.trim() || undefined,
      });
      await qc.invalidateQueries({ queryKey: CULTIVATIONS });
      onClose();
      onCreated(created.id);
    } catch (e) {
      onError(e, { form, fields: FIELDS });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open={open}
      title={t('newTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('add')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'new-cultivation-submit' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item name="trackCode" label={t('field.track')} rules={required}>
          <Radio.Group
            optionType="button"
            data-testid="new-cultivation-track"
            options={tracks.map((tr) => ({
              value: tr.code,
              label: bilingual(i18n.language, tr.nameZh, tr.nameEn),
            }))}
          />
        </Form.Item>
        <SubjectField
          venueTrack={track?.subject === 'venue'}
          testIdPrefix="new-cultivation"
          text={{
            venue: t('field.venue'),
            venueHint: t('venueHint'),
            venuePlaceholder: t('venuePlaceholder'),
            organization: t('field.organization'),
            orgHint: t('orgHint'),
          }}
        />
        <Form.Item name="plan" label={t('field.plan')}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            placeholder={t('planPlaceholder')}
            data-testid="new-cultivation-plan"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
