import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

/** Paging of a list filter: `pageSize` null means every row (exports); the default page holds 20. */
export function pageWindow(f: {
  page?: number;
  pageSize?: number | null;
}): { limit: number; offset: number } | null {
  const pageSize = f.pageSize === undefined ? 20 : f.pageSize;
  if (pageSize === null) return null;
  return { limit: pageSize, offset: ((f.page ?? 1) - 1) * pageSize };
}

/** How many rows of `table` match `where`. */
export async function countWhere(db: DbOrTx, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(where);
  return Number(row?.n ?? 0);
}
