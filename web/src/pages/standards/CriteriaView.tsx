import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Criterion } from '../../../../shared/src/contracts/standards';

/** A version's criteria, read-only: a table on wide screens, cards on phones. */
export function CriteriaView({ criteria, phone }: { criteria: readonly Criterion[]; phone: boolean }) {
  const { t } = useTranslation('standards');
  const rows = [...criteria].sort((a, b) => a.position - b.position);
  const methods = (c: Criterion) =>
    c.methods.length ? (
      <Flex gap={4} wrap>
        {c.methods.map((m) => (
          <Tag key={m} style={{ marginInlineEnd: 0 }}>
            {t(`methodName.${m}`, { defaultValue: m })}
          </Tag>
        ))}
      </Flex>
    ) : null;
  const flags = (c: Criterion) => (
    <Flex gap={4} wrap>
      {c.veto ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('veto')}
        </Tag>
      ) : null}
      {c.bonus ? (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('bonus')}
        </Tag>
      ) : null}
    </Flex>
  );
  const evidence = (c: Criterion) => (
    <Flex vertical gap={2}>
      {c.evidence ? <Typography.Text>{c.evidence}</Typography.Text> : null}
      {c.evidenceRequired ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('evidenceRequired')}
        </Typography.Text>
      ) : null}
    </Flex>
  );

  if (!rows.length) return <Empty description={t('empty')} />;

  if (phone)
    return (
      <Flex vertical gap={8} data-testid="standard-criteria">
        {rows.map((c) => (
          <Card size="small" key={c.id} data-testid="standard-criterion">
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8} align="start">
                <Typography.Text strong>
                  {c.position}. {c.titleZh}
                </Typography.Text>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {t('pointsN', { n: c.maxPoints })}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary">{c.titleEn}</Typography.Text>
              {c.description ? <Typography.Text>{c.description}</Typography.Text> : null}
              {evidence(c)}
              {methods(c)}
              {flags(c)}
            </Flex>
          </Card>
        ))}
      </Flex>
    );

  const columns: TableProps<Criterion>['columns'] = [
    { title: t('position'), dataIndex: 'position', key: 'position', width: 56 },
    {
      title: t('title'),
      key: 'title',
      render: (_v, c) => (
        <Flex vertical gap={2}>
          <Typography.Text>{c.titleZh}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.titleEn}
          </Typography.Text>
          {c.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('maxPoints'), dataIndex: 'maxPoints', key: 'maxPoints', width: 70, align: 'right' },
    { title: t('evidence'), key: 'evidence', width: 200, render: (_v, c) => evidence(c) },
    { title: t('methods'), key: 'methods', width: 170, render: (_v, c) => methods(c) },
    { title: '', key: 'flags', width: 90, render: (_v, c) => flags(c) },
  ];
  return (
    <Table<Criterion>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="standard-criteria"
    />
  );
}
