import { useEffect, useState } from 'react';
import { Form, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import { APPLICATIONS, createApplicationReq } from '../../api/applications';
import { useApiError } from '../../app/useApiError';
import { SubjectField } from '../../components/SubjectField';
import { bilingual } from '../../i18n/labels';

interface Values {
  campaignId: string;
  trackCode: string;
  organizationId?: string | null;
  venueId?: string | null;
}
const FIELDS = ['campaignId', 'trackCode', 'organizationId', 'venueId'];

interface Props {
  open: boolean;
  campaigns: CampaignDetail[];
  /** The campaign whose card was clicked. */
  campaignId: string | null;
  onClose: () => void;
}

/** 新建申报: campaign, track, then the applying organisation (site) or the venue (venue track). */
export function NewApplicationModal({ open, campaigns, campaignId, onClose }: Props) {
  const { t, i18n } = useTranslation('applications');
  const onError = useApiError();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const chosenId = Form.useWatch('campaignId', form);
  const chosenCampaign = campaigns.find((c) => c.id === chosenId);
  const trackCode = Form.useWatch('trackCode', form);
  const track = chosenCampaign?.tracks.find((tr) => tr.track === trackCode);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const c = campaigns.find((x) => x.id === campaignId) ?? campaigns[0];
    // The subject is never preselected (issue 7 §1.2): one click must not create a draft for the wrong
    // organisation: the user picks it.
    form.setFieldsValue({ campaignId: c?.id, trackCode: c?.tracks[0]?.track });
  }, [open, campaignId, campaigns, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !track) return;
    setBusy(true);
    try {
      const created = await createApplicationReq({
        campaignId: v.campaignId,
        trackCode: v.trackCode,
        ...(track.subject === 'venue'
          ? { venueId: v.venueId ?? undefined }
          : { organizationId: v.organizationId ?? undefined }),
      });
      await qc.invalidateQueries({ queryKey: APPLICATIONS });
      onClose();
      void navigate(`/applications/${created.id}`);
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
      okText={t('create')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'new-application-submit' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          name="campaignId"
          label={t('field.campaign')}
          rules={required}
          hidden={campaigns.length < 2}
        >
          <Select
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: string) => {
              const c = campaigns.find((x) => x.id === id);
              form.setFieldsValue({ trackCode: c?.tracks[0]?.track });
            }}
          />
        </Form.Item>
        <Form.Item name="trackCode" label={t('field.track')} rules={required}>
          <Radio.Group
            optionType="button"
            data-testid="new-application-track"
            options={(chosenCampaign?.tracks ?? []).map((tr) => ({
              value: tr.track,
              label: bilingual(i18n.language, tr.nameZh, tr.nameEn),
            }))}
          />
        </Form.Item>
        <SubjectField
          venueTrack={track?.subject === 'venue'}
          testIdPrefix="new-application"
          text={{
            venue: t('field.venue'),
            venueHint: t('venueHint'),
            venuePlaceholder: t('venuePlaceholder'),
            organization: t('field.organization'),
            orgHint: t('orgHint'),
          }}
        />
      </Form>
    </Modal>
  );
}
