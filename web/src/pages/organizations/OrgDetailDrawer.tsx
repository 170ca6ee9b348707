import { Button, Descriptions, Divider, Drawer, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { EditOutlined, NodeIndexOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { useAbility } from '../../api/auth';
import { useOrganization, useOrgVenues } from '../../api/organizations';
import { ActiveTag, KindTag } from '../../components/tags';
import { formatDateTime } from '../../lib/format';

interface Props {
  orgId: string | null;
  phone: boolean;
  onClose: () => void;
  onEdit: (o: Organization) => void;
  onMove: (o: Organization) => void;
  onToggleActive: (o: Organization) => void;
}

/** Every field of one organisation, with its venues and the actions the user may take. */
export function OrgDetailDrawer({ orgId, phone, onClose, onEdit, onMove, onToggleActive }: Props) {
  const { t } = useTranslation(['organizations', 'venues']);
  const canWrite = useAbility('organizations.write');
  const canVenues = useAbility('venues.read');
  const { data: org, isPending } = useOrganization(orgId);
  const venues = useOrgVenues(orgId, canVenues);
  const dash = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '—' : v;

  return (
    <Drawer
      open={!!orgId}
      onClose={onClose}
      size={phone ? '100%' : 560}
      title={org ? org.name : t('detail')}
      data-testid="org-detail"
      extra={
        org && canWrite ? (
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() => onEdit(org)}
            data-testid="org-detail-edit"
          >
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {isPending || !org ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 120 } }}
            items={[
              {
                key: 'code',
                label: t('field.code'),
                children: <span className="sf-mono">{org.code}</span>,
              },
              { key: 'name', label: t('field.name'), children: org.name },
              { key: 'shortName', label: t('field.shortName'), children: dash(org.shortName) },
              { key: 'kind', label: t('field.kind'), children: <KindTag kind={org.kind} /> },
              { key: 'unit', label: t('field.unit'), children: dash(org.unitName) },
              { key: 'secretary', label: t('field.secretary'), children: dash(org.secretary) },
              { key: 'contactName', label: t('field.contactName'), children: dash(org.contactName) },
              { key: 'contactPhone', label: t('field.contactPhone'), children: dash(org.contactPhone) },
              { key: 'memberCount', label: t('field.memberCount'), children: org.memberCount },
              { key: 'childCount', label: t('field.childCount'), children: org.childCount },
              { key: 'active', label: t('field.active'), children: <ActiveTag active={org.active} /> },
              { key: 'updatedAt', label: t('field.updatedAt'), children: formatDateTime(org.updatedAt) },
            ]}
          />
          {canWrite ? (
            <Flex gap={8} wrap style={{ marginTop: 16 }}>
              {org.parentId ? (
                <Button icon={<NodeIndexOutlined />} onClick={() => onMove(org)}>
                  {t('move')}
                </Button>
              ) : null}
              {org.parentId ? (
                <Button
                  danger={org.active}
                  icon={org.active ? <StopOutlined /> : <CheckCircleOutlined />}
                  onClick={() => onToggleActive(org)}
                >
                  {org.active ? t('deactivate') : t('activate')}
                </Button>
              ) : null}
            </Flex>
          ) : null}
          {canVenues ? (
            <>
              <Divider titlePlacement="start">{t('venues')}</Divider>
              {venues.data && venues.data.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noVenues')} />
              ) : (
                <List
                  size="small"
                  loading={venues.isPending}
                  dataSource={venues.data?.items ?? []}
                  renderItem={(v) => (
                    <List.Item extra={<ActiveTag active={v.active} />}>
                      <List.Item.Meta
                        title={v.name}
                        description={
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {[
                              v.address,
                              v.areaM2 !== null ? t('venues:areaValue', { area: v.areaM2 }) : null,
                              v.capacity !== null ? t('venues:capacityValue', { n: v.capacity }) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ') || '—'}
                          </Typography.Text>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
