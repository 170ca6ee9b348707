import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PutTemplate, TemplateView } from '../../../../shared/src/contracts/titles';
import {
  TEMPLATE_KINDS,
  TEMPLATE_LIMITS,
  type TemplateKind,
} from '../../../../shared/src/domain/certificates';
import {
  printDecision,
  printTitle,
  saveTemplateReq,
  TITLES,
  uploadSealReq,
  useTemplates,
  useTitles,
} from '../../api/titles';
import { useApiError } from '../../app/useApiError';
import { BackLink } from '../../components/BackLink';
import { PageHeader } from '../../components/PageHeader';
import { useConfirmDiscard, useLeaveGuard } from '../../components/useUnsavedGuard';
import { formatDateTime } from '../../lib/format';

type Values = Omit<PutTemplate, 'version'>;
const FIELDS = ['heading', 'body', 'issuer', 'orientation', 'headingSize', 'bodySize', 'sealSize'] as const;

const valuesOf = (v: TemplateView): Values => ({
  heading: v.heading,
  body: v.body,
  issuer: v.issuer,
  orientation: v.orientation,
  headingSize: v.headingSize,
  bodySize: v.bodySize,
  sealSize: v.sealSize,
});
const sameValues = (a: Values, b: Partial<Values>) => FIELDS.every((f) => a[f] === b[f]);

/** 证书模板: the naming decision, certificate and plaque templates, each edited, saved and previewed. */
export default function TemplatesPage() {
  const { t } = useTranslation('titles');
  const phone = !Grid.useBreakpoint().md;
  const templates = useTemplates();
  const [kind, setKind] = useState<TemplateKind>('certificate');
  const [dirty, setDirty] = useState(false);
  const confirmDiscard = useConfirmDiscard();
  useLeaveGuard(dirty, t('template.leaveContent'));
  const byKind = new Map((templates.data?.items ?? []).map((v) => [v.kind, v]));
  const current = byKind.get(kind);
  return (
    <Flex vertical gap={12}>
      <BackLink to="/titles">{t('registry.title')}</BackLink>
      <PageHeader
        title={t('template.title')}
        sub={t('template.subtitle')}
        extra={
          <Link to="/titles">
            <Button icon={<ArrowLeftOutlined />}>{t('template.back')}</Button>
          </Link>
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Tabs
          activeKey={kind}
          onChange={(k) =>
            confirmDiscard(dirty, () => {
              setDirty(false);
              setKind(k as TemplateKind);
            })
          }
          items={TEMPLATE_KINDS.map((k) => ({ key: k, label: t(`template.kind.${k}`) }))}
        />
        {current ? (
          <Editor
            key={`${current.kind}:${current.version}`}
            view={current}
            phone={phone}
            onDirty={setDirty}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </Flex>
  );
}

function Editor({
  view,
  phone,
  onDirty,
}: {
  view: TemplateView;
  phone: boolean;
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTranslation('titles');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const report = useApiError();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirtyState] = useState(false);
  const [busy, setBusy] = useState(false);
  const setDirty = (d: boolean) => {
    setDirtyState(d);
    onDirty(d);
  };
  const kindName = t(`template.kind.${view.kind}`);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      await saveTemplateReq(view.kind, { ...v, version: view.version });
      setDirty(false);
      message.success(t('template.saved'));
      await qc.invalidateQueries({ queryKey: [...TITLES, 'templates'] });
    } catch (err) {
      report(err, { form, fields: FIELDS, reload: [[...TITLES, 'templates']] });
    } finally {
      setBusy(false);
    }
  };
  const confirmSave = (v: Values) =>
    modal.confirm({
      title: t('template.confirmTitle'),
      content: t('template.confirmContent', { kind: kindName }),
      okText: t('template.save'),
      okButtonProps: { 'data-testid': 'template-save-confirm' } as ButtonProps,
      onOk: () => save(v),
    });

  const insert = (name: string) => {
    const body = form.getFieldValue('body') as string;
    form.setFieldValue('body', `${body}{{${name}}}`);
    setDirty(!sameValues(valuesOf(view), form.getFieldsValue()));
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={valuesOf(view)}
      onValuesChange={(_c, all) => setDirty(!sameValues(valuesOf(view), all))}
      onFinish={confirmSave}
      data-testid="template-form"
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {view.updatedAt
            ? t('template.updated', { name: view.updatedByName ?? '—', at: formatDateTime(view.updatedAt) })
            : t('template.defaultNote')}
        </Typography.Text>
        {dirty ? (
          <Tag color="warning" data-testid="template-dirty">
            {t('template.unsaved')}
          </Tag>
        ) : null}
      </Flex>
      <Row gutter={24}>
        <Col xs={24} lg={15}>
          <Form.Item
            name="heading"
            label={t('template.heading')}
            rules={[{ required: true, whitespace: true, max: TEMPLATE_LIMITS.headingMax }]}
          >
            <Input maxLength={TEMPLATE_LIMITS.headingMax} data-testid="template-heading" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('template.body')}
            rules={[{ required: true, whitespace: true, max: TEMPLATE_LIMITS.bodyMax }]}
            extra={
              <Flex gap={4} wrap align="center" style={{ marginTop: 6 }}>
                <span>{t('template.placeholders')}</span>
                {view.placeholders.map((p) => (
                  <Tag key={p} style={{ cursor: 'pointer' }} onClick={() => insert(p)}>
                    {`{{${p}}}`} {t(`template.placeholder.${p}`, { defaultValue: p })}
                  </Tag>
                ))}
              </Flex>
            }
          >
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={TEMPLATE_LIMITS.bodyMax} />
          </Form.Item>
          <Form.Item
            name="issuer"
            label={t('template.issuer')}
            rules={[{ required: true, whitespace: true, max: TEMPLATE_LIMITS.issuerMax }]}
          >
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={TEMPLATE_LIMITS.issuerMax} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={9}>
          <Typography.Title level={5}>{t('template.layout')}</Typography.Title>
          <Form.Item name="orientation" label={t('template.orientation')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'portrait', label: t('template.portrait') },
                { value: 'landscape', label: t('template.landscape') },
              ]}
            />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="headingSize" label={t('template.headingSize')} rules={[{ required: true }]}>
              <InputNumber min={TEMPLATE_LIMITS.sizeMin} max={TEMPLATE_LIMITS.sizeMax} precision={0} />
            </Form.Item>
            <Form.Item name="bodySize" label={t('template.bodySize')} rules={[{ required: true }]}>
              <InputNumber min={TEMPLATE_LIMITS.sizeMin} max={TEMPLATE_LIMITS.sizeMax} precision={0} />
            </Form.Item>
          </Flex>
          <Form.Item name="sealSize" label={t('template.sealSize')} rules={[{ required: true }]}>
            <InputNumber min={0} max={TEMPLATE_LIMITS.sealMax} precision={0} />
          </Form.Item>
          <SealField view={view} dirty={dirty} />
        </Col>
      </Row>
      <Flex gap={8} wrap justify={phone ? 'stretch' : 'flex-start'}>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={busy}
          disabled={!dirty}
          block={phone}
          data-testid="template-save"
        >
          {t('template.save')}
        </Button>
        <Preview kind={view.kind} dirty={dirty} block={phone} />
      </Flex>
    </Form>
  );
}

