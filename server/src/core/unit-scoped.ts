/**
 * The registry of unit-scoped tables: every table whose rows carry `unit_id` because they belong to an
 * organisation. When a subtree moves to another unit, the organisations module rewrites the tree and
 * then sets the new unit on every registered table's rows of that subtree, knowing none of them by
 * name. Each module lists its own tables (`modules/<name>/unit-scoped.ts`); `buildApp` registers them.
 * A test compares the registry with the database's `unit_id` columns, so a new table cannot be missed.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** How a row belongs to an organisation: by its own column, or through the row of an owner table. */
export type UnitOwner =
  /** `orgColumn` is the organisation's id (a venue, an account, an application). */
  | { orgColumn: PgColumn }
  /** `column` points at `idColumn` of a row whose `orgColumn` is the organisation (an application's files). */
  | { column: PgColumn; idColumn: PgColumn; orgColumn: PgColumn };

export interface UnitScoped {
  table: PgTable;
  /** The `unit_id` column. A NOT NULL one is left alone when the new unit is none (only the root's). */
  unitColumn: PgColumn;
  owner: UnitOwner;
}

/** A registered table, with the names its update needs. */
export interface RegisteredUnitScoped extends UnitScoped {
  name: string;
  /** The property of `unitColumn` in the table's Drizzle columns (what `update().set()` takes). */
  unitKey: string;
}

const registry = new Map<string, RegisteredUnitScoped>();

/** Registers tables (again is harmless: a table is registered once, by name). */
export function registerUnitScoped(...tables: UnitScoped[]): void {
  for (const t of tables) {
    const name = getTableName(t.table);
    const unitKey = Object.entries(getTableColumns(t.table)).find(([, c]) => c === t.unitColumn)?.[0];
    if (!unitKey) throw new Error(`registerUnitScoped: the unit column is not a column of ${name}`);
    registry.set(name, { ...t, name, unitKey });
  }
}

/** Every registered table, in registration order. */
export function unitScopedTables(): readonly RegisteredUnitScoped[] {
  return [...registry.values()];
}
