import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HonourImportResult } from '../../../../shared/src/contracts/honours';
import {
  createHonourReq,
  downloadHonourTemplate,
  HONOURS,
  importHonoursReq,
  useHonourKinds,
} from '../../api/honours';
import { useApiError } from '../../app/useApiError';
import { OrgPicker } from '../../components/OrgPicker';
import { todayInZone } from '../../lib/format';

interface HonourForm {
  year: number;
  kindCode: string;
  organizationId: string;
  personName?: string;
  personPosition?: string;
  documentNo: string;
  awardedOn: Dayjs;
  note?: string;
}

/** What a recommendation from the pool fills in (the organisation's name shows before any search). */
export interface HonourPreset {
  year: number;
  kindCode: string;
  organizationId: string;
  organizationName: string;
  personName?: string;
  personPosition?: string;
}

/** 记录表彰: one honour of an organisation or a person, with its document and date. */
export function CreateHonourModal({
  open,
  onClose,
  preset,
}: {
  open: boolean;
  onClose: () => void;
  preset?: HonourPreset | null;
}) {
  const { t } = useTranslation('titles');
  const { message } = App.useApp();
  const [form] = Form.useForm<HonourForm>();
  const kinds = useHonourKinds().data?.items ?? [];
  const kindCode = Form.useWatch('kindCode', form);
  const person = kinds.find((k) => k.code === kindCode)?.subject === 'person';
  const report = useApiError();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const submit = async (v: HonourForm) => {
    setBusy(true);
    try {
      await createHonourReq({
        ...v,
        personName: person ? v.personName : null,
        personPosition: person ? v.personPosition || null : null,
        note: v.note || null,
        awardedOn: v.awardedOn.format('YYYY-MM-DD'),
      });
      void message.success(t('honours.created'));
      void qc.invalidateQueries({ queryKey: HONOURS });
      onClose();
    } catch (err) {
      report(err, {
        form,
        fields: ['year', 'kindCode', 'organizationId', 'personName', 'documentNo', 'awardedOn'],
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('honours.createTitle')}
      onCancel={onClose}
      okText={t('honours.createOk')}
      okButtonProps={{ loading: busy, 'data-testid': 'honour-create-ok' } as ButtonProps}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<HonourForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={preset ?? { year: Number(todayInZone().slice(0, 4)), kindCode: 'advanced_org' }}
      >
        <Form.Item name="year" label={t('honours.field.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kindCode" label={t('honours.field.kind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k.code, label: k.nameZh }))} />
        </Form.Item>
        <Form.Item name="organizationId" label={t('honours.field.organization')} rules={[{ required: true }]}>
          <OrgPicker
            data-testid="honour-org"
            initial={preset ? { id: preset.organizationId, name: preset.organizationName } : null}
          />
        </Form.Item>
        {person ? (
          <>
            <Form.Item
              name="personName"
              label={t('honours.field.personName')}
              rules={[{ required: true, max: 40 }]}
            >
              <Input data-testid="honour-person-name" />
            </Form.Item>
            <Form.Item name="personPosition" label={t('honours.field.personPosition')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="documentNo"
          label={t('honours.field.documentNo')}
          rules={[{ required: true, max: 100 }]}
        >
          <Input placeholder="津党机工〔2025〕12号" data-testid="honour-document" />
        </Form.Item>
        <Form.Item name="awardedOn" label={t('honours.field.awardedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('honours.field.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 导入表彰: a dry run shows the row errors; the import writes every row or none. */
export function ImportHonoursModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('titles');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<HonourImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const qc = useQueryClient();
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      setResult(await importHonoursReq(file, dryRun));
      if (!dryRun) void qc.invalidateQueries({ queryKey: HONOURS });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setResult(null);
    onClose();
  };
  const ready = result?.dryRun && result.errors.length === 0 && result.created > 0;
  return (
    <Modal
      open={open}
      title={t('honours.importTitle')}
      onCancel={close}
      width={720}
      footer={[
        <Button
          key="check"
          data-testid="honour-import-check"
          disabled={!file}
          loading={busy}
          onClick={() => void run(true)}
        >
          {t('honours.importCheck')}
        </Button>,
        <Button
          key="run"
          data-testid="honour-import-run"
          type="primary"
          disabled={!ready}
          loading={busy}
          onClick={() => void run(false)}
        >
          {t('honours.importRun')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('honours.importHelp')}</Typography.Paragraph>
      <Button
        type="link"
        style={{ padding: 0, marginBottom: 8 }}
        onClick={() => void downloadHonourTemplate().catch((err: unknown) => report(err))}
        data-testid="honour-template"
      >
        {t('honours.importTemplate')}
      </Button>
      <Upload
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setResult(null);
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <Button>{t('honours.importPick')}</Button>
      </Upload>
      {result ? <ImportOutcome result={result} /> : null}
    </Modal>
  );
}

function ImportOutcome({ result }: { result: HonourImportResult }) {
  const { t } = useTranslation('titles');
  if (result.errors.length)
    return (
      <>
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          title={t('honours.importErrors', { n: result.errors.length })}
        />
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
          pagination={false}
          scroll={{ y: 240 }}
          dataSource={result.errors}
          columns={[
            { title: t('honours.field.row'), dataIndex: 'row', width: 60 },
            { title: t('honours.field.column'), dataIndex: 'column', width: 100 },
            { title: t('honours.field.message'), dataIndex: 'message' },
          ]}
        />
      </>
    );
  const text = result.dryRun
    ? t('honours.importReady', { total: result.total, created: result.created })
    : t('honours.importDone', { created: result.created });
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginTop: 12 }}
      title={text}
      data-testid="honour-import-result"
    />
  );
}
