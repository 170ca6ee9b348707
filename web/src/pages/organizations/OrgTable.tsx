import { Button, Dropdown, Flex, Table, Typography } from 'antd';
import type { MenuProps, TableProps } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { orgSortKeys, type Organization } from '../../../../shared/src/contracts/organizations';
import { canHaveChildren } from '../../../../shared/src/domain/org-rules';
import { ActiveTag, KindTag } from '../../components/tags';
import { formatDateTime } from '../../lib/format';
import { scrollWidth, sortOrderOf, sortParam } from '../../lib/list';

interface Props {
  data: Organization[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  sort: string | undefined;
  canWrite: boolean;
  phone: boolean;
  onPage: (page: number, pageSize: number, sort: string | undefined) => void;
  onOpen: (o: Organization) => void;
  onBrowse: (o: Organization) => void;
  /** Search results: show the organisation among its siblings, in the tree. */
  onLocate?: (o: Organization) => void;
  onEdit: (o: Organization) => void;
  onCreateChild: (o: Organization) => void;
  onMove: (o: Organization) => void;
  onToggleActive: (o: Organization) => void;
  /** What an empty table says (e.g. a branch has no sub-organisations). */
  emptyText?: React.ReactNode;
}

/** A page of organisations: the selected node's children or search results. */
export function OrgTable(p: Props) {
  const { t } = useTranslation('organizations');
  const writeItems = (o: Organization): NonNullable<MenuProps['items']> => [
    { key: 'edit', label: t('common.edit'), onClick: () => p.onEdit(o) },
    ...(canHaveChildren(o.kind) && o.active
      ? [{ key: 'child', label: t('createChild'), onClick: () => p.onCreateChild(o) }]
      : []),
    ...(o.parentId
      ? [
          { key: 'move', label: t('move'), onClick: () => p.onMove(o) },
          { type: 'divider' as const },
          {
            key: 'active',
            danger: o.active,
            label: o.active ? t('deactivate') : t('activate'),
            onClick: () => p.onToggleActive(o),
          },
        ]
      : []),
  ];
  const columns: TableProps<Organization>['columns'] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(p.sort, 'name'),
      fixed: p.phone ? undefined : 'left',
      width: p.phone ? 230 : 260,
      render: (_v, o) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => p.onOpen(o)} data-testid="org-row-name">
            {o.name}
          </Typography.Link>
          {p.phone ? (
            <Flex gap={6} align="center" wrap>
              <KindTag kind={o.kind} />
              <Typography.Text type="secondary" className="sf-mono" style={{ fontSize: 12 }}>
                {o.code}
              </Typography.Text>
              {o.active ? null : <ActiveTag active={false} />}
            </Flex>
          ) : o.shortName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.shortName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.unit'),
      dataIndex: 'unitName',
      key: 'unitName',
      width: 200,
      // Next to the name and whole (wrapped): it showed only "市" at the scroll edge (issue #7.7).
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: sortOrderOf(p.sort, 'code'),
      width: 140,
      render: (v: string) => <span className="sf-mono">{v}</span>,
    },
    {
      title: t('field.kind'),
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      sortOrder: sortOrderOf(p.sort, 'kind'),
      width: 110,
      render: (_v, o) => <KindTag kind={o.kind} />,
    },
    {
      title: t('field.memberCount'),
      dataIndex: 'memberCount',
      key: 'memberCount',
      sorter: true,
      sortOrder: sortOrderOf(p.sort, 'memberCount'),
      width: 110,
      align: 'right',
    },
    {
      title: t('field.childCount'),
      dataIndex: 'childCount',
      key: 'childCount',
      width: 100,
      align: 'right',
      render: (v: number, o) =>
        v > 0 ? (
          <Typography.Link onClick={() => p.onBrowse(o)} title={t('browseChildren')}>
            {v}
          </Typography.Link>
        ) : (
          0
        ),
    },
    {
      title: t('field.active'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (v: boolean) => <ActiveTag active={v} />,
    },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(p.sort, 'updatedAt'),
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: p.phone ? 56 : (p.canWrite ? 130 : 80) + (p.onLocate ? 50 : 0),
      render: (_v, o) => {
        const more: NonNullable<MenuProps['items']> = [
          ...(p.phone ? [{ key: 'view', label: t('common.view'), onClick: () => p.onOpen(o) }] : []),
          ...(p.phone && p.onLocate && o.parentId
            ? [{ key: 'locate', label: t('locate'), onClick: () => p.onLocate?.(o) }]
            : []),
          ...(p.canWrite ? writeItems(o) : []),
        ];
        return (
          <Flex gap={4} align="center">
            {p.phone ? null : (
              <Button type="link" size="small" onClick={() => p.onOpen(o)} style={{ paddingInline: 4 }}>
                {t('common.view')}
              </Button>
            )}
            {!p.phone && p.onLocate && o.parentId ? (
              <Button
                type="link"
                size="small"
                onClick={() => p.onLocate?.(o)}
                style={{ paddingInline: 4 }}
                data-testid="org-row-locate"
              >
                {t('locate')}
              </Button>
            ) : null}
            {more.length ? (
              <Dropdown trigger={['click']} menu={{ items: more }}>
                <Button
                  type="text"
                  size="small"
                  icon={<MoreOutlined />}
                  aria-label={t('common.more')}
                  data-testid="org-row-more"
                />
              </Dropdown>
            ) : null}
          </Flex>
        );
      },
    },
  ];

  return (
    <div data-testid="org-table">
      <Table<Organization>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={p.data}
        loading={p.loading}
        locale={p.emptyText ? { emptyText: p.emptyText } : undefined}
        scroll={{ x: scrollWidth(columns) }}
        pagination={{
          current: p.page,
          pageSize: p.pageSize,
          total: p.total,
          showSizeChanger: !p.phone,
          size: p.phone ? 'small' : undefined,
          showTotal: (n) => t('common.total', { n }),
        }}
        onChange={(pg, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          p.onPage(
            pg.current ?? 1,
            pg.pageSize ?? p.pageSize,
            sortParam(s?.columnKey ?? s?.field, s?.order, orgSortKeys),
          );
        }}
      />
    </div>
  );
}
