import { useCallback, useRef, useState, type ReactNode, type ThHTMLAttributes } from 'react';
import { Button, Checkbox, Empty, Flex, Pagination, Popover, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/auth';
import {
  applyPref,
  EMPTY_PREF,
  isDefault,
  isHidden,
  parsePref,
  prefKey,
  setHidden,
  setWidth,
  type ColumnPref,
} from '../lib/columns';
import { onTableChange, scrollWidth, tablePagination, type PageChange } from '../lib/list';

/** A list column: antd's, with a string key, an optional name for the settings and whether it may be hidden. */
export type ListColumn<T> = ColumnType<T> & {
  key: string;
  /** The name in 列设置 when the title is not plain text (or empty). */
  label?: string;
  /** Always shown (the column naming the row, the row's actions). */
  locked?: boolean;
  /** Left out until the user shows it in 列设置. */
  defaultHidden?: boolean;
};

/** A user's column settings for one list, kept in the browser's storage under the account's id. */
export function useColumnPref(
  listId: string,
): [ColumnPref, (p: ColumnPref | ((prev: ColumnPref) => ColumnPref), keep?: boolean) => void] {
  const userId = useSession().user.id;
  const key = prefKey(userId, listId);
  const [pref, setPref] = useState<ColumnPref>(() => {
    try {
      return parsePref(localStorage.getItem(key));
    } catch {
      return EMPTY_PREF;
    }
  });
  const update = useCallback(
    (p: ColumnPref | ((prev: ColumnPref) => ColumnPref), keep = true) =>
      setPref((prev) => {
        const next = typeof p === 'function' ? p(prev) : p;
        if (keep) {
          try {
            if (isDefault(next)) localStorage.removeItem(key);
            else localStorage.setItem(key, JSON.stringify(next));
          } catch {
            /* storage full or off: the setting lasts until the page is left */
          }
        }
        return next;
      }),
    [key],
  );
  return [pref, update];
}

type CellProps = ThHTMLAttributes<HTMLTableCellElement> & {
  onResizing?: (width: number, done: boolean) => void;
};

/** A header cell with a handle on its right edge that drags the column's width. */
function ResizableCell({ onResizing, children, className, ...rest }: CellProps) {
  const ref = useRef<HTMLTableCellElement>(null);
  if (!onResizing)
    return (
      <th className={className} {...rest}>
        {children}
      </th>
    );
  const start = (e: React.PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const w0 = ref.current?.getBoundingClientRect().width ?? 0;
    const move = (ev: PointerEvent) => onResizing(w0 + ev.clientX - x0, false);
    const up = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      onResizing(w0 + ev.clientX - x0, true);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up, { once: true });
  };
  return (
    <th ref={ref} className={`${className ?? ''} sf-resizable`} {...rest}>
      {children}
      <span
        className="sf-col-resize"
        onPointerDown={start}
        onClick={(e) => e.stopPropagation()}
        aria-hidden
      />
    </th>
  );
}

/** 列设置: a checkbox per column (locked ones always on) and a reset. */
export function ColumnSettings<T>({
  listId,
  columns,
  pref,
  onChange,
}: {
  listId: string;
  columns: readonly ListColumn<T>[];
  pref: ColumnPref;
  onChange: (p: ColumnPref) => void;
}) {
  const { t } = useTranslation();
  const name = (c: ListColumn<T>) => c.label ?? (typeof c.title === 'string' ? c.title : c.key);
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('common.columns.title')}
      content={
        <Flex vertical gap={6} style={{ maxWidth: 260 }} data-testid={`${listId}-columns-panel`}>
          {columns.map((c) => (
            <Checkbox
              key={c.key}
              checked={!isHidden(c, pref)}
              disabled={c.locked}
              onChange={(e) => onChange(setHidden(pref, c.key, !e.target.checked))}
              data-testid={`column-toggle-${c.key}`}
            >
              {name(c)}
            </Checkbox>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('common.columns.help')}
          </Typography.Text>
          <Button
            size="small"
            disabled={isDefault(pref)}
            onClick={() => onChange(EMPTY_PREF)}
            data-testid={`${listId}-columns-reset`}
          >
            {t('common.columns.reset')}
          </Button>
        </Flex>
      }
    >
      <Button icon={<SettingOutlined />} data-testid={`${listId}-columns`}>
        {t('common.columns.button')}
      </Button>
    </Popover>
  );
}

