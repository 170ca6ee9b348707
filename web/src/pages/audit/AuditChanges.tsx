import { Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import { changeRows } from '../../lib/audit';

/** The expanded row of an audit event: every changed field before → after, and the request's details. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('audit');
  const rows = changeRows(event.changes);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0', maxWidth: 900 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'req',
            label: t('field.requestId'),
            children: <span className="sf-mono">{event.requestId ?? '—'}</span>,
          },
          {
            key: 'obj',
            label: t('field.objectId'),
            children: <span className="sf-mono">{event.objectId ?? '—'}</span>,
          },
          {
            key: 'scope',
            label: t('field.scopeOrgId'),
            children: <span className="sf-mono">{event.scopeOrgId ?? '—'}</span>,
          },
        ]}
      />
      {event.detail ? (
        <Typography.Paragraph style={{ margin: 0 }}>{event.detail}</Typography.Paragraph>
      ) : null}
      {rows.length ? (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 520 }}
          columns={[
            {
              title: t('change.field'),
              dataIndex: 'field',
              width: 160,
              render: (v: string) => <span className="sf-mono">{v}</span>,
            },
            {
              title: t('change.before'),
              dataIndex: 'before',
              render: (v: string) => (
                <Typography.Text delete type="secondary">
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('change.after'),
              dataIndex: 'after',
              render: (v: string) => <Typography.Text>{v}</Typography.Text>,
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>
      )}
    </Flex>
  );
}
