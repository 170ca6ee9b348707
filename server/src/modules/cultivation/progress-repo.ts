/** Queries of a candidate's milestones (里程碑) and progress notes (培育记录). */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { cultivationMilestones, cultivationNotes } from '../../db/schema';
import type { Milestone, Note } from '../../../../shared/src/contracts/cultivation';

export type MilestoneRow = typeof cultivationMilestones.$inferSelect;

function toMilestone(r: MilestoneRow): Milestone {
  return {
    id: r.id,
    position: r.position,
    title: r.title,
    dueOn: r.dueOn,
    done: r.doneAt !== null,
    doneAt: r.doneAt ? r.doneAt.toISOString() : null,
  };
}

export async function listMilestones(db: DbOrTx, cultivationId: string): Promise<Milestone[]> {
  const rows = await db
    .select()
    .from(cultivationMilestones)
    .where(eq(cultivationMilestones.cultivationId, cultivationId))
    .orderBy(asc(cultivationMilestones.position), asc(cultivationMilestones.id));
  return rows.map(toMilestone);
}

export async function findMilestone(
  db: DbOrTx,
  cultivationId: string,
  id: string,
): Promise<MilestoneRow | null> {
  const [row] = await db
    .select()
    .from(cultivationMilestones)
    .where(and(eq(cultivationMilestones.id, id), eq(cultivationMilestones.cultivationId, cultivationId)))
    .limit(1);
  return row ?? null;
}

export async function insertMilestone(
  db: DbOrTx,
  v: { cultivationId: string; title: string; dueOn: string | null },
): Promise<Milestone> {
  const [row] = await db
    .insert(cultivationMilestones)
    .values({
      ...v,
      position: sql`(select coalesce(max(position), 0) + 1 from cultivation_milestones
        where cultivation_id = ${v.cultivationId})`,
    })
    .returning();
  return toMilestone(row!);
}

export async function updateMilestone(
  db: DbOrTx,
  id: string,
  set: Partial<Pick<MilestoneRow, 'title' | 'dueOn' | 'doneAt'>>,
): Promise<Milestone> {
  // An empty change (PATCH {}) changes nothing: answer the row as it is (UPDATE … SET needs a column).
  const [row] =
    Object.keys(set).length === 0
      ? await db.select().from(cultivationMilestones).where(eq(cultivationMilestones.id, id))
      : await db.update(cultivationMilestones).set(set).where(eq(cultivationMilestones.id, id)).returning();
  return toMilestone(row!);
}

export async function deleteMilestone(db: DbOrTx, id: string): Promise<void> {
  await db.delete(cultivationMilestones).where(eq(cultivationMilestones.id, id));
}

function toNote(r: typeof cultivationNotes.$inferSelect): Note {
  return { id: r.id, body: r.body, authorName: r.authorName, createdAt: r.createdAt.toISOString() };
}

export async function listNotes(db: DbOrTx, cultivationId: string): Promise<Note[]> {
  const rows = await db
    .select()
    .from(cultivationNotes)
    .where(eq(cultivationNotes.cultivationId, cultivationId))
    .orderBy(desc(cultivationNotes.createdAt), desc(cultivationNotes.id));
  return rows.map(toNote);
}

export async function insertNote(
  db: DbOrTx,
  v: { cultivationId: string; body: string; authorId: string; authorName: string; createdAt: Date },
): Promise<Note> {
  const [row] = await db.insert(cultivationNotes).values(v).returning();
  return toNote(row!);
}
