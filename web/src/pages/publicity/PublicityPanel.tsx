import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
  App,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/src/contracts/campaigns';
import type {
  ObjectionDetail,
  ObjectionSummary,
  PublishBody,
} from '../../../../shared/src/contracts/publicity';
import { DEFAULT_PUBLICITY_WORKING_DAYS } from '../../../../shared/src/domain/publicity';
import {
  objectionActionReq,
  PUBLICITY,
  publishReq,
  useCampaignPublicities,
  useObjection,
  useObjections,
  usePublicity,
  type PublicitySummary,
} from '../../api/publicity';
import { useSession } from '../../api/auth';
import { useApiError } from '../../app/useApiError';
import { formatDateTime } from '../../lib/format';
import { CertifyBar } from './CertifyBar';

/** The committee's 公示 tab of a campaign: publish the confirmed decision's list, follow and handle objections. */
export default function PublicityPanel({ campaign, phone }: { campaign: CampaignDetail; phone: boolean }) {
  const { t } = useTranslation('publicity');
  const list = useCampaignPublicities(campaign.id);
  const [publishing, setPublishing] = useState(false);
  const items = list.data?.items ?? [];
  const open = items.find((p) => p.status === 'open');
  const canPublish = !open && ['deciding', 'publicity'].includes(campaign.status);
  return (
    <Flex vertical gap={16}>
      {canPublish ? (
        <Alert
          type="info"
          showIcon
          message={t('panel.readyTitle')}
          action={
            <Button type="primary" onClick={() => setPublishing(true)} data-testid="publicity-publish">
              {t('panel.publish')}
            </Button>
          }
        />
      ) : null}
      {items.length === 0 && !list.isPending ? <Empty description={t('panel.none')} /> : null}
      {items.map((p) => (
        <PublicityCard key={p.id} p={p} phone={phone} year={campaign.year} />
      ))}
      <PublishModal campaignId={campaign.id} open={publishing} onClose={() => setPublishing(false)} />
    </Flex>
  );
}

