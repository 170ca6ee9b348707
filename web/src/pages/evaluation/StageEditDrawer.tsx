import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import { createStage, type StageDetail } from '../../../../shared/src/contracts/stages';
import {
  AGGREGATIONS,
  ENTRY_RULES,
  PEER_MODES,
  RUBRICS,
  SEE_OTHERS,
  STAGE_METHODS,
  VETO_RULES,
} from '../../../../shared/src/domain/stages';
import { createStageReq, patchStageReq, STAGES } from '../../api/stages';
import { useZodRule } from '../../components/useZodRule';
import { currentLanguage } from '../../i18n';
import { defaultRubric, fromStage, newStageValues, toStageBody, type StageFormValues } from './stage-model';
import { useStageError } from './useStageError';

const ROOTS = [
  'nameZh',
  'nameEn',
  'method',
  'tracks',
  'window',
  'weightPct',
  'rubric',
  'entry',
  'entryN',
  'entrySharePct',
  'minReviews',
  'aggregation',
  'standardise',
  'blind',
  'seeOthers',
  'showReviewerNames',
  'spreadThreshold',
  'peerMode',
  'groupSize',
  'excludeOwnUnit',
  'spearmanThreshold',
  'vetoRule',
];

interface Props {
  /** `new` for a new stage, a stage to edit, or null (closed). */
  stage: StageDetail | 'new' | null;
  campaign: CampaignDetail;
  phone: boolean;
  onClose: () => void;
}

/** A switch with its meaning spelled out beside it (visibility flags change what reviewers may see). */
function FlagItem({
  name,
  label,
  help,
  disabled,
}: {
  name: keyof StageFormValues;
  label: string;
  help: string;
  disabled: boolean;
}) {
  return (
    <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
      <Form.Item name={name} valuePropName="checked" noStyle>
        <Switch disabled={disabled} data-testid={`stage-${name}`} />
      </Form.Item>
    </Form.Item>
  );
}

/**
 * Create or edit a stage: every setting, grouped as the committee thinks of them (what and when, how it
 * scores, who enters, what reviewers see, peer and gate settings). An opened stage changes its name only.
 */
