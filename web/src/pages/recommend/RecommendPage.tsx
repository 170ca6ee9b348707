import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Grid, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationListItem } from '../../../../shared/src/contracts/applications';
import { APPLICATIONS, useApplications, useCurrentCampaigns } from '../../api/applications';
import { useSession } from '../../api/auth';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { StatusTag } from '../applications/StatusTag';
import { ApplicationDrawer } from './ApplicationDrawer';
import { DecisionModal, type Decision } from './DecisionModal';
import { RankedList } from './RankedList';
import { RANK_HOLDING_STATUSES, suggestedRank } from '../../../../shared/src/domain/unit-ranking';

/** 推荐初审: the unit checks submitted applications, recommends or returns them, and ranks its list. */
export default function RecommendPage() {
  const { t, i18n } = useTranslation(['recommend', 'applications']);
  const me = useSession();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const current = useCurrentCampaigns();
  const campaigns = current.data?.items ?? [];
  // A deadline reminder or the work desk opens the page on its campaign and track
  // (`/recommend?campaign=<id>&track=<code>`).
  const [params] = useSearchParams();
  const [campaignId, setCampaignId] = useState<string | null>(params.get('campaign'));
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  const [track, setTrack] = useState<string | null>(params.get('track'));
  const trackCode =
    track && campaign?.tracks.some((x) => x.track === track) ? track : campaign?.tracks[0]?.track;
  const [openId, setOpenId] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const base = { campaignId: campaign?.id, trackCode, pageSize: 200 };
  const enabled = !!campaign && !!trackCode;
  const pending = useApplications({ ...base, status: ['submitted'], sort: 'submittedAt' }, enabled);
  // Every application the unit has recommended holds a rank and counts against the cap, accepted ones too.
  const ranked = useApplications({ ...base, status: [...RANK_HOLDING_STATUSES], sort: 'unitRank' }, enabled);
  const recommendedCount = ranked.data?.total ?? 0;
  const cap = campaign?.unitCaps.find((c) => c.track === trackCode && c.unitId === me.scope.unitId)?.cap;
  const nextRank = suggestedRank(ranked.data?.items ?? [], cap ?? null) ?? recommendedCount + 1;
  const pastDeadline = campaign ? new Date(campaign.timeline.recommendationDeadline) < new Date() : false;
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: APPLICATIONS });
  };

  const columns: TableProps<ApplicationListItem>['columns'] = [
    {
      title: t('applications:field.title'),
      key: 'title',
      render: (_v, a) => (
        <Flex vertical>
          <Typography.Link onClick={() => setOpenId(a.id)} data-testid="pending-open">
            {a.brandName || a.venueName || a.orgName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.orgName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('applications:field.status'),
      key: 'status',
      width: 110,
      render: (_v, a) => <StatusTag status={a.status} />,
    },
    {
      title: t('submittedAt'),
      key: 'submittedAt',
      width: 150,
      responsive: ['md'],
      render: (_v, a) => formatDateTime(a.submittedAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_v, a) => (
        <Button type="link" size="small" onClick={() => setOpenId(a.id)} style={{ paddingInline: 0 }}>
          {t('check')}
        </Button>
      ),
    },
  ];

  if (!current.isLoading && !campaign)
    return (
      <Flex vertical>
        <PageHeader title={t('pageTitle')} />
        <Card>
          <Empty description={t('applications:noOpenCampaign')} />
        </Card>
      </Flex>
    );

  return (
    <Flex vertical gap={12}>
      <PageHeader
        title={t('pageTitle')}
        sub={
          campaign ? t('deadline', { time: formatDateTime(campaign.timeline.recommendationDeadline) }) : null
        }
        extra={
          campaigns.length > 1 ? (
            <Select
              value={campaign?.id}
              onChange={setCampaignId}
              options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
              style={{ width: 260 }}
            />
          ) : null
        }
      />
      {pastDeadline ? <Alert type="warning" showIcon title={t('pastDeadline')} /> : null}
      <Flex gap={12} wrap align="center" justify="space-between">
        <Segmented
          value={trackCode}
          onChange={(v) => setTrack(String(v))}
          options={(campaign?.tracks ?? []).map((x) => ({
            value: x.track,
            label: bilingual(i18n.language, x.nameZh, x.nameEn),
          }))}
          block={phone}
          style={phone ? { width: '100%' } : undefined}
          data-testid="recommend-track"
        />
        <Tag
          color={cap !== undefined && recommendedCount > cap ? 'error' : 'red'}
          style={{ fontSize: 14, padding: '4px 10px' }}
          data-testid="recommend-cap"
        >
          {cap !== undefined
            ? t('capUsed', { n: recommendedCount, cap })
            : t('countOnly', { n: recommendedCount })}
        </Tag>
      </Flex>
      <Card size="small" title={t('pendingTitle', { n: pending.data?.total ?? 0 })}>
        <Table<ApplicationListItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={pending.data?.items ?? []}
          loading={pending.isFetching}
          pagination={false}
          data-testid="pending-table"
          locale={{ emptyText: t('nonePending') }}
        />
      </Card>
      {campaign && trackCode ? (
        <RankedList
          campaignId={campaign.id}
          trackCode={trackCode}
          items={ranked.data?.items ?? []}
          loading={ranked.isFetching}
          canEdit={!pastDeadline}
          onOpen={setOpenId}
          onSaved={reload}
        />
      ) : null}
      <ApplicationDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onRecommend={(d) => setDecision({ kind: 'recommend', detail: d, rank: nextRank })}
        onReturn={(d) => setDecision({ kind: 'return', detail: d, rank: 0 })}
      />
      <DecisionModal
        decision={decision}
        onClose={() => setDecision(null)}
        onDone={async () => {
          setOpenId(null);
          await reload();
        }}
      />
    </Flex>
  );
}
