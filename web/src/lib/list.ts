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
