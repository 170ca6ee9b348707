import { useEffect, useEffectEvent, useState } from 'react';
import { Empty, Flex, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/src/contracts/organizations';
import { listOrganizations, TREE_PAGE } from '../../api/organizations';
import { KindTag } from '../../components/tags';
import { useApiError } from '../../app/useApiError';

const ROOTS = '';

interface Level {
  items: Organization[];
  total: number;
}

async function fetchLevel(parentId: string): Promise<Level> {
  const r = await listOrganizations(
    parentId === ROOTS
      ? { roots: 'true', active: 'all', pageSize: TREE_PAGE, sort: 'code' }
      : { parentId, active: 'all', pageSize: TREE_PAGE, sort: 'code' },
  );
  return { items: r.items, total: r.total };
}

export interface OrgTreeProps {
  selectedId: string | null;
  onSelect: (org: Organization) => void;
  /** Called once with the top of the visible tree (the page selects it when nothing is selected). */
  onRoots?: (roots: Organization[]) => void;
  /** Ids to expand so that the selected node shows (its ancestors, top first). */
  expandPath: readonly string[];
  /** Changing it reloads every loaded level (after a change to the tree). */
  refreshToken: number;
  height: number;
}

/** The organisation tree, loading each level's children when it is first opened. */
export function OrgTree({ selectedId, onSelect, onRoots, expandPath, refreshToken, height }: OrgTreeProps) {
  const { t } = useTranslation('organizations');
  const onError = useApiError();
  const [levels, setLevels] = useState<Record<string, Level>>({});
  const [expanded, setExpanded] = useState<string[]>([]);

  const load = async (parentId: string): Promise<void> => {
    try {
      const level = await fetchLevel(parentId);
      setLevels((prev) => ({ ...prev, [parentId]: level }));
    } catch (e) {
      onError(e);
    }
  };

  // Roots on mount; every loaded level again when the tree changed.
  const loadedKeys = useEffectEvent(() => Object.keys(levels));
  const rootsLoaded = useEffectEvent((roots: Organization[]) => onRoots?.(roots));
  useEffect(() => {
    const keys = loadedKeys();
    const wanted = keys.length ? keys : [ROOTS];
    let cancelled = false;
    void Promise.all(
      wanted.map((k) =>
        fetchLevel(k).then(
          (l) => [k, l] as const,
          () => null,
        ),
      ),
    ).then((res) => {
      if (cancelled) return;
      const next: Record<string, Level> = {};
      for (const r of res) if (r) next[r[0]] = r[1];
      setLevels(next);
      const roots = next[ROOTS];
      if (roots) rootsLoaded(roots.items);
    });
    return () => {
      cancelled = true;
    };
  }, [refreshToken]);

  // Open the ancestors of the selection, loading the levels not loaded yet.
  const missing = useEffectEvent((ids: readonly string[]) => ids.filter((id) => !levels[id]));
  const loadEvent = useEffectEvent((id: string) => load(id));
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      for (const id of missing(expandPath)) {
        await loadEvent(id);
        if (cancelled) return;
      }
      setExpanded((prev) => [...new Set([...prev, ...expandPath])]);
    })();
    return () => {
      cancelled = true;
    };
  }, [expandPath]);

  const build = (parentId: string): TreeDataNode[] => {
    const level = levels[parentId];
    if (!level) return [];
    const nodes: TreeDataNode[] = level.items.map((o) => ({
      key: o.id,
      isLeaf: o.childCount === 0,
      title: (
        <Flex gap={6} align="center" style={{ minWidth: 0 }} data-org-id={o.id}>
          <Typography.Text
            ellipsis
            style={{ maxWidth: 190 }}
            type={o.active ? undefined : 'secondary'}
            delete={!o.active}
          >
            {o.name}
          </Typography.Text>
          <KindTag kind={o.kind} />
          {o.active ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('common.inactive')}</Tag>}
        </Flex>
      ),
      children: levels[o.id] ? build(o.id) : undefined,
    }));
    if (level.total > level.items.length)
      nodes.push({
        key: `more:${parentId}`,
        isLeaf: true,
        selectable: false,
        title: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('treeMore', { shown: level.items.length, total: level.total })}
          </Typography.Text>
        ),
      });
    return nodes;
  };

  const roots = levels[ROOTS];
  if (!roots) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!roots.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('treeEmpty')} />;

  const byId = new Map(Object.values(levels).flatMap((l) => l.items.map((o) => [o.id, o] as const)));
  return (
    <div data-testid="org-tree">
      <Tree
        blockNode
        showLine
        height={height}
        treeData={build(ROOTS)}
        selectedKeys={selectedId ? [selectedId] : []}
        expandedKeys={expanded}
        loadedKeys={Object.keys(levels)}
        onExpand={(keys) => setExpanded(keys.map(String))}
        loadData={async (node) => {
          const key = String(node.key);
          if (!levels[key]) await load(key);
        }}
        onSelect={(_keys, info) => {
          const org = byId.get(String(info.node.key));
          if (org) onSelect(org);
        }}
      />
    </div>
  );
}