/** The seal is saved at once (a new version): with unsaved edits it waits, so they are not lost. */
function SealField({ view, dirty }: { view: TemplateView; dirty: boolean }) {
  const { t } = useTranslation('titles');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useApiError();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Form.Item
      label={t('template.seal')}
      extra={dirty ? t('template.sealAfterSave') : t('template.sealHelp')}
    >
      <Flex vertical gap={8} align="start">
        <Alert
          type={view.hasSeal ? 'success' : 'info'}
          showIcon
          message={view.hasSeal ? t('template.sealHas') : t('template.sealNone')}
          data-testid="template-seal-state"
        />
        <Upload
          accept="image/png,image/jpeg"
          showUploadList={false}
          disabled={dirty}
          beforeUpload={(file) => {
            setPercent(0);
            uploadSealReq(view.kind, file, setPercent)
              .then(async () => {
                message.success(t('template.sealUploaded'));
                await qc.invalidateQueries({ queryKey: [...TITLES, 'templates'] });
              })
              .catch((e: unknown) => report(e))
              .finally(() => setPercent(null));
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined />}
            loading={percent !== null}
            disabled={dirty}
            data-testid="template-seal-upload"
          >
            {view.hasSeal ? t('template.sealReplace') : t('template.sealUpload')}
            {percent !== null ? ` ${percent}%` : ''}
          </Button>
        </Upload>
      </Flex>
    </Form.Item>
  );
}

/** 打印样张: the first title printed with the saved template (the decision of its campaign). */
function Preview({ kind, dirty, block }: { kind: TemplateKind; dirty: boolean; block: boolean }) {
  const { t } = useTranslation('titles');
  const report = useApiError();
  const { message } = App.useApp();
  const first = useTitles({ page: 1, pageSize: 1, sort: 'serial' }).data?.items[0];
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!first) return;
    setBusy(true);
    try {
      const name =
        kind === 'decision'
          ? await printDecision(first.campaignId, `${first.year}.pdf`)
          : await printTitle(first.id, kind, `${first.serial}.pdf`);
      message.success(t('print.done', { name }));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  const why = dirty
    ? t('template.previewDirty')
    : !first
      ? t('template.previewNone')
      : t('template.previewHelp');
  return (
    <Flex gap={8} align="center" wrap style={{ width: block ? '100%' : undefined }}>
      <Tooltip title={why}>
        <Button
          icon={<PrinterOutlined />}
          loading={busy}
          disabled={dirty || !first}
          onClick={() => void run()}
          block={block}
          data-testid="template-preview"
        >
          {t('template.preview')}
        </Button>
      </Tooltip>
      {dirty || !first ? (
        <Typography.Text type="secondary" data-testid="template-preview-why">
          {why}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
