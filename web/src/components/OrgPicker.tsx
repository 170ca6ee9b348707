import { useMemo, useState } from 'react';
import { Flex, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/src/contracts/organizations';
import { listOrganizations, ORGS, type OrgFilters } from '../api/organizations';
import { useDebounced } from '../lib/useDebounced';
import { KindTag } from './tags';

export interface OrgPickerProps {
  value?: string | null;
  onChange?: (id: string | null, org: Organization | null) => void;
  /** `unit`: only directly-affiliated organisations (children of the working committee, or the user's own unit). */
  mode?: 'any' | 'unit';
  /** Options shown but not selectable (e.g. kinds that cannot be a parent). */
  disabledFor?: (org: Organization) => boolean;
  /** How to show the current value before any search (an edit form knows the name). */
  initial?: { id: string; name: string } | null;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Picks an organisation by searching name or code, within what the server lets the user see. */
export function OrgPicker({
  value,
  onChange,
  mode = 'any',
  disabledFor,
  initial,
  placeholder,
  allowClear,
  id,
  ...rest
}: OrgPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  const roots = useQuery({
    queryKey: [...ORGS, 'list', { roots: 'true', pageSize: 20 }],
    queryFn: () => listOrganizations({ roots: 'true', pageSize: 20 }),
    enabled: mode === 'unit',
  });
  const root = roots.data?.items[0];
  const filters: OrgFilters | null =
    mode === 'any'
      ? { q: q || undefined, pageSize: 30, active: 'true' }
      : !root
        ? null
        : root.kind === 'working_committee'
          ? { parentId: root.id, q: q || undefined, pageSize: 50, active: 'true' }
          : null;
  const list = useQuery({
    queryKey: [...ORGS, 'list', filters],
    queryFn: () => listOrganizations(filters!),
    enabled: filters !== null,
  });

  const items = useMemo(() => {
    if (mode === 'unit' && root && root.kind !== 'working_committee') return [root];
    return list.data?.items ?? [];
  }, [mode, root, list.data]);

  const options = items.map((o) => ({
    value: o.id,
    disabled: disabledFor?.(o) ?? false,
    label: o.name,
    org: o,
  }));
  if (value && initial && initial.id === value && !options.some((o) => o.value === value)) {
    options.unshift({ value, disabled: false, label: initial.name, org: null as unknown as Organization });
  }

  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder ?? t('orgPicker.placeholder')}
      allowClear={allowClear}
      loading={list.isFetching || roots.isFetching}
      notFoundContent={list.isFetching ? t('common.loading') : t('orgPicker.empty')}
      onChange={(v: string | undefined) => {
        const hit = options.find((o) => o.value === v);
        onChange?.(v ?? null, hit?.org ?? null);
      }}
      options={options}
      optionRender={(o) => {
        const org = (o.data as { org: Organization | null }).org;
        if (!org) return o.label;
        return (
          <Flex justify="space-between" gap={8} align="center">
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text ellipsis>{org.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {org.code}
                {org.unitName && org.unitName !== org.name ? ` · ${org.unitName}` : ''}
              </Typography.Text>
            </Flex>
            <KindTag kind={org.kind} />
          </Flex>
        );
      }}
      popupMatchSelectWidth
      style={{ width: '100%' }}
    />
  );
}
