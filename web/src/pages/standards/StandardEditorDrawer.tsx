import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Tag,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createStandard, type StandardDetail, type Track } from '../../../../shared/src/contracts/standards';
import { createStandardReq, STANDARDS, updateStandardReq, useStandard } from '../../api/standards';
import { useZodRule } from '../../components/useZodRule';
import { useConfirmDiscard } from '../../components/useUnsavedGuard';
import { kindLabel } from '../../i18n/labels';
import { criteriaTotals, splitPathProblems } from '../../lib/campaigns';
import { ApiError } from '../../api/client';
import { KINDS, trackName } from '../campaigns/CampaignFields';
import { useCampaignError } from '../campaigns/useCampaignError';
import { CriteriaFields } from './CriteriaFields';
import { emptyStandard, fromDetail, toCreateBody, toUpdateBody, type StandardFormValues } from './form-model';

/** Which standard the editor opens: an existing one (`id`) or a new one (`id: null`, optionally a track). */
export interface EditorTarget {
  id: string | null;
  track?: string;
}

interface Props {
  target: EditorTarget | null;
  tracks: readonly Track[];
  phone: boolean;
  onClose: () => void;
}

const ROOTS = [
  'code',
  'track',
  'orgKinds',
  'nameZh',
  'nameEn',
  'totalPoints',
  'bonusCap',
  'note',
  'criteria',
];

/** Create a standard, or edit one: every save writes a new version (open campaigns keep theirs). */
export function StandardEditorDrawer({ target, ...rest }: Props) {
  if (!target) return <Drawer open={false} />;
  return <Editor key={target.id ?? `new:${target.track ?? ''}`} target={target} {...rest} />;
}