export interface ListTableProps<T> {
  /** Names the list for the column settings (`titles`, `audit` …). */
  listId: string;
  columns: ListColumn<T>[];
  items: readonly T[];
  total: number;
  loading: boolean;
  paging: { page: number; pageSize: number; sort?: string };
  /** A new page, page size or (from the table's headers) sort. */
  onPaging: (p: PageChange) => void;
  /** The sortable keys the API accepts; without them the table's sort is left as it is. */
  sortKeys?: readonly string[];
  phone: boolean;
  /** A phone's card for one row; without it phones get the table too. */
  renderCard?: (item: T) => ReactNode;
  /** The empty list's words. */
  empty: string;
  /** Filters and buttons on the left of the bar above the list (the column settings sit on the right). */
  toolbar?: ReactNode;
  testId?: string;
  cardsTestId?: string;
  rowKey?: TableProps<T>['rowKey'];
  onRow?: TableProps<T>['onRow'];
  expandable?: TableProps<T>['expandable'];
}

/**
 * The list-page scaffold (issue #7 §4): a server-paged table with the user's column settings (shown
 * columns, dragged widths; `scroll.x` the sum of the widths so nothing slides under a fixed column), or
 * on a phone the rows as cards with a pager; the filters' bar above.
 */
export function ListTable<T extends object>(props: ListTableProps<T>) {
  const { t } = useTranslation();
  const { listId, phone, paging, onPaging } = props;
  const [pref, setPref] = useColumnPref(listId);
  // Our own keys stay here: antd gets plain columns.
  const shown = applyPref(props.columns, pref).map(({ locked: _l, label: _n, defaultHidden: _h, ...c }) =>
    typeof c.width === 'number' && !phone
      ? {
          ...c,
          onHeaderCell: () =>
            ({
              onResizing: (w: number, done: boolean) => setPref((p) => setWidth(p, String(c.key), w), done),
            }) as CellProps,
        }
      : c,
  );
  const pagination = tablePagination(paging, props.total, (n) => t('common.total', { n }), {
    showSizeChanger: !phone,
    size: phone ? 'small' : undefined,
  });
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />;
  const cards = phone && props.renderCard;
  return (
    <Flex vertical gap={12}>
      {props.toolbar || !cards ? (
        <Flex gap={8} wrap justify="space-between" align="start">
          {/* On a phone the filters take the width and 列设置 goes below them, on the right. */}
          <div style={{ flex: phone ? '1 1 100%' : 1, minWidth: 0 }}>{props.toolbar}</div>
          {cards ? null : (
            <div style={{ marginInlineStart: 'auto' }}>
              <ColumnSettings listId={listId} columns={props.columns} pref={pref} onChange={setPref} />
            </div>
          )}
        </Flex>
      ) : null}
      {cards ? (
        <Flex vertical gap={8} data-testid={props.cardsTestId}>
          {props.items.map((item) => props.renderCard!(item))}
          {!props.loading && !props.items.length ? empty : null}
          <Pagination
            {...pagination}
            align="center"
            onChange={(page, pageSize) => onPaging({ page, pageSize, sort: paging.sort })}
          />
        </Flex>
      ) : (
        <Table<T>
          rowKey={props.rowKey ?? 'id'}
          size="middle"
          columns={shown}
          dataSource={props.items as T[]}
          loading={props.loading}
          scroll={{ x: scrollWidth(shown) }}
          components={{ header: { cell: ResizableCell } }}
          locale={{ emptyText: empty }}
          pagination={pagination}
          onRow={props.onRow}
          expandable={props.expandable}
          onChange={
            props.sortKeys
              ? onTableChange(props.sortKeys, onPaging)
              : (p) => onPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20, sort: paging.sort })
          }
          data-testid={props.testId}
        />
      )}
    </Flex>
  );
}
