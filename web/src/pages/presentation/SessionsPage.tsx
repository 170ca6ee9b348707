import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DesktopOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../shared/src/contracts/presentation';
import { usePanel } from '../../api/assignments';
import { useStage } from '../../api/stages';
import { createSessionReq, SESSIONS, useStageSessions, type SessionList } from '../../api/presentation';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { BackLink } from '../../components/BackLink';

const STATUS_COLOR = { planned: 'default', running: 'processing', finished: 'green' } as const;

interface FormValues {
  name: string;
  room?: string;
  minutes: number;
  panel: string[];
  seed?: number | null;
}

/** The sessions of a presentation stage (现场讲述): the list, and a new session with its order drawn by lot. */
export default function SessionsPage() {
  const { campaignId, stageId } = useParams();
  const { t, i18n } = useTranslation('evaluation');
  const stage = useStage(campaignId, stageId);
  const sessions = useStageSessions(stageId);
  if (stage.isPending || sessions.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!stage.data || stage.data.method !== 'presentation')
    return <Result status="404" title={t('work.notFound')} />;
  const base = `/campaigns/${campaignId}/stages/${stageId}`;
  return (
    <Flex vertical gap={12}>
      <BackLink to={base}>{bilingual(i18n.language, stage.data.nameZh, stage.data.nameEn)}</BackLink>
      <PageHeader title={t('live.sessionsTitle')} sub={t('live.sessionsSub')} />
      <SessionTable items={sessions.data?.items ?? []} base={base} />
      <NewSession stageId={stageId!} base={base} />
    </Flex>
  );
}

function SessionTable({ items, base }: { items: SessionList['items']; base: string }) {
  const { t } = useTranslation('evaluation');
  if (items.length === 0)
    return (
      <Card>
        <Empty description={t('live.noSessions')} />
      </Card>
    );
  return (
    <Card>
      <Table<SessionList['items'][number]>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={items}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('live.col.session'),
            render: (_, s) => (
              <Link to={`${base}/sessions/${s.id}`} data-testid="session-link">
                {s.name}
              </Link>
            ),
          },
          { title: t('live.col.room'), dataIndex: 'room', render: (v: string | null) => v ?? '—' },
          {
            title: t('live.col.status'),
            dataIndex: 'status',
            render: (v: keyof typeof STATUS_COLOR) => (
              <Tag color={STATUS_COLOR[v]}>{t(`live.status.${v}`)}</Tag>
            ),
          },
          {
            title: t('live.col.released'),
            render: (_, s) => t('live.releasedOf', { released: s.released, total: s.presenters }),
          },
          {
            title: '',
            render: (_, s) => (
              <Button
                size="small"
                icon={<DesktopOutlined />}
                href={`/screen/sessions/${s.id}`}
                target="_blank"
              >
                {t('live.openScreen')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function NewSession({ stageId, base }: { stageId: string; base: string }) {
  const { t } = useTranslation('evaluation');
  const [form] = Form.useForm<FormValues>();
  const panel = usePanel(stageId);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const [preview, setPreview] = useState<SessionView | null>(null);
  const [busy, setBusy] = useState(false);

  const body = (v: FormValues, seed: number | undefined, isPreview: boolean) => ({
    name: v.name,
    room: v.room?.trim() ? v.room : undefined,
    timerSeconds: Math.round(v.minutes * 60),
    panel: v.panel,
    seed,
    preview: isPreview,
  });

  const draw = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPreview(await createSessionReq(stageId, body(v, v.seed ?? undefined, true)));
    } catch (e) {
      onError(e, { form, fields: ['name', 'room', 'panel', 'seed'] });
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview?.draw) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await createSessionReq(stageId, body(v, preview.draw.seed, false));
      await qc.invalidateQueries({ queryKey: [...SESSIONS] });
      message.success(t('live.created'));
      navigate(`${base}/sessions/${created.id}`);
    } catch (e) {
      onError(e, { form, fields: ['name', 'room', 'panel', 'seed'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('live.newSession')}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ minutes: 8, panel: [] }}
        onValuesChange={() => setPreview(null)}
        style={{ maxWidth: 720 }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="name" label={t('live.field.name')} rules={[{ required: true, whitespace: true }]}>
            <Input
              maxLength={100}
              style={{ width: 240 }}
              placeholder={t('live.field.namePlaceholder')}
              data-testid="session-name"
            />
          </Form.Item>
          <Form.Item name="room" label={t('live.field.room')}>
            <Input maxLength={100} style={{ width: 240 }} data-testid="session-room" />
          </Form.Item>
          <Form.Item name="minutes" label={t('live.field.minutes')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={120} step={0.5} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="panel"
          label={t('live.field.panel')}
          extra={t('live.field.panelHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('live.field.panelRequired') }]}
        >
          <Checkbox.Group
            data-testid="session-panel"
            options={(panel.data?.items ?? []).map((p) => ({
              value: p.reviewerId,
              label: p.affiliation ? `${p.displayName}（${p.affiliation}）` : p.displayName,
            }))}
          />
        </Form.Item>
        <Form.Item name="seed" label={t('live.field.seed')} extra={t('live.field.seedHint')}>
          <InputNumber min={0} max={4294967295} style={{ width: 200 }} />
        </Form.Item>
        {preview ? (
          <Alert
            type="info"
            showIcon
            data-testid="order-preview"
            style={{ marginBottom: 16 }}
            message={t('live.previewTitle', { seed: preview.draw?.seed })}
            description={
              <ol style={{ margin: 0, paddingInlineStart: 22 }}>
                {preview.presenters.map((p) => (
                  <li key={p.applicationId}>{p.organizationName}</li>
                ))}
              </ol>
            }
          />
        ) : null}
        <Flex gap={8} wrap>
          <Button
            icon={<ExperimentOutlined />}
            loading={busy && !preview}
            onClick={() => void draw()}
            data-testid="draw-order"
          >
            {t('live.drawOrder')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!preview}
            loading={busy && !!preview}
            onClick={() => void commit()}
            data-testid="create-session"
          >
            {t('live.create')}
          </Button>
        </Flex>
        {!preview ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('live.previewFirst')}
          </Typography.Text>
        ) : null}
      </Form>
    </Card>
  );
}
