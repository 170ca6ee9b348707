/** Live presentation sessions (现场讲述): order by lot, a timer, results released by the chair (docs/EVALUATION.md). */
import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { SESSION_STATUSES } from '../../../../shared/src/domain/stages';
import { applications } from './applications';
import { draws } from './assignments';
import { stages } from './stages';
import { ts } from './columns';

export const sessionStatus = pgEnum('session_status', SESSION_STATUSES);

export const presentationSessions = pgTable(
  'presentation_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id),
    name: text('name').notNull(),
    room: text('room'),
    scheduledAt: ts('scheduled_at'),
    /** The presenters in the order drawn (empty until the draw). */
    presentationOrder: uuid('presentation_order')
      .array()
      .notNull()
      .default(sql`'{}'`),
    drawId: uuid('draw_id').references(() => draws.id),
    /** The panel (reviewer accounts): each scores every presenter it does not conflict with. */
    panel: uuid('panel')
      .array()
      .notNull()
      .default(sql`'{}'`),
    status: sessionStatus('status').notNull().default('planned'),
    /** Index into the order of the one presenting now (null before the first). */
    currentIndex: integer('current_index'),
    timerSeconds: integer('timer_seconds').notNull().default(480),
    timerStartedAt: ts('timer_started_at'),
    /** Seconds left when the timer was paused (null while running or never started). */
    timerRemaining: integer('timer_remaining'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('presentation_sessions_stage_idx').on(t.stageId)],
);

/** The presenters of a session and when the chair released each one's result. */
export const sessionPresenters = pgTable(
  'session_presenters',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => presentationSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    unitId: uuid('unit_id').notNull(),
    releasedAt: ts('released_at'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.applicationId] })],
);
