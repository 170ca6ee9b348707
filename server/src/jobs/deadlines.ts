/**
 * Deadline reminders as jobs. `deadline.scan` runs daily (it queues tomorrow's scan itself, keyed by
 * day) and schedules `deadline.remind` jobs 3 days and 1 day before each open campaign's application
 * and recommendation deadlines, and `stage.remind` jobs 3 days and 1 day before each open stage closes,
 * each with its own key, so scanning twice schedules nothing twice.
 * `deadline.remind` finds who still has something to do at that moment and puts a notification in
 * their inbox; a reminder whose deadline moved, passed, or whose campaign is no longer open does nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client';
import { applications, campaigns, stages, users } from '../db/schema';
import { notify } from '../modules/notifications/service';
import { remindBeforeClose } from '../modules/results/reminders';
import { expireTitles } from '../modules/rereviews/service';
import {
  nextDailyScan,
  plannedReminders,
  plannedStageReminders,
  reminderText,
  todaysScan,
  type DeadlineKind,
} from '../../../shared/src/domain/reminders';
import { enqueue } from './repo';
import type { JobHandler } from './runner';

export const SCAN = 'deadline.scan';
export const REMIND = 'deadline.remind';
export const STAGE_REMIND = 'stage.remind';

/** Queues today's scan unless it exists (ran or pending): call at start. Answers whether it was new. */
export async function ensureDailyScan(db: Db, now: Date): Promise<boolean> {
  const s = todaysScan(now);
  return (await enqueue(db, [{ kind: SCAN, runAt: s.runAt, dedupeKey: s.dedupeKey }], now)) === 1;
}

export const scanHandler: JobHandler = {
  async run(db, _job, now) {
    const open = await db
      .select({
        id: campaigns.id,
        applicationClosesAt: campaigns.applicationClosesAt,
        recommendationDeadline: campaigns.recommendationDeadline,
      })
      .from(campaigns)
      .where(eq(campaigns.status, 'open'));
    const planned = open.flatMap((c) => plannedReminders(c, now));
    const openStages = await db
      .select({ id: stages.id, closesAt: stages.closesAt })
      .from(stages)
      .where(eq(stages.status, 'open'));
    await enqueue(
      db,
      openStages
        .flatMap((s) => plannedStageReminders(s, now))
        .map((p) => ({
          kind: STAGE_REMIND,
          runAt: p.runAt,
          dedupeKey: p.dedupeKey,
          payload: { stageId: p.stageId, at: p.at, offset: p.offset },
        })),
      now,
    );
    await enqueue(
      db,
      planned.map((p) => ({
        kind: REMIND,
        runAt: p.runAt,
        dedupeKey: p.dedupeKey,
        payload: { campaignId: p.campaignId, deadline: p.deadline, at: p.at, offset: p.offset },
      })),
      now,
    );
    // Titles whose validity ended (称号到期) expire on the daily scan too.
    await expireTitles(db, now);
    const next = nextDailyScan(now);
    await enqueue(db, [{ kind: SCAN, runAt: next.runAt, dedupeKey: next.dedupeKey }], now);
  },
};

const remindPayload = z.object({
  campaignId: z.uuid(),
  deadline: z.enum(['application', 'recommendation']),
  at: z.iso.datetime(),
  offset: z.enum(['3d', '1d']),
});

/** Applicant accounts of organisations with a draft or returned application in the campaign. */
async function applicantsToRemind(db: DbOrTx, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(applications, eq(applications.organizationId, users.organizationId))
    .where(
      and(
        eq(applications.campaignId, campaignId),
        inArray(applications.status, ['draft', 'returned']),
        eq(users.role, 'applicant'),
        eq(users.disabled, false),
      ),
    );
  return rows.map((r) => r.id);
}

/** Unit admin accounts of units with submitted applications waiting for their recommendation. */
async function unitAdminsToRemind(db: DbOrTx, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(applications, eq(applications.unitId, users.unitId))
    .where(
      and(
        eq(applications.campaignId, campaignId),
        eq(applications.status, 'submitted'),
        eq(users.role, 'unit_admin'),
        eq(users.disabled, false),
      ),
    );
  return rows.map((r) => r.id);
}

export const remindHandler: JobHandler = {
  async run(db, job, now) {
    const p = remindPayload.parse(job.payload);
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, p.campaignId));
    if (!c || c.status !== 'open') return;
    const deadline: Date = p.deadline === 'application' ? c.applicationClosesAt : c.recommendationDeadline;
    if (deadline.toISOString() !== p.at || now.getTime() >= deadline.getTime()) return;
    const who: Record<DeadlineKind, (db: DbOrTx, id: string) => Promise<string[]>> = {
      application: applicantsToRemind,
      recommendation: unitAdminsToRemind,
    };
    const userIds = await who[p.deadline](db, c.id);
    await notify(db, userIds, reminderText(p.deadline, p.offset, c, deadline), now);
  },
};

const stageRemindPayload = z.object({
  stageId: z.uuid(),
  at: z.iso.datetime(),
  offset: z.enum(['3d', '1d']),
});

/** Reminds the experts still behind on an open stage; void when the stage closed or its end moved. */
export const stageRemindHandler: JobHandler = {
  async run(db, job, now) {
    const p = stageRemindPayload.parse(job.payload);
    await remindBeforeClose(db, p.stageId, p.at, p.offset, now);
  },
};
