import { useState } from 'react';
import { App, Button, Card, Dropdown, Flex, Grid, Select, Tag, Typography } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountSortKeys, type Account } from '../../../../shared/src/contracts/accounts';
import { ROLES, type Role } from '../../../../shared/src/enums';
import { needsFourEyes } from '../../../../shared/src/domain/account-rules';
import { primaryRole, useAbility, useSession } from '../../api/auth';
import {
  ACCOUNTS,
  patchAccountReq,
  resetPasswordReq,
  unlockReq,
  useAccounts,
  type AccountFilters,
  type OneTimePassword,
} from '../../api/accounts';
import { useApiError } from '../../app/useApiError';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { roleLabel } from '../../i18n/labels';
import { accountStatuses, canManageAccount, manageableRoles, type AccountStatus } from '../../lib/accounts';
import { formatDateTime } from '../../lib/format';
import { sortOrderOf } from '../../lib/list';
import { useUrlFilters, type FilterSpec } from '../../lib/url-filters';
import { AccountFormModal, type AccountFormTarget } from './AccountFormModal';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { PrivilegedRequestModal, type PrivilegedAsk } from './PrivilegedRequestModal';

const STATUS_COLOR: Record<AccountStatus, string> = {
  disabled: 'default',
  locked: 'error',
  mustChangePassword: 'warning',
  active: 'success',
};

/** The list's filters in the URL (`/accounts?state=locked`): a work desk's counts open it so. */
const FILTERS: FilterSpec<AccountFilters> = {
  q: 'string',
  role: 'string',
  disabled: 'string',
  state: 'string',
  page: 'number',
  pageSize: 'number',
  sort: 'string',
};
const DEFAULTS: AccountFilters = { page: 1, pageSize: 20 };

