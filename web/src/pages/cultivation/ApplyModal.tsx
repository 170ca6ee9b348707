import { useState } from 'react';
import { Alert, App, Form, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CultivationDetail } from '../../../../shared/src/contracts/cultivation';
import { APPLICATIONS, useCurrentCampaigns } from '../../api/applications';
import { applyCultivationReq, CULTIVATIONS } from '../../api/cultivation';
import { useApiError } from '../../app/useApiError';

interface Props {
  open: boolean;
  detail: CultivationDetail;
  onClose: () => void;
}

/** 转为申报: picks the open campaign that has this track, creates the draft and opens it. */
export function ApplyModal({ open, detail, onClose }: Props) {
  const { t } = useTranslation('cultivation');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const onError = useApiError();
  const current = useCurrentCampaigns();
  const campaigns = (current.data?.items ?? []).filter(
    (c) => c.status === 'open' && c.tracks.some((tr) => tr.track === detail.trackCode),
  );
  const [picked, setCampaignId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The picked campaign, or the first open one with this track. */
  const campaignId = campaigns.some((c) => c.id === picked) ? picked : (campaigns[0]?.id ?? null);

  const submit = async () => {
    if (!campaignId) return;
    setBusy(true);
    try {
      const out = await applyCultivationReq(detail.id, campaignId);
      await Promise.all([
        qc.invalidateQueries({ queryKey: CULTIVATIONS }),
        qc.invalidateQueries({ queryKey: APPLICATIONS }),
      ]);
      void message.success(t('apply.done', { n: out.selfAssessmentsCopied }));
      onClose();
      void navigate(`/applications/${out.applicationId}`);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('apply.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('apply.ok')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ disabled: !campaignId, 'data-testid': 'apply-submit' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('apply.text')}</Typography.Paragraph>
      {!current.isLoading && !campaigns.length ? (
        <Alert type="info" showIcon title={t('apply.none')} />
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('apply.campaign')} required>
            <Select
              value={campaignId}
              loading={current.isLoading}
              onChange={setCampaignId}
              options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
              data-testid="apply-campaign"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