function Editor({ target, tracks, phone, onClose }: Props & { target: EditorTarget }) {
  const { t, i18n } = useTranslation('standards');
  const { message } = App.useApp();
  const rule = useZodRule();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const [form] = Form.useForm<StandardFormValues>();
  const [busy, setBusy] = useState(false);
  const editing = target.id !== null;
  const confirmDiscard = useConfirmDiscard();
  const requestClose = () => confirmDiscard(form.isFieldsTouched(), onClose);
  const q = useStandard(target.id);
  const [base, setBase] = useState<StandardDetail | null>(null);

  // The version the editor started from stays fixed (a background refetch must not reset the form).
  if (q.data && !base) setBase(q.data);
  const [initial] = useState(() => emptyStandard(target.track));

  const criteria = Form.useWatch('criteria', form);
  const total = Form.useWatch('totalPoints', form) ?? 100;
  const cap = Form.useWatch('bonusCap', form) ?? 0;
  const trackCode = Form.useWatch('track', form);
  const totals = criteriaTotals(criteria ?? [], total, cap);
  const subject = tracks.find((x) => x.code === trackCode)?.subject;

  const reloadAfterConflict = async () => {
    const r = await q.refetch();
    if (r.data) {
      setBase(r.data);
      form.resetFields();
      form.setFieldsValue(fromDetail(r.data));
    }
  };

  const submit = async () => {
    const v = await form.validateFields().catch((e: { errorFields?: { name: (string | number)[] }[] }) => {
      const first = e.errorFields?.[0];
      if (first && first.name.length === 1 && first.name[0] === 'criteria') message.error(t('totalsInvalid'));
      else if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
      return null;
    });
    if (!v) return;
    const all = form.getFieldsValue(true) as StandardFormValues;
    setBusy(true);
    try {
      const saved =
        editing && base
          ? await updateStandardReq(base.id, toUpdateBody(all, base.latestVersion))
          : await createStandardReq(toCreateBody(all));
      await qc.invalidateQueries({ queryKey: STANDARDS });
      message.success(t('savedVersion', { n: saved.latestVersion }));
      onClose();
    } catch (e) {
      onError(e, { form, roots: ROOTS, reload: [STANDARDS], onConflict: () => void reloadAfterConflict() });
      const first = e instanceof ApiError ? splitPathProblems(e.details, ROOTS).fields[0] : undefined;
      if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
    } finally {
      setBusy(false);
    }
  };

  const name = base ? (i18n.language.startsWith('en') ? base.nameEn : base.nameZh) : '';

  return (
    <Drawer
      open
      onClose={requestClose}
      size={phone ? '100%' : 880}
      title={editing ? t('editTitle', { name }) : t('createTitle')}
      destroyOnHidden
      data-testid="standard-editor"
      footer={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex gap={6} wrap data-testid="standard-totals">
            <Tag color={totals.regularOk ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
              {t('regularTotal', { n: totals.regular, total })}
            </Tag>
            <Tag color={totals.bonusOk ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
              {t('bonusTotal', { n: totals.bonus, cap })}
            </Tag>
            {!totals.stepsOk ? (
              <Tag color="error" style={{ marginInlineEnd: 0 }}>
                {t('stepHint')}
              </Tag>
            ) : null}
          </Flex>
          <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
            <Button onClick={requestClose} data-testid="standard-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              type="primary"
              loading={busy}
              disabled={editing && !base}
              onClick={() => void submit()}
              data-testid="standard-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {editing && !base ? (
        <Skeleton active />
      ) : (
        <>
          {editing ? (
            <Alert
              type="info"
              showIcon
              title={
                base
                  ? `${t('newVersionHint')} · ${t('versionN', { n: base.latestVersion + 1 })}`
                  : t('newVersionHint')
              }
              style={{ marginBottom: 16 }}
              data-testid="standard-new-version-hint"
            />
          ) : null}
          <Form<StandardFormValues>
            form={form}
            layout="vertical"
            requiredMark="optional"
            initialValues={base ? fromDetail(base) : initial}
          >
            <Flex gap={16} wrap>
              <Form.Item
                name="code"
                label={t('code')}
                required
                tooltip={t('codeHint')}
                rules={editing ? [] : [rule(createStandard.shape.code)]}
                style={{ width: phone ? '100%' : 200 }}
              >
                <Input maxLength={40} disabled={editing} data-testid="standard-code" />
              </Form.Item>
              <Form.Item
                name="track"
                label={t('track')}
                required
                rules={editing ? [] : [{ required: true, message: t('validation.required') }]}
                style={{ width: phone ? '100%' : 200 }}
              >
                <Select<string>
                  disabled={editing}
                  options={tracks
                    .filter((x) => x.active || x.code === trackCode)
                    .map((x) => ({ value: x.code, label: trackName(tracks, x.code) }))}
                  data-testid="standard-track"
                />
              </Form.Item>
              {subject !== 'venue' ? (
                <Form.Item
                  name="orgKinds"
                  label={t('kinds')}
                  tooltip={t('kindsHint')}
                  style={{ flex: 1, minWidth: 240 }}
                >
                  <Select
                    mode="multiple"
                    allowClear
                    placeholder={t('common.anyKind')}
                    options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                    data-testid="standard-kinds"
                  />
                </Form.Item>
              ) : null}
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item
                name="nameZh"
                label={t('nameZh')}
                required
                rules={[rule(createStandard.shape.nameZh)]}
                style={{ flex: 1, minWidth: 240 }}
              >
                <Input maxLength={100} data-testid="standard-name-zh" />
              </Form.Item>
              <Form.Item
                name="nameEn"
                label={t('nameEn')}
                required
                rules={[rule(createStandard.shape.nameEn)]}
                style={{ flex: 1, minWidth: 240 }}
              >
                <Input maxLength={200} data-testid="standard-name-en" />
              </Form.Item>
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item
                name="totalPoints"
                label={t('totalPoints')}
                required
                rules={[rule(createStandard.shape.totalPoints)]}
                style={{ width: 140 }}
              >
                <InputNumber
                  min={0.5}
                  max={1000}
                  step={0.5}
                  style={{ width: '100%' }}
                  data-testid="standard-total"
                />
              </Form.Item>
              <Form.Item
                name="bonusCap"
                label={t('bonusCap')}
                required
                rules={[rule(createStandard.shape.bonusCap)]}
                style={{ width: 140 }}
              >
                <InputNumber
                  min={0}
                  max={1000}
                  step={0.5}
                  style={{ width: '100%' }}
                  data-testid="standard-cap"
                />
              </Form.Item>
              <Form.Item name="note" label={t('note')} style={{ flex: 1, minWidth: 240 }}>
                <Input maxLength={500} data-testid="standard-note" />
              </Form.Item>
            </Flex>
            <Divider titlePlacement="start">{t('criteria')}</Divider>
            <CriteriaFields form={form} />
          </Form>
        </>
      )}
    </Drawer>
  );
}