export default function AccountsPage() {
  const me = useSession();
  const { t } = useTranslation('accounts');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const canManage = useAbility('accounts.manage');
  const myRole = primaryRole(me);
  const roles = canManage ? manageableRoles(myRole) : [];
  const [filters, setFilters] = useUrlFilters(FILTERS, DEFAULTS);
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [target, setTarget] = useState<AccountFormTarget | null>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const [ask, setAsk] = useState<PrivilegedAsk | null>(null);
  const list = useAccounts(filters);

  const act = (title: string, content: string, ok: string, danger: boolean, run: () => Promise<void>) =>
    modal.confirm({
      title,
      content,
      okText: ok,
      okButtonProps: { danger },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run();
          await qc.invalidateQueries({ queryKey: ACCOUNTS });
        } catch (e) {
          onError(e, { reload: [ACCOUNTS] });
        }
      },
    });

  const setDisabled = (a: Account, disabled: boolean) =>
    act(
      disabled ? t('disableTitle', { name: a.username }) : t('enableTitle', { name: a.username }),
      disabled ? t('disableText') : t('enableText'),
      disabled ? t('disable') : t('enable'),
      disabled,
      async () => {
        await patchAccountReq(a.id, { disabled, version: a.version });
        message.success(disabled ? t('disabled') : t('enabled'));
      },
    );
  const reset = (a: Account) =>
    act(t('resetTitle', { name: a.username }), t('resetText'), t('reset'), true, async () => {
      setOtp(await resetPasswordReq(a));
    });
  const unlock = (a: Account) =>
    act(t('unlockTitle', { name: a.username }), t('unlockText'), t('unlock'), false, async () => {
      await unlockReq(a);
      message.success(t('unlocked'));
    });

  const columns: ListColumn<Account>[] = [
    {
      title: t('field.username'),
      dataIndex: 'username',
      key: 'username',
      locked: true,
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'username'),
      fixed: phone ? undefined : 'left',
      width: 160,
      render: (v: string, a) => (
        <Flex vertical gap={2}>
          <span className="sf-mono">{v}</span>
          {phone ? (
            <Flex gap={4} wrap>
              <Tag style={{ marginInlineEnd: 0 }}>{roleLabel(t, a.role)}</Tag>
              {accountStatuses(a)
                .filter((st) => st !== 'active')
                .map((st) => (
                  <Tag key={st} color={STATUS_COLOR[st]} style={{ marginInlineEnd: 0 }}>
                    {t(`status.${st}`)}
                  </Tag>
                ))}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('field.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'displayName'),
      width: 140,
    },
    {
      title: t('field.email'),
      dataIndex: 'email',
      key: 'email',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.role'),
      dataIndex: 'role',
      key: 'role',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'role'),
      width: 160,
      render: (r: Role) => <Tag>{roleLabel(t, r)}</Tag>,
    },
    {
      title: t('field.organization'),
      dataIndex: 'organizationName',
      key: 'organizationName',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.status'),
      key: 'status',
      width: 170,
      render: (_v, a) => (
        <Flex gap={4} wrap>
          {accountStatuses(a).map((s) => (
            <Tag key={s} color={STATUS_COLOR[s]} style={{ marginInlineEnd: 0 }}>
              {t(`status.${s}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('field.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'lastLoginAt'),
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'createdAt'),
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      locked: true,
      fixed: 'right',
      width: 110,
      render: (_v, a) =>
        canManage && canManageAccount(myRole, me.user.id, a) ? (
          <Flex gap={4}>
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 4 }}
              onClick={() => setTarget({ mode: 'edit', account: a })}
            >
              {t('common.edit')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  needsFourEyes(a.role)
                    ? {
                        key: 'reset',
                        label: t('fourEyes.reset'),
                        onClick: () => setAsk({ kind: 'password_reset', account: a }),
                      }
                    : { key: 'reset', label: t('reset'), onClick: () => reset(a) },
                  ...(a.locked
                    ? [
                        needsFourEyes(a.role)
                          ? {
                              key: 'unlock',
                              label: t('fourEyes.unlock'),
                              onClick: () => setAsk({ kind: 'account_unlock', account: a }),
                            }
                          : { key: 'unlock', label: t('unlock'), onClick: () => unlock(a) },
                      ]
                    : []),
                  { type: 'divider' as const },
                  a.disabled
                    ? needsFourEyes(a.role)
                      ? {
                          key: 'enable',
                          label: t('fourEyes.enable'),
                          onClick: () => setAsk({ kind: 'account_enable', account: a }),
                        }
                      : { key: 'enable', label: t('enable'), onClick: () => setDisabled(a, false) }
                    : {
                        key: 'disable',
                        danger: true,
                        label: t('disable'),
                        onClick: () => setDisabled(a, true),
                      },
                ],
              }}
            >
              <Button
                type="text"
                size="small"
                icon={<MoreOutlined />}
                aria-label={t('common.more')}
                data-testid="account-row-more"
              />
            </Dropdown>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const filterWidth = phone ? 'calc(50% - 4px)' : 170;
  return (
    <Flex vertical>
      <PageHeader
        title={t('nav.accounts')}
        sub={t('subtitle')}
        extra={
          roles.length ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="account-create"
            >
              {t('create')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: phone ? 12 : 20 } }}>
        <ListTable<Account>
          listId="accounts"
          phone={phone}
          columns={columns}
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          paging={{ page: filters.page ?? 1, pageSize: filters.pageSize ?? 20, sort: filters.sort }}
          sortKeys={accountSortKeys}
          onPaging={(p) => setFilters((f) => ({ ...f, ...p }))}
          empty={t('empty')}
          testId="account-table"
          toolbar={
            <Flex gap={8} wrap>
              <SearchBox
                value={searchText}
                onChange={setSearchText}
                onSearch={(v) => setFilters((f) => ({ ...f, q: v || undefined, page: 1 }))}
                placeholder={t('searchPlaceholder')}
                width={phone ? '100%' : 280}
                testId="account-search"
              />
              <Select<Role>
                allowClear
                placeholder={t('field.role')}
                value={filters.role}
                onChange={(role) => setFilters((f) => ({ ...f, role, page: 1 }))}
                options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
                style={{ width: filterWidth }}
              />
              <Select<'true' | 'false'>
                allowClear
                placeholder={t('field.status')}
                value={filters.disabled}
                onChange={(disabled) => setFilters((f) => ({ ...f, disabled, page: 1 }))}
                options={[
                  { value: 'false', label: t('enabledOnly') },
                  { value: 'true', label: t('disabledOnly') },
                ]}
                style={{ width: filterWidth }}
              />
              <Select<'locked' | 'must_change_password'>
                allowClear
                placeholder={t('stateFilter.label')}
                value={filters.state}
                onChange={(state) => setFilters((f) => ({ ...f, state, page: 1 }))}
                options={[
                  { value: 'locked', label: t('stateFilter.locked') },
                  { value: 'must_change_password', label: t('stateFilter.mustChange') },
                ]}
                style={{ width: filterWidth }}
                data-testid="account-state-filter"
              />
            </Flex>
          }
        />
      </Card>
      <AccountFormModal
        target={target}
        roles={roles}
        onClose={() => setTarget(null)}
        onCreated={(r) => {
          setTarget(null);
          setOtp(r);
        }}
        onRequested={() => {
          setTarget(null);
          modal.success({ title: t('fourEyes.submitted'), content: t('fourEyes.submittedText') });
        }}
        onSaved={() => {
          setTarget(null);
          message.success(t('common.saved'));
        }}
      />
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
      <PrivilegedRequestModal ask={ask} onClose={() => setAsk(null)} />
    </Flex>
  );
}
