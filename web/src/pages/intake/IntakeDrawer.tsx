import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Flex,
  Form,
  Modal,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
} from 'antd';
import { CheckOutlined, FilePdfOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/src/contracts/applications';
import { CAMPAIGNS } from '../../api/campaigns';
import {
  acceptReq,
  dossierUrl,
  evidenceUrl,
  INTAKE,
  returnReq,
  useApplicationDetail,
} from '../../api/intake';
import { KindTag } from '../../components/tags';
import { currentLanguage } from '../../i18n';
import { fileTypeLabel, formatFileSize } from '../../../../shared/src/contracts/evidence';
import { formatDateTime } from '../../lib/format';
import { AppStatusTag } from '../campaigns/tags';
import { ReasonItem } from './ReasonItem';
import { useCampaignError } from '../campaigns/useCampaignError';

type Criterion = ApplicationDetail['criteria'][number];

interface Props {
  id: string | null;
  phone: boolean;
  onClose: () => void;
}

/** One application as the committee reads it, with the intake actions its `abilities` allow. */
export function IntakeDrawer({ id, phone, onClose }: Props) {
  const { t } = useTranslation(['intake', 'standards']);
  const { message, modal } = App.useApp();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const { data: a, isPending } = useApplicationDetail(id);
  const [returning, setReturning] = useState(false);
  const zh = currentLanguage() === 'zh-CN';
  /** Files in the order of the criteria they support; files for no criterion last. */
  const positionOf = (criterionId: string | null) =>
    a?.criteria.find((c) => c.id === criterionId)?.position ?? Number.MAX_SAFE_INTEGER;

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: INTAKE });
    await qc.invalidateQueries({ queryKey: [...CAMPAIGNS, 'dashboard'] });
  };

  const accept = (app: ApplicationDetail) =>
    modal.confirm({
      title: t('acceptTitle', { name: app.organization.name }),
      content: t('acceptText'),
      okText: t('accept'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'intake-accept-ok' } as ButtonProps,
      onOk: async () => {
        try {
          await acceptReq(app.id);
          message.success(t('accepted'));
          await refresh();
        } catch (e) {
          onError(e, { reload: [INTAKE] });
        }
      },
    });

  const criteriaColumns = [
    { title: t('standards:position'), dataIndex: 'position', key: 'position', width: 56 },
    {
      title: t('standards:title'),
      key: 'title',
      render: (_v: unknown, c: Criterion) => (
        <Flex vertical gap={2}>
          <span>
            {zh ? c.titleZh : c.titleEn} {c.veto ? <Tag color="red">{t('standards:veto')}</Tag> : null}
            {c.bonus ? <Tag color="gold">{t('standards:bonus')}</Tag> : null}
          </span>
          {c.note ? <Typography.Text type="secondary">{c.note}</Typography.Text> : null}
        </Flex>
      ),
    },
    { title: t('standards:maxPoints'), dataIndex: 'maxPoints', key: 'max', width: 70 },
    {
      title: t('selfScore'),
      dataIndex: 'score',
      key: 'score',
      width: 80,
      render: (v: number | null) => v ?? '—',
    },
    { title: t('evidenceCount'), dataIndex: 'evidenceCount', key: 'files', width: 64 },
  ];

  const text = (v: string | null) =>
    v ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph> : '—';

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={phone ? '100%' : 720}
      title={a ? a.organization.name : t('detail')}
      data-testid="intake-detail"
      extra={
        a ? (
          <Button
            icon={<FilePdfOutlined />}
            href={dossierUrl(a.id)}
            target="_blank"
            data-testid="intake-dossier"
          >
            {phone ? null : t('dossier')}
          </Button>
        ) : null
      }
      footer={
        a ? (
          <Flex gap={8} justify="end" wrap>
            {!a.abilities.accept && !a.abilities.return ? (
              <Typography.Text type="secondary">{t('noAction')}</Typography.Text>
            ) : null}
            {a.abilities.return ? (
              <Button
                danger
                icon={<RollbackOutlined />}
                onClick={() => setReturning(true)}
                data-testid="intake-return"
              >
                {t('return')}
              </Button>
            ) : null}
            {a.abilities.accept ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => accept(a)}
                data-testid="intake-accept"
              >
                {t('accept')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {isPending || !a ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {a.returnedReason && a.status === 'returned' ? (
            <Alert type="warning" showIcon title={t('returnedReason')} description={a.returnedReason} />
          ) : null}
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: phone ? 96 : 140 } }}
            items={[
              { key: 'status', label: t('status'), children: <AppStatusTag status={a.status} /> },
              {
                key: 'org',
                label: t('org'),
                children: (
                  <Flex gap={6} wrap align="center">
                    <span>{a.organization.name}</span>
                    <KindTag kind={a.organization.kind} />
                    <Typography.Text type="secondary" className="sf-mono">
                      {a.organization.code}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { key: 'unit', label: t('unit'), children: a.unit.name },
              {
                key: 'track',
                label: t('track'),
                children: `${zh ? a.track.nameZh : a.track.nameEn}${a.venue ? ` · ${a.venue.name}` : ''}`,
              },
              {
                key: 'standard',
                label: t('standard'),
                children: `${zh ? a.standard.nameZh : a.standard.nameEn} · ${t('standards:versionN', { n: a.standard.version })}`,
              },
              { key: 'brand', label: t('brand'), children: a.brandName ?? '—' },
              { key: 'rank', label: t('rank'), children: a.unitRank ?? '—' },
              { key: 'opinion', label: t('unitOpinion'), children: text(a.unitOpinion) },
              {
                key: 'submittedAt',
                label: t('submittedAt'),
                children: formatDateTime(a.submittedAt),
              },
            ]}
          />
          <Divider titlePlacement="start" style={{ margin: 0 }}>
            {t('fields')}
          </Divider>
          <Descriptions
            column={1}
            size="small"
            layout={phone ? 'vertical' : 'horizontal'}
            styles={{ label: { width: phone ? undefined : 100 } }}
            items={(['summary', 'features', 'practices', 'results'] as const).map((f) => ({
              key: f,
              label: t(`${f}`),
              children: text(a[f]),
            }))}
          />
          <Divider titlePlacement="start" style={{ margin: 0 }}>
            {t('selfAssessment')}
          </Divider>
          <Table<Criterion>
            rowKey="id"
            size="small"
            pagination={false}
            columns={criteriaColumns}
            dataSource={a.criteria}
            scroll={{ x: 520 }}
            data-testid="intake-self-assessment"
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <Typography.Text strong>{t('selfTotal', { n: a.selfScoreTotal })}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Divider titlePlacement="start" style={{ margin: 0 }}>
            {t('evidence')}
          </Divider>
          {a.evidence.length ? (
            <Flex vertical gap={6} data-testid="intake-evidence">
              {[...a.evidence]
                .sort((x, y) => positionOf(x.criterionId) - positionOf(y.criterionId))
                .map((e) => {
                  const c = a.criteria.find((x) => x.id === e.criterionId);
                  return (
                    <Flex key={e.id} gap={8} align="center" wrap data-testid="intake-evidence-file">
                      <PaperClipOutlined />
                      <Typography.Link href={evidenceUrl(e.id)} target="_blank" rel="noopener">
                        {e.originalName}
                      </Typography.Link>
                      <Tag data-testid="intake-evidence-criterion">
                        {c
                          ? t('evidenceFor', { n: c.position, title: zh ? c.titleZh : c.titleEn })
                          : t('evidenceUnassigned')}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fileTypeLabel(e.mediaType, zh ? 'zh' : 'en')} · {formatFileSize(e.sizeBytes)} ·{' '}
                        {formatDateTime(e.uploadedAt)}
                      </Typography.Text>
                    </Flex>
                  );
                })}
            </Flex>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noEvidence')} />
          )}
          <Divider titlePlacement="start" style={{ margin: 0 }}>
            {t('history')}
          </Divider>
          <Timeline
            data-testid="intake-history"
            items={a.history.map((h) => ({
              key: h.id,
              content: (
                <Flex vertical gap={2}>
                  <Flex gap={6} wrap align="center">
                    {h.toStatus ? <AppStatusTag status={h.toStatus} /> : <Tag>{h.action}</Tag>}
                    <Typography.Text type="secondary">
                      {formatDateTime(h.at)} · {h.actorName ?? '—'}
                    </Typography.Text>
                  </Flex>
                  {h.reason ? <Typography.Text>{h.reason}</Typography.Text> : null}
                </Flex>
              ),
            }))}
          />
        </Flex>
      )}
      {a ? (
        <ReturnModal
          open={returning}
          app={a}
          onClose={() => setReturning(false)}
          onDone={async () => {
            setReturning(false);
            message.success(t('returned'));
            await refresh();
          }}
        />
      ) : null}
    </Drawer>
  );
}

interface ReturnProps {
  open: boolean;
  app: ApplicationDetail;
  onClose: () => void;
  onDone: () => Promise<void>;
}

/** Return for revision: the reason is required and shown to the applicant. */
function ReturnModal({ open, app, onClose, onDone }: ReturnProps) {
  const { t } = useTranslation(['intake', 'standards']);
  const onError = useCampaignError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await returnReq(app.id, v.reason.trim());
      form.resetFields();
      await onDone();
    } catch (e) {
      onError(e, { form, roots: ['reason'], reload: [INTAKE] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('returnTitle', { name: app.organization.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('return')}
      okButtonProps={{ danger: true, 'data-testid': 'intake-return-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
        <ReasonItem rows={5} placeholder={t('returnPlaceholder')} testId="intake-return-reason" />
      </Form>
    </Modal>
  );
}
