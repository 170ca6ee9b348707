import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, InputNumber } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createCampaign, type CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import type { Track } from '../../../../shared/src/contracts/standards';
import { CAMPAIGNS, patchCampaignReq, type PatchCampaignBody } from '../../api/campaigns';
import { useStandards } from '../../api/standards';
import { useZodRule } from '../../components/useZodRule';
import { editableDates, settingsEditable, TIMELINE_FIELDS } from '../../lib/campaigns';
import { QuotaFields, StandardFields, TimelineFields, TrackFields } from './CampaignFields';
import {
  capsBody,
  fromDetail,
  quotasBody,
  slotsOf,
  timelineBody,
  toCreateBody,
  type CampaignFormValues,
} from './form-model';
import { useCampaignError } from './useCampaignError';

const ROOTS = ['year', 'name', 'tracks', 'standards', 'quotas', 'unitCaps', 'timeline'];

interface Props {
  campaign: CampaignDetail | null;
  tracks: readonly Track[];
  phone: boolean;
  onClose: () => void;
}

/** Edit a campaign: a draft everything; an opened one its quotas, unit caps and the dates still ahead. */
export function CampaignEditDrawer({ campaign: c, tracks, phone, onClose }: Props) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const rule = useZodRule();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const [form] = Form.useForm<CampaignFormValues>();
  const [busy, setBusy] = useState(false);
  const [now] = useState(() => Date.now());
  const standards = useStandards({ active: 'true', pageSize: 200 }, !!c).data?.items ?? [];

  useEffect(() => {
    if (c) form.setFieldsValue(fromDetail(c));
  }, [c, form]);

  if (!c) return <Drawer open={false} />;
  const draft = settingsEditable(c.status);
  const locks = editableDates(c.status, c.timeline, now);
  const locked = Object.fromEntries(TIMELINE_FIELDS.map((f) => [f, locks[f] !== null]));

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const all = form.getFieldsValue(true) as CampaignFormValues;
    let body: PatchCampaignBody;
    if (draft) {
      const full = toCreateBody(all, tracks);
      body = { version: c.version, ...full };
    } else {
      const tl = timelineBody(all.timeline);
      body = {
        version: c.version,
        quotas: quotasBody(all, slotsOf(all, tracks)),
        unitCaps: capsBody(all),
        timeline: Object.fromEntries(
          TIMELINE_FIELDS.filter((f) => !locked[f] && Date.parse(tl[f]) !== Date.parse(c.timeline[f])).map(
            (f) => [f, tl[f]],
          ),
        ),
      };
    }
    setBusy(true);
    try {
      await patchCampaignReq(c.id, body);
      await qc.invalidateQueries({ queryKey: CAMPAIGNS });
      message.success(t('saved'));
      onClose();
    } catch (e) {
      onError(e, { form, roots: ROOTS, reload: [CAMPAIGNS], onConflict: onClose });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 760}
      title={t('editTitle')}
      destroyOnHidden
      data-testid="campaign-edit-drawer"
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void submit()}
            data-testid="campaign-edit-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {!draft ? <Alert type="info" showIcon title={t('editOpenHint')} style={{ marginBottom: 16 }} /> : null}
      <Form<CampaignFormValues> form={form} layout="vertical" requiredMark="optional">
        <Flex gap={16} wrap>
          <Form.Item name="year" label={t('year')} rules={[rule(createCampaign.shape.year)]}>
            <InputNumber min={2000} max={2100} precision={0} disabled={!draft} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('name')}
            rules={[rule(createCampaign.shape.name)]}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Input maxLength={100} disabled={!draft} />
          </Form.Item>
        </Flex>
        <TrackFields tracks={tracks} disabled={!draft} />
        <Divider titlePlacement="start">{t('standards')}</Divider>
        <StandardFields tracks={tracks} standards={standards} disabled={!draft} />
        <Divider titlePlacement="start">{t('quotas')}</Divider>
        <QuotaFields tracks={tracks} phone={phone} />
        <Divider titlePlacement="start">{t('timelineTitle')}</Divider>
        <TimelineFields form={form} locked={locked} phone={phone} />
      </Form>
    </Drawer>
  );
}
