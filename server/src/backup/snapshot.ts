/**
 * A logical snapshot of the database: the rows of every table of the `public` schema as JSON lines
 * (`row_to_json`, sorted), read in one REPEATABLE READ READ ONLY transaction so they are consistent with each
 * other while the server keeps running; and the way back into a freshly migrated database. Works the same
 * on PostgreSQL and PGlite. A table's digest (row count and SM3 of its lines) is what a restore must match.
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';

export interface TableDigest {
  name: string;
  rows: number;
  sm3: string;
}

async function rowsOf<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** The table's lines as one text: each row's JSON followed by a newline. */
export const linesText = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

export function digestOf(name: string, lines: string[]): TableDigest {
  return { name, rows: lines.length, sm3: sm3(linesText(lines)) };
}

export async function listTables(db: DbOrTx): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`SELECT table_name::text AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

async function tableLines(db: DbOrTx, table: string): Promise<string[]> {
  const rows = await rowsOf<{ j: string }>(
    db,
    sql`SELECT j FROM (SELECT row_to_json(t)::text AS j FROM ${ident(table)} t) s ORDER BY j COLLATE "C"`,
  );
  return rows.map((r) => r.j);
}

/**
 * Reads every table in one consistent snapshot (times in UTC) and hands each table's lines to `each`;
 * returns the digests in table-name order.
 */
export async function readSnapshot(
  db: Db,
  each: (table: string, lines: string[]) => Promise<void> | void = () => {},
): Promise<TableDigest[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const digests: TableDigest[] = [];
    for (const table of await listTables(tx)) {
      const lines = await tableLines(tx, table);
      await each(table, lines);
      digests.push(digestOf(table, lines));
    }
    return digests;
  });
}

interface ForeignKey {
  child: string;
  parent: string;
  cols: string[];
  refcols: string[];
}

async function foreignKeys(db: DbOrTx): Promise<ForeignKey[]> {
  return rowsOf<ForeignKey>(
    db,
    sql`SELECT ch.relname::text AS child, pa.relname::text AS parent,
          (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
          (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refcols
        FROM pg_constraint c
        JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
        JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
}

/** Tables ordered so that every table comes after the tables it references (self-references aside). */
export function insertOrder(tables: string[], fks: ForeignKey[]): string[] {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (t: string) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through table ${t}`);
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t) visit(fk.parent);
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** Rows of a self-referencing table, parents before children. */
function parentsFirst(lines: string[], fk: ForeignKey | undefined): string[] {
  if (!fk) return lines;
  const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const key = (r: Record<string, unknown>, cols: string[]) => JSON.stringify(cols.map((c) => r[c]));
  const byKey = new Map(rows.map((r, i) => [key(r, fk.refcols), i]));
  const out: string[] = [];
  const state = new Array<number>(rows.length).fill(0);
  const visit = (i: number) => {
    if (state[i] === 2) return;
    if (state[i] === 1) throw new Error(`rows of ${fk.child} reference each other in a cycle`);
    state[i] = 1;
    const parent = byKey.get(key(rows[i]!, fk.cols));
    if (parent !== undefined && parent !== i) visit(parent);
    state[i] = 2;
    out.push(lines[i]!);
  };
  rows.forEach((_, i) => visit(i));
  return out;
}

export class TargetNotEmptyError extends Error {}

/**
 * Loads a snapshot into a freshly migrated database in one transaction: removes what the migrations seeded,
 * inserts every table's rows with the tables' own triggers held off (the audit log's append-only trigger
 * refuses changes, not inserts; the application counters are restored as they were), moves identity
 * sequences past the restored ids, and checks every table's digest against `expected` before committing.
 * Refuses (changing nothing) when the target already has accounts or audit events.
 */
export async function loadSnapshot(
  db: Db,
  read: (table: string) => Promise<string[]>,
  expected: TableDigest[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const tables = await listTables(tx);
    const names = expected.map((d) => d.name);
    if (JSON.stringify([...names].sort()) !== JSON.stringify(tables))
      throw new Error(
        `the archive's tables (${names.length}) are not this database's (${tables.length}): ` +
          'restore with the Shifan version that made the backup',
      );
    for (const t of ['users', 'audit_events'].filter((x) => tables.includes(x))) {
      const [row] = await rowsOf<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${ident(t)}`);
      const n = row!.n;
      if (n > 0) throw new TargetNotEmptyError(`the target database is not empty (${t} has ${n} rows)`);
    }
    const fks = await foreignKeys(tx);
    const order = insertOrder(tables, fks);
    for (const t of tables) await tx.execute(sql`ALTER TABLE ${ident(t)} DISABLE TRIGGER USER`);
    for (const t of [...order].reverse()) await tx.execute(sql`DELETE FROM ${ident(t)}`);
    const columns = await rowsOf<{ t: string; c: string; identity: string }>(
      tx,
      sql`SELECT table_name::text AS t, column_name::text AS c, is_identity::text AS identity
          FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER'
          ORDER BY table_name, ordinal_position`,
    );
    for (const t of order) {
      const cols = columns.filter((c) => c.t === t).map((c) => ident(c.c));
      const list = sql.join(cols, sql`, `);
      const lines = parentsFirst(
        await read(t),
        fks.find((f) => f.child === t && f.parent === t),
      );
      for (let i = 0; i < lines.length; i += 500) {
        const json = `[${lines.slice(i, i + 500).join(',')}]`;
        await tx.execute(sql`INSERT INTO ${ident(t)} (${list}) OVERRIDING SYSTEM VALUE
          SELECT ${list} FROM json_populate_recordset(NULL::${ident(t)}, ${json}::json)`);
      }
    }
    for (const { t, c } of columns.filter((x) => x.identity === 'YES'))
      await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${`"${t}"`}, ${c}),
        GREATEST(COALESCE(max(${ident(c)}), 0), 1), max(${ident(c)}) IS NOT NULL) FROM ${ident(t)}`);
    for (const t of tables) await tx.execute(sql`ALTER TABLE ${ident(t)} ENABLE TRIGGER USER`);
    const byName = new Map(expected.map((d) => [d.name, d]));
    for (const t of tables) {
      const got = digestOf(t, await tableLines(tx, t));
      const want = byName.get(t)!;
      if (got.rows !== want.rows || got.sm3 !== want.sm3)
        throw new Error(
          `table ${t} restored as ${got.rows} rows (${got.sm3}), the archive has ${want.rows} (${want.sm3})`,
        );
    }
  });
}