export function StageEditDrawer({ stage, campaign: c, phone, onClose }: Props) {
  const { t } = useTranslation('evaluation');
  const { message } = App.useApp();
  const rule = useZodRule();
  const onError = useStageError();
  const qc = useQueryClient();
  const [form] = Form.useForm<StageFormValues>();
  const [busy, setBusy] = useState(false);
  const method = Form.useWatch('method', form);
  const entry = Form.useWatch('entry', form);
  const zh = currentLanguage() === 'zh-CN';

  useEffect(() => {
    if (!stage) return;
    form.resetFields();
    form.setFieldsValue(
      stage === 'new'
        ? newStageValues({ start: c.timeline.reviewStartsAt, end: c.timeline.reviewEndsAt })
        : fromStage(stage),
    );
  }, [stage, c, form]);

  if (!stage) return <Drawer open={false} />;
  const isNew = stage === 'new';
  const draft = isNew || stage.status === 'draft';

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const all = form.getFieldsValue(true) as StageFormValues;
    setBusy(true);
    try {
      if (isNew) await createStageReq(c.id, toStageBody(all));
      else if (draft) await patchStageReq(stage.id, { ...toStageBody(all), version: stage.version });
      else
        await patchStageReq(stage.id, {
          nameZh: all.nameZh.trim(),
          nameEn: all.nameEn.trim(),
          version: stage.version,
        });
      await qc.invalidateQueries({ queryKey: STAGES });
      message.success(isNew ? t('stage.created') : t('stage.saved'));
      onClose();
    } catch (e) {
      onError(e, { form, roots: ROOTS, reload: [STAGES], onConflict: onClose });
    } finally {
      setBusy(false);
    }
  };

  const options = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as never) }));

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 720}
      title={isNew ? t('stage.newTitle') : t('stage.editTitle', { name: zh ? stage.nameZh : stage.nameEn })}
      destroyOnHidden
      data-testid="stage-drawer"
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="stage-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {!draft ? (
        <Alert type="info" showIcon title={t('stage.openedHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<StageFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onValuesChange={(changed: Partial<StageFormValues>) => {
          if (changed.method) {
            form.setFieldValue('rubric', defaultRubric(changed.method));
            if (changed.method === 'gate') form.setFieldValue('weightPct', 0);
          }
        }}
      >
        <Divider titlePlacement="start">{t('stage.section.basics')}</Divider>
        <Flex gap={16} wrap>
          <Form.Item
            name="nameZh"
            label={t('stage.nameZh')}
            rules={[rule(createStage.shape.nameZh)]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input maxLength={50} data-testid="stage-nameZh" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('stage.nameEn')}
            rules={[rule(createStage.shape.nameEn)]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input maxLength={100} data-testid="stage-nameEn" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="method"
          label={t('stage.method')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={method ? t(`methodHelp.${method}`) : null}
        >
          <Radio.Group
            disabled={!draft}
            optionType="button"
            buttonStyle="solid"
            options={options(STAGE_METHODS, 'method')}
            data-testid="stage-method"
          />
        </Form.Item>
        <Form.Item name="tracks" label={t('stage.tracks')} extra={t('stage.tracksHelp')}>
          <Select
            mode="multiple"
            allowClear
            disabled={!draft}
            placeholder={t('stage.allTracks')}
            options={c.tracks.map((tr) => ({ value: tr.track, label: zh ? tr.nameZh : tr.nameEn }))}
          />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('stage.window')}
          extra={t('stage.windowHelp')}
          rules={[{ required: true, message: t('stage.windowRequired') }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabled={!draft}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="weightPct"
            label={t('stage.weight')}
            extra={method === 'gate' ? t('stage.weightGate') : t('stage.weightHelp')}
            rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('stage.weightRange') }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <InputNumber
              min={0}
              max={100}
              step={5}
              precision={2}
              suffix="%"
              disabled={!draft || method === 'gate'}
              style={{ width: '100%' }}
              data-testid="stage-weight"
            />
          </Form.Item>
          <Form.Item
            name="minReviews"
            label={t('stage.minReviews')}
            extra={t('stage.minReviewsHelp')}
            rules={[rule(createStage.shape.minReviews.unwrap())]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <InputNumber min={1} max={50} precision={0} disabled={!draft} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>

        <Divider titlePlacement="start">{t('stage.section.scoring')}</Divider>
        <Form.Item name="rubric" label={t('stage.rubric')}>
          <Radio.Group disabled={!draft} options={options(RUBRICS, 'rubric')} />
        </Form.Item>
        <Form.Item name="aggregation" label={t('stage.aggregation')} extra={t('stage.aggregationHelp')}>
          <Radio.Group disabled={!draft} options={options(AGGREGATIONS, 'aggregation')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="spreadThreshold"
            label={t('stage.spreadThreshold')}
            extra={t('stage.spreadThresholdHelp')}
            style={{ flex: 1, minWidth: 200 }}
          >
            <InputNumber min={0} max={100} step={1} disabled={!draft} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <FlagItem
          name="standardise"
          label={t('stage.standardise')}
          help={t('stage.standardiseHelp')}
          disabled={!draft}
        />

        <Divider titlePlacement="start">{t('stage.section.entry')}</Divider>
        <Form.Item name="entry" label={t('stage.entry')} extra={entry ? t(`entryHelp.${entry}`) : null}>
          <Select disabled={!draft} options={options(ENTRY_RULES, 'entry')} data-testid="stage-entry" />
        </Form.Item>
        {entry === 'top_n' ? (
          <Form.Item
            name="entryN"
            label={t('stage.entryN')}
            rules={[{ required: true, type: 'number', min: 1, message: t('stage.entryNRequired') }]}
          >
            <InputNumber min={1} precision={0} disabled={!draft} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        {entry === 'top_share' ? (
          <Form.Item
            name="entrySharePct"
            label={t('stage.entryShare')}
            rules={[
              { required: true, type: 'number', min: 0.01, max: 100, message: t('stage.entryShareRequired') },
            ]}
          >
            <InputNumber min={0.01} max={100} suffix="%" disabled={!draft} style={{ width: 200 }} />
          </Form.Item>
        ) : null}

        <Divider titlePlacement="start">{t('stage.section.visibility')}</Divider>
        <FlagItem name="blind" label={t('stage.blind')} help={t('stage.blindHelp')} disabled={!draft} />
        <Form.Item name="seeOthers" label={t('stage.seeOthers')}>
          <Radio.Group disabled={!draft} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {SEE_OTHERS.map((v) => (
              <Radio key={v} value={v}>
                {t(`seeOthers.${v}`)}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {t(`seeOthersHelp.${v}`)}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <FlagItem
          name="showReviewerNames"
          label={t('stage.showReviewerNames')}
          help={t('stage.showReviewerNamesHelp')}
          disabled={!draft}
        />

        {method === 'peer' ? (
          <>
            <Divider titlePlacement="start">{t('stage.section.peer')}</Divider>
            <Form.Item name="peerMode" label={t('stage.peerMode')}>
              <Radio.Group disabled={!draft} options={options(PEER_MODES, 'peerMode')} />
            </Form.Item>
            <Form.Item name="groupSize" label={t('stage.groupSize')} extra={t('stage.groupSizeHelp')}>
              <InputNumber min={2} max={1000} precision={0} disabled={!draft} style={{ width: 200 }} />
            </Form.Item>
            <FlagItem
              name="excludeOwnUnit"
              label={t('stage.excludeOwnUnit')}
              help={t('stage.excludeOwnUnitHelp')}
              disabled={!draft}
            />
            <Form.Item
              name="spearmanThreshold"
              label={t('stage.spearmanThreshold')}
              extra={t('stage.spearmanThresholdHelp')}
            >
              <InputNumber min={-1} max={1} step={0.05} disabled={!draft} style={{ width: 200 }} />
            </Form.Item>
          </>
        ) : null}
        {method === 'gate' ? (
          <>
            <Divider titlePlacement="start">{t('stage.section.gate')}</Divider>
            <Form.Item name="vetoRule" label={t('stage.vetoRule')}>
              <Radio.Group disabled={!draft} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                {VETO_RULES.map((v) => (
                  <Radio key={v} value={v}>
                    {t(`vetoRule.${v}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