function PublishModal({
  campaignId,
  open,
  onClose,
}: {
  campaignId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const [form] = Form.useForm<PublishBody>();
  const qc = useQueryClient();
  const report = useApiError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: PublishBody) => {
    setBusy(true);
    try {
      await publishReq(campaignId, v);
      await qc.invalidateQueries({ queryKey: PUBLICITY });
      message.success(t('panel.published'));
      onClose();
    } catch (err) {
      report(err, { form, fields: ['title', 'contact', 'allowAnonymous', 'workingDays'] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('panel.publish')}
      onCancel={onClose}
      okText={t('panel.publishOk')}
      okButtonProps={{ loading: busy, danger: true }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('panel.consequence')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ workingDays: DEFAULT_PUBLICITY_WORKING_DAYS, allowAnonymous: false }}
      >
        <Form.Item name="title" label={t('panel.titleField')} extra={t('panel.titleHelp')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('howToObject')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} placeholder={t('panel.contactPlaceholder')} />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="workingDays" label={t('panel.workingDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="allowAnonymous" label={t('panel.allowAnonymous')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

const STATUS_COLOR = { received: 'orange', investigating: 'blue', closed: 'default' } as const;

function PublicityCard({ p, phone, year }: { p: PublicitySummary; phone: boolean; year: number }) {
  const { t } = useTranslation('publicity');
  const detail = usePublicity(p.id).data;
  const objections = useObjections(p.id).data?.items ?? [];
  const [handling, setHandling] = useState<string | null>(null);
  const link = `/public/publicity/${p.id}`;
  return (
    <Card
      title={p.title}
      extra={<Tag color={p.status === 'open' ? 'red' : 'default'}>{t(`panel.status.${p.status}`)}</Tag>}
    >
      {detail ? (
        <div style={{ marginBottom: 16 }}>
          <CertifyBar p={detail} year={year} />
        </div>
      ) : null}
      <Descriptions
        size="small"
        column={phone ? 1 : 2}
        items={[
          {
            key: 'w',
            label: t('panel.window'),
            children: `${p.firstDay} ~ ${p.lastDay}（${p.workingDays}）`,
          },
          { key: 'e', label: t('panel.endsAt'), children: `${p.lastDay} 24:00` },
          { key: 'o', label: t('panel.objections'), children: t('panel.objectionCount', p.objections) },
          {
            key: 'l',
            label: t('panel.publicLink'),
            children: (
              <Typography.Link href={link} target="_blank" copyable={{ text: `${location.origin}${link}` }}>
                {link}
              </Typography.Link>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('listTitle')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={detail?.items ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('panel.col.name'), dataIndex: 'name' },
          { title: t('panel.col.brand'), dataIndex: 'brandName' },
          { title: t('panel.col.rank'), dataIndex: 'rank', width: 70 },
          {
            title: t('panel.col.status'),
            dataIndex: 'status',
            render: (s: 'listed' | 'struck', r) => (
              <Tag color={s === 'listed' ? 'green' : 'default'} title={r.reason ?? undefined}>
                {t(`panel.item.${s}`)}
                {r.substituteFor ? ` · ${t('panel.substituted')}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('panel.objections')}</Typography.Title>
      <Table<ObjectionSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={objections}
        scroll={{ x: true }}
        columns={[
          { title: t('panel.col.filedAt'), dataIndex: 'filedAt', render: (v: string) => formatDateTime(v) },
          { title: t('panel.col.entry'), render: (_, o) => o.entry?.name ?? t('form.entryAll') },
          {
            title: t('panel.col.filer'),
            render: (_, o) =>
              o.anonymous ? t('form.anonymous') : `${o.filerName ?? ''} ${o.filerPhone ?? ''}`,
          },
          {
            title: t('panel.col.status'),
            render: (_, o) => (
              <Tag color={STATUS_COLOR[o.status]}>
                {o.outcome ? t(`receipt.outcome.${o.outcome}`) : t(`receipt.status.${o.status}`)}
              </Tag>
            ),
          },
          {
            title: t('panel.col.assignee'),
            render: (_, o) =>
              o.assigneeName ? `${o.assigneeName}${o.deadline ? ` · ${o.deadline}` : ''}` : '—',
          },
          {
            title: '',
            render: (_, o) => (
              <Button size="small" onClick={() => setHandling(o.id)} data-testid="objection-handle">
                {t('panel.handle')}
              </Button>
            ),
          },
        ]}
      />
      <ObjectionDrawer id={handling} phone={phone} onClose={() => setHandling(null)} />
    </Card>
  );
}

function ObjectionDrawer({ id, phone, onClose }: { id: string | null; phone: boolean; onClose: () => void }) {
  const { t } = useTranslation('publicity');
  const o = useObjection(id).data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={phone ? '100%' : 560}
      title={t('panel.drawerTitle')}
      destroyOnHidden
    >
      {o ? (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'r', label: t('panel.col.receipt'), children: o.receiptCode },
              { key: 'e', label: t('panel.col.entry'), children: o.entry?.name ?? t('form.entryAll') },
              {
                key: 'f',
                label: t('panel.col.filer'),
                children: o.anonymous
                  ? t('form.anonymous')
                  : `${o.filerName ?? ''} ${o.filerPhone ?? ''}${o.filerMasked ? `（${t('panel.masked')}）` : ''}`,
              },
              {
                key: 'a',
                label: t('panel.col.assignee'),
                children: o.assigneeName ? `${o.assigneeName}${o.deadline ? ` · ${o.deadline}` : ''}` : '—',
              },
            ]}
          />
          <Card size="small" title={t('form.body')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {o.body}
            </Typography.Paragraph>
          </Card>
          {o.notes.map((n, i) => (
            <Alert
              key={i}
              type="info"
              message={`${formatDateTime(n.at)} ${n.authorName}`}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{n.body}</span>}
            />
          ))}
          {o.status === 'closed' ? (
            <Alert
              type="success"
              message={o.outcome ? t(`receipt.outcome.${o.outcome}`) : ''}
              description={o.reason}
            />
          ) : (
            <Handle key={o.status} o={o} />
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}

type Step = 'accept' | 'dismiss' | 'notes' | 'close';

function Handle({ o }: { o: ObjectionDetail }) {
  const { t } = useTranslation('publicity');
  const me = useSession().user;
  const qc = useQueryClient();
  const report = useApiError();
  const [form] = Form.useForm();
  const steps: Step[] = o.status === 'received' ? ['accept', 'dismiss'] : ['notes', 'close'];
  const [step, setStep] = useState<Step>(steps[0]!);
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const submit = async (v: Record<string, unknown>) => {
    const body: Record<string, unknown> = { ...v, version: o.version };
    if (step === 'accept') body.assigneeId = me.id;
    if (step === 'close' && outcome === 'founded_substitute')
      body.substituteApplicationId = o.nextRanked?.applicationId ?? null;
    try {
      await objectionActionReq(o.id, step, body);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: PUBLICITY });
    } catch (err) {
      report(err, { form, fields: ['deadline', 'reason', 'reply', 'body', 'outcome'], reload: [PUBLICITY] });
    }
  };
  return (
    <Card size="small">
      <Select
        value={step}
        onChange={setStep}
        style={{ marginBottom: 12, minWidth: 200 }}
        options={steps.map((s) => ({ value: s, label: t(`panel.step.${s}`) }))}
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        {step === 'accept' ? (
          <Form.Item
            name="deadline"
            label={t('panel.deadline')}
            extra={t('panel.acceptHelp')}
            rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
          >
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        ) : null}
        {step === 'notes' ? (
          <Form.Item name="body" label={t('panel.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
        {step === 'close' ? (
          <>
            <Form.Item name="outcome" label={t('panel.outcome')} rules={[{ required: true }]}>
              <Select
                options={(['unfounded', 'founded_withdraw', 'founded_substitute'] as const).map((k) => ({
                  value: k,
                  label: t(`receipt.outcome.${k}`),
                }))}
              />
            </Form.Item>
            {outcome === 'founded_substitute' ? (
              <Alert
                style={{ marginBottom: 12 }}
                type={o.nextRanked ? 'warning' : 'error'}
                showIcon
                message={
                  o.nextRanked
                    ? t('panel.substitute', { name: o.nextRanked.name, rank: o.nextRanked.rank })
                    : t('panel.noSubstitute')
                }
              />
            ) : null}
            {outcome?.startsWith('founded') ? (
              <Alert
                style={{ marginBottom: 12 }}
                type="warning"
                showIcon
                message={t('panel.foundedConsequence')}
              />
            ) : null}
          </>
        ) : null}
        {step === 'dismiss' || step === 'close' ? (
          <>
            <Form.Item name="reason" label={t('panel.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="reply" label={t('panel.reply')} extra={t('panel.replyHelp')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" data-testid="objection-submit">
          {t(`panel.step.${step}`)}
        </Button>
      </Form>
    </Card>
  );
}
