import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Result,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicObjectionStatus, PublicPublicity } from '../../../../shared/src/contracts/publicity';
import { OBJECTION_LIMITS } from '../../../../shared/src/domain/publicity';
import { fileObjectionReq, receiptReq, usePublicPublicity } from '../../api/publicity';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { kindLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { Logo } from '../../layout/Logo';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { BRAND_RED } from '../../app/theme';
import { FullPageSpin } from '../../app/fallbacks';

/** The public notice (公示) without login: the proposed list, the window, how to object, the form and the receipt lookup. */
export default function PublicPublicityPage() {
  const { id } = useParams();
  const { t } = useTranslation('publicity');
  const phone = !Grid.useBreakpoint().sm;
  const q = usePublicPublicity(id);
  const p = q.data;
  return (
    <Flex vertical style={{ minHeight: '100%', borderTop: `4px solid ${BRAND_RED}`, background: '#f3f4f6' }}>
      <Flex justify="space-between" align="center" style={{ padding: phone ? '12px 16px' : '16px 32px' }}>
        <Logo compact={phone} />
        <LanguageSwitch />
      </Flex>
      <Flex
        vertical
        gap={16}
        style={{ width: '100%', maxWidth: 760, margin: '0 auto', padding: phone ? 12 : 24 }}
      >
        {q.isPending ? (
          <FullPageSpin />
        ) : !p ? (
          <Result status="404" title={t('notFound')} />
        ) : (
          <>
            <Notice p={p} />
            <Entries p={p} />
            <ObjectionForm p={p} />
            <ReceiptLookup />
          </>
        )}
      </Flex>
    </Flex>
  );
}

const isOpen = (p: PublicPublicity) =>
  Date.now() >= Date.parse(p.startsAt) && Date.now() < Date.parse(p.endsAt);

function Notice({ p }: { p: PublicPublicity }) {
  const { t } = useTranslation('publicity');
  const open = isOpen(p);
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {p.title}
      </Typography.Title>
      <Space wrap>
        <Tag color={open ? 'red' : 'default'}>{open ? t('open') : t('ended')}</Tag>
        <Typography.Text>
          {t('window', { first: p.firstDay, last: p.lastDay, days: p.workingDays })}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
        {t('endsAt', { at: `${p.lastDay} 24:00` })}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('howToObject')}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {p.contact}
      </Typography.Paragraph>
    </Card>
  );
}

function Entries({ p }: { p: PublicPublicity }) {
  const { t, i18n } = useTranslation('publicity');
  const en = i18n.language.startsWith('en');
  if (p.groups.length === 0) return <Card title={t('listTitle')}>{t('empty')}</Card>;
  return (
    <>
      {p.groups.map((g) => (
        <Card
          key={`${g.track}|${g.orgKind}`}
          title={`${en ? g.trackNameEn : g.trackNameZh} · ${kindLabel(t, g.orgKind)}`}
          extra={t('count', { n: g.entries.length })}
        >
          <List
            dataSource={g.entries}
            renderItem={(e, i) => (
              <List.Item>
                <List.Item.Meta
                  title={`${i + 1}. ${e.name}`}
                  description={
                    <Space direction="vertical" size={0}>
                      {e.holderName ? <span>{t('holder', { name: e.holderName })}</span> : null}
                      {e.brandName ? <span>{t('brand', { name: e.brandName })}</span> : null}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </>
  );
}

interface FormValues {
  entryId?: string;
  anonymous?: boolean;
  name?: string;
  phone?: string;
  body: string;
}

function ObjectionForm({ p }: { p: PublicPublicity }) {
  const { t } = useTranslation('publicity');
  const [form] = Form.useForm<FormValues>();
  const report = useApiError();
  const [receipt, setReceipt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  if (!isOpen(p))
    return (
      <Card title={t('form.title')}>
        <Alert type="info" showIcon message={t('form.closed')} />
      </Card>
    );
  if (receipt)
    return (
      <Card>
        <Result
          status="success"
          title={t('form.submitted')}
          subTitle={
            <>
              <Typography.Paragraph copyable={{ text: receipt }} strong style={{ fontSize: 18 }}>
                {t('form.receipt', { code: receipt })}
              </Typography.Paragraph>
              {t('form.receiptHelp')}
            </>
          }
        />
      </Card>
    );
  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      const r = await fileObjectionReq(p.id, {
        entryId: v.entryId ?? null,
        anonymous: !!v.anonymous,
        name: v.anonymous ? null : (v.name ?? null),
        phone: v.anonymous ? null : (v.phone ?? null),
        body: v.body,
      });
      setReceipt(r.receiptCode);
    } catch (err) {
      report(err, { form, fields: ['entryId', 'anonymous', 'name', 'phone', 'body'] });
    } finally {
      setBusy(false);
    }
  };
  const entries = p.groups.flatMap((g) => g.entries);
  return (
    <Card title={t('form.title')}>
      <Typography.Paragraph type="secondary">{t('form.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="entryId" label={t('form.entry')}>
          <Select
            allowClear
            placeholder={t('form.entryAll')}
            options={entries.map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
        {p.allowAnonymous ? (
          <Form.Item
            name="anonymous"
            label={t('form.anonymous')}
            valuePropName="checked"
            extra={t('form.anonymousHelp')}
          >
            <Switch />
          </Form.Item>
        ) : null}
        {anonymous ? null : (
          <Flex gap={12} wrap>
            <Form.Item
              name="name"
              label={t('form.name')}
              rules={[{ required: true, max: 40 }]}
              style={{ flex: '1 1 160px' }}
            >
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('form.phone')}
              rules={[{ required: true, pattern: /^[0-9+\-\s]{7,20}$/ }]}
              style={{ flex: '1 1 160px' }}
            >
              <Input inputMode="tel" autoComplete="tel" />
            </Form.Item>
          </Flex>
        )}
        <Form.Item
          name="body"
          label={t('form.body')}
          rules={[{ required: true, whitespace: true, max: OBJECTION_LIMITS.textMax }]}
        >
          <Input.TextArea
            rows={5}
            showCount
            maxLength={OBJECTION_LIMITS.textMax}
            placeholder={t('form.bodyPlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('form.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function ReceiptLookup() {
  const { t } = useTranslation('publicity');
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<PublicObjectionStatus | null>(null);
  const [missing, setMissing] = useState(false);
  const report = useApiError();
  const lookup = async () => {
    setMissing(false);
    setStatus(null);
    try {
      setStatus(await receiptReq(code.trim().toUpperCase()));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
      else report(err);
    }
  };
  return (
    <Card title={t('receipt.title')}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('receipt.placeholder')}
          onPressEnter={lookup}
        />
        <Button type="primary" onClick={lookup} disabled={!code.trim()} data-testid="receipt-lookup">
          {t('receipt.lookup')}
        </Button>
      </Space.Compact>
      {missing ? (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('receipt.notFound')} />
      ) : null}
      {status ? (
        <Flex vertical gap={4} style={{ marginTop: 12 }}>
          <Typography.Text strong>
            {status.outcome ? t(`receipt.outcome.${status.outcome}`) : t(`receipt.status.${status.status}`)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('receipt.filedAt', { at: formatDateTime(status.filedAt) })}
          </Typography.Text>
          {status.reply ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {t('receipt.reply')}
              {status.reply}
            </Typography.Paragraph>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}
