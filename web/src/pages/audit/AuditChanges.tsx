import { Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditDetailText } from '../../../../shared/src/audit-fields';
import type { AuditEvent } from '../../../../shared/src/contracts/audit';
import { changeRows } from '../../lib/audit';
import { nameOf, objectTypeLabel, valueOptions } from './labels';

/** The expanded row of an audit event: every changed field before → after, and the request's details. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('audit');
  const rows = changeRows(event.changes, valueOptions(t, event));
  const named = (id: string | null) => nameOf(event, id);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0', maxWidth: 900 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'req',
            label: t('field.requestId'),
            children: <span className="sf-mono">{event.requestId ?? '—'}</span>,
          },
          {
            key: 'obj',
            label: event.objectType ? objectTypeLabel(t, event.objectType) : t('field.object'),
            children: named(event.objectId) ?? (event.objectId ? t('deletedRecord') : '—'),
          },
          {
            key: 'scope',
            label: t('field.scopeOrgId'),
            children: named(event.scopeOrgId) ?? '—',
          },
          {
            key: 'ids',
            label: t('ids'),
            children: (
              <span className="sf-mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {[event.objectId, event.scopeOrgId].filter(Boolean).join(' · ') || '—'}
              </span>
            ),
          },
        ]}
      />
      {event.detail ? (
        <Typography.Paragraph style={{ margin: 0 }}>
          {auditDetailText(event.detail, valueOptions(t, event))}
        </Typography.Paragraph>
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
              dataIndex: 'label',
              width: 160,
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
