import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Steps,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createCampaign } from '../../../../shared/src/contracts/campaigns';
import { CAMPAIGNS, createCampaignReq } from '../../api/campaigns';
import { useStandards, useTracks } from '../../api/standards';
import { PageHeader } from '../../components/PageHeader';
import { useZodRule } from '../../components/useZodRule';
import { kindLabel } from '../../i18n/labels';
import { fieldPath, slotKey, TIMELINE_FIELDS } from '../../lib/campaigns';
import { formatDateTime } from '../../lib/format';
import {
  QuotaFields,
  standardsFor,
  StandardFields,
  TimelineFields,
  trackName,
  TrackFields,
} from './CampaignFields';
import { defaultTimeline, slotsOf, toCreateBody, type CampaignFormValues } from './form-model';
import { useCampaignError } from './useCampaignError';

const ROOTS = ['year', 'name', 'tracks', 'standards', 'quotas', 'unitCaps', 'timeline'];
/** The form fields each step validates before moving on. */
const STEP_ROOTS: string[][] = [
  ['year', 'name'],
  ['tracks', 'kinds'],
  ['standards'],
  ['quotas', 'unitCaps'],
  ['timeline'],
  [],
];

/** "新建活动": basics → tracks and kinds → standards → quotas and caps → timeline → review and create. */
export default function CampaignWizard() {
  const { t } = useTranslation(['campaigns', 'standards']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const rule = useZodRule();
  const onError = useCampaignError();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<CampaignFormValues>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const tracks = useTracks().data?.items ?? [];
  const standards = useStandards({ active: 'true', pageSize: 200 }).data?.items ?? [];
  const year = new Date().getFullYear();

  useEffect(() => {
    form.setFieldsValue({
      year,
      tracks: [],
      kinds: {},
      standards: {},
      quotas: {},
      unitCaps: [],
      timeline: defaultTimeline(year),
    });
  }, [form, year]);

  /** Defaults: the first fitting active standard per slot, unless one is chosen already. */
  const preselect = () => {
    const v = form.getFieldsValue(true) as CampaignFormValues;
    const picked = { ...(v.standards ?? {}) };
    for (const s of slotsOf(v, tracks)) {
      const key = slotKey(s.track, s.orgKind);
      const options = standardsFor(standards, s);
      if (!picked[key] || !options.some((o) => o.latestVersionId === picked[key]))
        picked[key] = options[0]?.latestVersionId;
    }
    form.setFieldValue('standards', picked);
  };

  const stepFields = (i: number) => {
    const v = form.getFieldsValue(true) as CampaignFormValues;
    const roots = STEP_ROOTS[i]!;
    const names: (string | number)[][] = [];
    if (roots.includes('year')) names.push(['year'], ['name']);
    if (roots.includes('tracks')) names.push(['tracks']);
    if (roots.includes('standards'))
      for (const s of slotsOf(v, tracks)) names.push(['standards', slotKey(s.track, s.orgKind)]);
    if (roots.includes('unitCaps'))
      (v.unitCaps ?? []).forEach((_c, j) =>
        names.push(['unitCaps', j, 'track'], ['unitCaps', j, 'unitId'], ['unitCaps', j, 'cap']),
      );
    if (roots.includes('timeline')) for (const f of TIMELINE_FIELDS) names.push(['timeline', f]);
    return names;
  };

  const go = async (to: number) => {
    if (to > step) {
      const ok = await form.validateFields(stepFields(step)).then(
        () => true,
        () => false,
      );
      if (!ok) return;
      if (step === 0 && !form.isFieldsTouched(TIMELINE_FIELDS.map((f) => ['timeline', f])))
        form.setFieldValue('timeline', defaultTimeline(form.getFieldValue('year') as number));
      if (step === 1) preselect();
    }
    setStep(to);
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as CampaignFormValues;
    setBusy(true);
    try {
      const created = await createCampaignReq(toCreateBody(v, tracks));
      await qc.invalidateQueries({ queryKey: CAMPAIGNS });
      message.success(t('wiz.created'));
      navigate(`/campaigns/${created.id}`);
    } catch (e) {
      // Show the step of the first field the server named (e.g. a date out of order).
      if (e instanceof ApiError && e.details.length) {
        const root = fieldPath(e.details[0]!.field)[0];
        const at = STEP_ROOTS.findIndex((r) => typeof root === 'string' && r.includes(root));
        if (at >= 0) setStep(at);
      }
      setTimeout(() => onError(e, { form, roots: ROOTS }), 50);
    } finally {
      setBusy(false);
    }
  };

  const steps = [
    t('wiz.basics'),
    t('wiz.tracks'),
    t('wiz.standards'),
    t('wiz.quotas'),
    t('wiz.timeline'),
    t('wiz.review'),
  ];

  return (
    <Flex vertical>
      <PageHeader title={t('wiz.title')} />
      <Card styles={{ body: { padding: phone ? 12 : 24 } }}>
        <Steps
          size="small"
          current={step}
          responsive={false}
          items={steps.map((title, i) => ({ title: phone && i !== step ? undefined : title }))}
          styles={phone ? { itemTitle: { whiteSpace: 'nowrap' } } : undefined}
          style={{ marginBottom: 24 }}
          data-testid="wizard-steps"
        />
        <Form<CampaignFormValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          data-testid="wizard-form"
        >
          {step === 0 ? (
            <Flex gap={16} wrap>
              <Form.Item name="year" label={t('year')} rules={[rule(createCampaign.shape.year)]}>
                <InputNumber
                  min={2000}
                  max={2100}
                  precision={0}
                  style={{ width: 140 }}
                  data-testid="wizard-year"
                />
              </Form.Item>
              <Form.Item
                name="name"
                label={t('name')}
                rules={[rule(createCampaign.shape.name)]}
                style={{ flex: 1, minWidth: 260 }}
              >
                <Input maxLength={100} data-testid="wizard-name" />
              </Form.Item>
            </Flex>
          ) : null}
          {step === 1 ? <TrackFields tracks={tracks} /> : null}
          {step === 2 ? (
            <>
              <Alert type="info" showIcon title={t('wiz.defaultPicked')} style={{ marginBottom: 16 }} />
              <StandardFields tracks={tracks} standards={standards} />
            </>
          ) : null}
          {step === 3 ? <QuotaFields tracks={tracks} phone={phone} /> : null}
          {step === 4 ? (
            <>
              <Alert type="info" showIcon title={t('wiz.timelineHint')} style={{ marginBottom: 16 }} />
              <TimelineFields form={form} phone={phone} />
            </>
          ) : null}
          {step === 5 ? <Review tracks={tracks} standards={standards} /> : null}
        </Form>
        <Flex justify="space-between" style={{ marginTop: 16 }}>
          <Button disabled={step === 0} onClick={() => void go(step - 1)} data-testid="wizard-prev">
            {t('wiz.prev')}
          </Button>
          {step < steps.length - 1 ? (
            <Button type="primary" onClick={() => void go(step + 1)} data-testid="wizard-next">
              {t('wiz.next')}
            </Button>
          ) : (
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="wizard-submit">
              {t('wiz.submit')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}

function Review({
  tracks,
  standards,
}: {
  tracks: Parameters<typeof slotsOf>[1];
  standards: Parameters<typeof standardsFor>[0];
}) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const form = Form.useFormInstance<CampaignFormValues>();
  const v = form.getFieldsValue(true) as CampaignFormValues;
  const slots = slotsOf(v, tracks);
  const caps = v.unitCaps ?? [];
  const slotName = (s: (typeof slots)[number]) =>
    `${trackName(tracks, s.track)} · ${s.orgKind ? kindLabel(t, s.orgKind) : t('common.anyKind')}`;
  return (
    <Flex vertical gap={12} data-testid="wizard-review">
      <Alert type="info" showIcon title={t('wiz.reviewHint')} />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'year', label: t('year'), children: v.year },
          { key: 'name', label: t('name'), children: v.name },
          ...slots.map((s) => {
            const key = slotKey(s.track, s.orgKind);
            const std = standards.find((x) => x.latestVersionId === v.standards?.[key]);
            return {
              key,
              label: slotName(s),
              children: (
                <Flex vertical>
                  <span>
                    {std ? `${std.nameZh} · ${t('standards:versionN', { n: std.latestVersion })}` : '—'}
                  </span>
                  <Typography.Text type="secondary">
                    {t('quota')} {v.quotas?.[key] ?? '—'}
                  </Typography.Text>
                </Flex>
              ),
            };
          }),
          {
            key: 'caps',
            label: t('unitCaps'),
            children: caps.length ? (
              <Flex vertical data-testid="wizard-review-caps">
                {caps.map((c, i) => (
                  <span key={i}>
                    {t('wiz.capLine', {
                      track: trackName(tracks, c.track ?? ''),
                      unit: c.unitName ?? '—',
                      cap: c.cap ?? '—',
                    })}
                  </span>
                ))}
              </Flex>
            ) : (
              t('noCaps')
            ),
          },
          ...TIMELINE_FIELDS.map((f) => ({
            key: f,
            label: t(`timeline.${f}`),
            children: formatDateTime(v.timeline?.[f]?.toISOString()),
          })),
        ]}
      />
    </Flex>
  );
}
