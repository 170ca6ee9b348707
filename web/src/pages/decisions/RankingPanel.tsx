import { useState } from 'react';
import { Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DecisionDetail } from '../../../../shared/src/contracts/decisions';
import type { Ranking } from '../../../../shared/src/contracts/results';
import { useRanking } from '../../api/decisions';

type Row = Ranking['items'][number];
type Group = DecisionDetail['groups'][number];

/** The top 50 of each track × kind, raw or standardised; rows whose selection the other ranking would change marked. */
export function RankingPanel(props: { campaignId: string; groups: Group[]; titleOf: (g: Group) => string }) {
  const { t } = useTranslation('decisions');
  const [mode, setMode] = useState<'raw' | 'standardised'>('raw');
  return (
    <Flex vertical gap={16}>
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'raw' | 'standardised')}
        options={[
          { value: 'raw', label: t('ranking.raw') },
          { value: 'standardised', label: t('ranking.standardised') },
        ]}
        data-testid="ranking-mode"
        style={{ alignSelf: 'start' }}
      />
      {props.groups.map((g) => (
        <RankingCard
          key={`${g.track}/${g.orgKind ?? ''}`}
          campaignId={props.campaignId}
          group={g}
          title={props.titleOf(g)}
          mode={mode}
        />
      ))}
    </Flex>
  );
}

function RankingCard(props: {
  campaignId: string;
  group: Group;
  title: string;
  mode: 'raw' | 'standardised';
}) {
  const { t } = useTranslation('decisions');
  const { data, isPending } = useRanking(props.campaignId, {
    track: props.group.track,
    kind: props.group.orgKind,
    mode: props.mode,
  });
  return (
    <Card title={props.title} styles={{ body: { padding: 0 } }} data-testid="ranking-group">
      <Table<Row>
        rowKey="applicationId"
        size="middle"
        loading={isPending}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 640 }}
        dataSource={data?.items ?? []}
        onRow={(r) => (r.selectionWouldChange ? { style: { background: '#fff7e6' } } : {})}
        columns={[
          { key: 'rank', title: t('col.rank'), dataIndex: 'rank', width: 64, align: 'center' },
          {
            key: 'name',
            title: t('col.applicant'),
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{r.brandName ?? r.organizationName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.organizationName}
                  {r.unitName ? ` · ${r.unitName}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'raw',
            title: t('ranking.rawScore'),
            width: 110,
            align: 'right',
            render: (_, r) => `${r.finalScore.toFixed(2)} (#${r.rawRank})`,
          },
          {
            key: 'std',
            title: t('ranking.standardisedScore'),
            width: 130,
            align: 'right',
            render: (_, r) => `${r.finalStandardised.toFixed(2)} (#${r.standardisedRank})`,
          },
          {
            key: 'change',
            title: '',
            width: 150,
            render: (_, r) =>
              r.selectionWouldChange ? <Tag color="orange">{t('ranking.wouldChange')}</Tag> : null,
          },
        ]}
      />
    </Card>
  );
}
