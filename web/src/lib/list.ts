import type { TablePaginationConfig, TableProps } from 'antd';

/** Table sort state → the API's `sort` (`field` / `-field`), only for whitelisted keys. */
export function sortParam(
  field: unknown,
  order: 'ascend' | 'descend' | null | undefined,
  allowed: readonly string[],
): string | undefined {
  const key = Array.isArray(field) ? field.join('.') : typeof field === 'string' ? field : undefined;
  if (!key || !order || !allowed.includes(key)) return undefined;
  return order === 'descend' ? `-${key}` : key;
}

/** The antd column `sortOrder` for a column, given the API's `sort`. */
export function sortOrderOf(sort: string | undefined, key: string): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

/** A list's paging after a table change: the page, the page size and the whitelisted sort. */
export interface PageChange {
  page: number;
  pageSize: number;
  sort: string | undefined;
}

/** An antd Table's `onChange` as a `PageChange` (page 1 and 20 rows when antd leaves them out). */
export function onTableChange<T>(
  allowed: readonly string[],
  apply: (next: PageChange) => void,
): NonNullable<TableProps<T>['onChange']> {
  return (pg, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    apply({
      page: pg.current ?? 1,
      pageSize: pg.pageSize ?? 20,
      sort: sortParam(s?.columnKey ?? s?.field, s?.order, allowed),
    });
  };
}

/** The pager of a server-paged table: where it is, how many there are, and the total in words. */
export function tablePagination(
  paging: { page?: number; pageSize?: number },
  total: number,
  showTotal: (n: number) => string,
  look: Pick<TablePaginationConfig, 'showSizeChanger' | 'size'> = {},
): TablePaginationConfig {
  return { current: paging.page, pageSize: paging.pageSize, total, ...look, showTotal };
}

/**
 * The table's scroll width: the sum of its columns' widths (issue #7.7). A smaller `scroll.x` squeezes
 * the columns — an ellipsis column shrinks to one character, a column slides under a fixed one — so a
 * table either fits its columns or scrolls, never hides them. Columns without a width count their
 * `minWidth`, else `rest`.
 */
export function scrollWidth(
  columns: readonly { width?: number | string; minWidth?: number }[],
  rest = 160,
): number {
  return columns.reduce(
    (n, c) =>
      n + (typeof c.width === 'number' ? c.width : typeof c.minWidth === 'number' ? c.minWidth : rest),
    0,
  );
}
