import { Alert, Button, Flex, Statistic, Table, Tag, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../lib/import';
import { KindTag } from '../../components/tags';

interface Props {
  outcome: ImportOutcome;
  fileName: string;
  onRetry: () => void;
  onConfirm: () => void;
}

/** The dry run's answer: totals, every bad row, and the confirm button only when nothing is wrong. */
export function ImportPreview({ outcome, fileName, onRetry, onConfirm }: Props) {
  const { t } = useTranslation('organizations');
  const bad = outcome.errors.length > 0;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('importPage.file', { name: fileName })}</Typography.Text>
      <Flex gap={32} wrap>
        <Statistic title={t('importPage.total')} value={outcome.total ?? '—'} />
        <Statistic title={t('importPage.creates')} value={outcome.created ?? '—'} />
        <Statistic title={t('importPage.updates')} value={outcome.updated ?? '—'} />
        <Statistic
          title={t('importPage.badRows')}
          value={outcome.badRows}
          styles={{ content: bad ? { color: '#c7000b' } : undefined }}
        />
      </Flex>
      {bad ? (
        <>
          <Alert
            type="error"
            showIcon
            title={outcome.message || t('importPage.hasErrors')}
            description={t('importPage.fixAndRetry')}
          />
          <div data-testid="import-preview-errors">
            <Table
              rowKey={(r) => `${r.row}:${r.column}:${r.code}:${r.message}`}
              size="small"
              dataSource={outcome.errors}
              pagination={outcome.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 560 }}
              columns={[
                { title: t('importPage.row'), dataIndex: 'row', width: 80 },
                { title: t('importPage.column'), dataIndex: 'column', width: 140 },
                { title: t('importPage.message'), dataIndex: 'message' },
              ]}
            />
          </div>
          <Button
            icon={<ReloadOutlined />}
            onClick={onRetry}
            style={{ alignSelf: 'flex-start' }}
            data-testid="import-retry"
          >
            {t('importPage.chooseAgain')}
          </Button>
        </>
      ) : (
        <>
          <Alert
            type="success"
            showIcon
            title={t('importPage.ready', { created: outcome.created ?? 0, updated: outcome.updated ?? 0 })}
          />
          {outcome.preview.length ? (
            <Table
              rowKey={(r) => `${r.row}`}
              size="small"
              dataSource={outcome.preview}
              pagination={outcome.preview.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 640 }}
              columns={[
                { title: t('importPage.row'), dataIndex: 'row', width: 70 },
                { title: t('field.code'), dataIndex: 'code', width: 140 },
                { title: t('field.name'), dataIndex: 'name' },
                {
                  title: t('field.kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k) => <KindTag kind={k} />,
                },
                {
                  title: t('importPage.parentCode'),
                  dataIndex: 'parentCode',
                  width: 140,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('importPage.action'),
                  dataIndex: 'action',
                  width: 90,
                  render: (a: 'create' | 'update') => (
                    <Tag color={a === 'create' ? 'green' : 'blue'}>{t(`importPage.actionLabel.${a}`)}</Tag>
                  ),
                },
              ]}
            />
          ) : null}
          <Flex gap={8} wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={onConfirm} data-testid="import-confirm">
              {t('importPage.confirm')}
            </Button>
            <Button onClick={onRetry}>{t('importPage.chooseAgain')}</Button>
          </Flex>
        </>
      )}
    </Flex>
  );
}
