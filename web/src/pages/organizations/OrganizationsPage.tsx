import { useMemo, useState } from 'react';
import { App, Breadcrumb, Button, Card, Drawer, Empty, Flex, Grid, Select, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, CloudUploadOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import { canHaveChildren } from '../../../../shared/src/domain/org-rules';
import { PII_READERS } from '../../../../shared/src/domain/permissions';
import { primaryRole, useAbility, useSession } from '../../api/auth';
import {
  exportOrganizations,
  useAncestors,
  useOrganization,
  useOrganizations,
  type OrgFilters,
} from '../../api/organizations';
import { useApiError } from '../../app/useApiError';
import { ExportPurposeModal } from '../../components/ExportPurposeModal';
import { KindTag } from '../../components/tags';
import { SearchBox } from '../../components/SearchBox';
import { kindLabel } from '../../i18n/labels';
import { ancestorChain } from '../../lib/org-tree';
import { useViewportHeight } from '../../lib/useViewportHeight';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { OrgFormModal, type OrgFormTarget } from './OrgFormModal';
import { OrgTable } from './OrgTable';
import { OrgTree } from './OrgTree';
import { useToggleActive } from './useToggleActive';

type ActiveFilter = 'true' | 'false' | 'all';
const NO_PATH: string[] = [];

export default function OrganizationsPage() {
  const { t } = useTranslation('organizations');
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.lg;
  const viewport = useViewportHeight();
  const canWrite = useAbility('organizations.write');
  const canImport = useAbility('organizations.import');
  const canExport = useAbility('organizations.export');
  // The file shows phone numbers unmasked to these roles: the export asks for its purpose (PI-02).
  const role = primaryRole(useSession());
  const unmasked = !!role && PII_READERS.includes(role);
  const [askPurpose, setAskPurpose] = useState(false);

  const [params, setParams] = useSearchParams();
  const selectedId = params.get('org');
  const q = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(q);
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [active, setActive] = useState<ActiveFilter>('all');
  const [paging, setPaging] = useState<{ page: number; pageSize: number; sort?: string }>({
    page: 1,
    pageSize: 20,
  });
  const [treeOpen, setTreeOpen] = useState(false);
  const [treeToken, setTreeToken] = useState(0);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [formTarget, setFormTargetState] = useState<OrgFormTarget | null>(null);
  const [moving, setMovingState] = useState<Organization | null>(null);
  // Each opening remounts its modal (a new key): forms start from the target's values.
  const [modalSeq, setModalSeq] = useState(0);
  const setFormTarget = (v: OrgFormTarget | null) => {
    if (v) setModalSeq((n) => n + 1);
    setFormTargetState(v);
  };
  const setMoving = (v: Organization | null) => {
    if (v) setModalSeq((n) => n + 1);
    setMovingState(v);
  };
  const [exporting, setExporting] = useState(false);

  const searching = q !== '';
  const filters: OrgFilters = {
    ...(searching ? { q } : { parentId: selectedId ?? undefined }),
    kind,
    active,
    page: paging.page,
    pageSize: paging.pageSize,
    sort: paging.sort,
  };
  const list = useOrganizations(filters, searching || !!selectedId);
  const selected = useOrganization(selectedId);
  const ancestors = useAncestors(selectedId);
  const chain = useMemo(
    () => (selected.data ? ancestorChain(selected.data, ancestors.data ?? []) : []),
    [selected.data, ancestors.data],
  );
  // Open the tree down to the selection, and the selection itself when it has children.
  const pathKey = chain
    .filter((o, i) => i < chain.length - 1 || o.childCount > 0)
    .map((o) => o.id)
    .join('/');
  const expandPath = useMemo(() => (pathKey ? pathKey.split('/') : NO_PATH), [pathKey]);

  const setParam = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const select = (id: string) => {
    setParam({ org: id, q: null });
    setSearchText('');
    setTreeOpen(false);
  };
  const changed = () => setTreeToken((n) => n + 1);
  const toggleActive = useToggleActive(changed);

  const doExport = async () => {
    if (unmasked) {
      setAskPurpose(true);
      return;
    }
    setExporting(true);
    try {
      await exportOrganizations({ ...filters }, t('exportFile'));
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const sel = selected.data;
  const tree = (
    <OrgTree
      selectedId={selectedId}
      onSelect={(o) => select(o.id)}
      onRoots={(roots) => {
        if (!params.get('org') && roots[0]) setParam({ org: roots[0].id });
      }}
      expandPath={expandPath}
      refreshToken={treeToken}
      height={phone ? Math.max(320, viewport - 140) : Math.max(360, viewport - 210)}
    />
  );

  return (
    <Flex gap={16} align="flex-start">
      {phone ? (
        <Drawer
          placement="left"
          open={treeOpen}
          onClose={() => setTreeOpen(false)}
          title={t('tree')}
          size="90%"
          styles={{ body: { padding: 8 } }}
          forceRender
        >
          {tree}
        </Drawer>
      ) : (
        <Card
          size="small"
          title={t('tree')}
          style={{ width: 340, flex: 'none', position: 'sticky', top: 76 }}
          styles={{ body: { padding: 8 } }}
        >
          {tree}
        </Card>
      )}

      <Card style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: phone ? 12 : 20 } }}>
        <Flex vertical gap={12}>
          {phone ? (
            <Button
              icon={<ApartmentOutlined />}
              onClick={() => setTreeOpen(true)}
              style={{ alignSelf: 'flex-start' }}
              data-testid="org-tree-open"
            >
              {t('tree')}
            </Button>
          ) : null}
          {!searching && chain.length ? (
            <Breadcrumb
              items={chain.map((o, i) => ({
                key: o.id,
                title: i === chain.length - 1 ? o.name : <a onClick={() => select(o.id)}>{o.name}</a>,
              }))}
            />
          ) : null}
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              <Typography.Title level={4} style={{ margin: 0 }} ellipsis>
                {searching
                  ? t('searchResults', { q })
                  : sel
                    ? t('childrenOf', { name: sel.name })
                    : t('nav.organizations')}
              </Typography.Title>
              {!searching && sel ? <KindTag kind={sel.kind} /> : null}
            </Flex>
            <Flex gap={8} wrap>
              {canWrite && !searching && sel && canHaveChildren(sel.kind) && sel.active ? (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setFormTarget({ mode: 'create', parent: sel })}
                  data-testid="org-create"
                >
                  {t('createChild')}
                </Button>
              ) : null}
              {canImport ? (
                <Tooltip title={phone ? t('import') : undefined}>
                  <Button
                    icon={<CloudUploadOutlined />}
                    onClick={() => navigate('/organizations/import')}
                    aria-label={t('import')}
                    data-testid="org-import-button"
                  >
                    {phone ? null : t('import')}
                  </Button>
                </Tooltip>
              ) : null}
              {canExport ? (
                <Tooltip title={phone ? t('export') : undefined}>
                  <Button
                    icon={<DownloadOutlined />}
                    loading={exporting}
                    onClick={() => void doExport()}
                    aria-label={t('export')}
                    data-testid="org-export-button"
                  >
                    {phone ? null : t('export')}
                  </Button>
                </Tooltip>
              ) : null}
            </Flex>
          </Flex>
          <Flex gap={8} wrap>
            <SearchBox
              value={searchText}
              onChange={setSearchText}
              onSearch={(v) => setParam({ q: v || null })}
              placeholder={t('searchPlaceholder')}
              width={phone ? '100%' : 320}
              testId="org-search"
            />
            <Select<OrgKind>
              allowClear
              placeholder={t('field.kind')}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={ORG_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              style={{ width: phone ? 'calc(50% - 4px)' : 150 }}
              data-testid="org-kind-filter"
            />
            <Select<ActiveFilter>
              value={active}
              onChange={(v) => {
                setActive(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={[
                { value: 'all', label: t('activeAll') },
                { value: 'true', label: t('common.active') },
                { value: 'false', label: t('common.inactive') },
              ]}
              style={{ width: phone ? 'calc(50% - 4px)' : 130 }}
              data-testid="org-active-filter"
            />
          </Flex>
          <OrgTable
            data={list.data?.items ?? []}
            total={list.data?.total ?? 0}
            loading={list.isFetching}
            page={paging.page}
            pageSize={paging.pageSize}
            sort={paging.sort}
            canWrite={canWrite}
            phone={phone}
            onPage={(page, pageSize, sort) => setPaging({ page, pageSize, sort })}
            onOpen={(o) => setDetailId(o.id)}
            onBrowse={(o) => select(o.id)}
            onLocate={searching ? (o) => o.parentId && select(o.parentId) : undefined}
            onEdit={(o) => setFormTarget({ mode: 'edit', org: o })}
            onCreateChild={(o) => setFormTarget({ mode: 'create', parent: o })}
            onMove={setMoving}
            onToggleActive={toggleActive}
            emptyText={
              !searching && sel && sel.childCount === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noChildren', { name: sel.name })}>
                  <Button onClick={() => setDetailId(sel.id)}>{t('detail')}</Button>
                </Empty>
              ) : undefined
            }
          />
        </Flex>
      </Card>

      <OrgDetailDrawer
        orgId={detailId}
        phone={phone}
        onClose={() => setDetailId(null)}
        onEdit={(o) => setFormTarget({ mode: 'edit', org: o })}
        onMove={setMoving}
        onToggleActive={toggleActive}
      />
      <OrgFormModal
        key={`form-${modalSeq}`}
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(o) => {
          message.success(formTarget?.mode === 'edit' ? t('common.saved') : t('created', { name: o.name }));
          setFormTarget(null);
          changed();
        }}
      />
      {askPurpose ? (
        <ExportPurposeModal
          onExport={(purpose) => exportOrganizations({ ...filters, purpose }, t('exportFile'))}
          onClose={() => setAskPurpose(false)}
        />
      ) : null}
      <MoveOrgModal
        key={`move-${modalSeq}`}
        org={moving}
        onClose={() => setMoving(null)}
        onMoved={(o) => {
          message.success(t('moved', { name: o.name }));
          setMoving(null);
          changed();
        }}
      />
    </Flex>
  );
}
