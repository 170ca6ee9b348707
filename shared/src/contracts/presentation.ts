/**
 * Live presentation sessions (现场讲述 · 现场考核, docs/EVALUATION.md): presenters in an order drawn by lot,
 * a timer run by the chair, panel members scoring on their phones (ordinary reviews of the stage, `overall`
 * rubric), results released presenter by presenter, and the room screen's feed.
 */
import { z } from 'zod';
import { REVIEW_STATUSES, SESSION_STATUSES } from '../domain/stages';
import { SEED_MAX } from '../domain/evaluation/draw';
import { line, optionalLine } from './common';

const isoOut = z.iso.datetime();

export const createSessionBody = z
  .object({
    name: line(100),
    room: optionalLine(100),
    scheduledAt: z.iso.datetime({ offset: true }).optional(),
    timerSeconds: z.number().int().min(30).max(7200),
    /** Reviewer accounts; each scores every presenter it does not conflict with. */
    panel: z.array(z.uuid()).min(1).max(30),
    /** The presenters (entrants of the stage); absent: every entrant not yet in a session of the stage. */
    applicationIds: z.array(z.uuid()).min(1).max(500).optional(),
    seed: z.number().int().min(0).max(SEED_MAX).optional(),
    /** true: answer the drawn order and write nothing. */
    preview: z.boolean(),
  })
  .strict();
export type CreateSessionBody = z.infer<typeof createSessionBody>;

export const sessionParams = z.object({ id: z.uuid(), applicationId: z.uuid() }).strict();

/** The timer as the server sees it now: seconds left (negative: overtime) and whether it runs. */
export const timerState = z.object({
  seconds: z.number().int(),
  remaining: z.number().int(),
  running: z.boolean(),
  overtime: z.boolean(),
});
export type TimerState = z.infer<typeof timerState>;

const panelScore = z.object({
  reviewerId: z.uuid(),
  name: z.string(),
  /** `conflicted`: not scoring this presenter. */
  status: z.enum([...REVIEW_STATUSES, 'conflicted']),
  score: z.number().nullable(),
});

export const sessionView = z.object({
  id: z.uuid().nullable(),
  stageId: z.uuid(),
  name: z.string(),
  room: z.string().nullable(),
  scheduledAt: isoOut.nullable(),
  status: z.enum(SESSION_STATUSES),
  currentIndex: z.number().int().nullable(),
  timer: timerState,
  serverTime: isoOut,
  draw: z.object({ id: z.uuid().nullable(), seed: z.number().int(), resultDigest: z.string() }).nullable(),
  panel: z.array(z.object({ reviewerId: z.uuid(), name: z.string() })),
  presenters: z.array(
    z.object({
      position: z.number().int(),
      applicationId: z.uuid(),
      organizationName: z.string(),
      releasedAt: isoOut.nullable(),
      /** The trimmed mean of the locked panel scores once released (null before). */
      result: z.number().nullable(),
      scores: z.array(panelScore),
    }),
  ),
});
export type SessionView = z.infer<typeof sessionView>;

export const sessionList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      room: z.string().nullable(),
      status: z.enum(SESSION_STATUSES),
      presenters: z.number().int(),
      released: z.number().int(),
    }),
  ),
});

/** A panel member's phone: the presenter on stage now and the state of its own scores. */
export const panelView = z.object({
  sessionId: z.uuid(),
  name: z.string(),
  room: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  timer: timerState,
  serverTime: isoOut,
  current: z
    .object({ position: z.number().int(), applicationId: z.uuid(), organizationName: z.string() })
    .nullable(),
  presenters: z.array(
    z.object({
      position: z.number().int(),
      applicationId: z.uuid(),
      organizationName: z.string(),
      /** The caller's review of this presenter (null: not on its panel for it, e.g. a conflict). */
      reviewId: z.uuid().nullable(),
      myStatus: z.enum([...REVIEW_STATUSES, 'conflicted']).nullable(),
      myScore: z.number().nullable(),
      released: z.boolean(),
    }),
  ),
});
export type PanelView = z.infer<typeof panelView>;

export const presenterScoreBody = z.object({ score: z.number() }).strict();

export const presenterScore = z.object({
  reviewId: z.uuid(),
  applicationId: z.uuid(),
  status: z.enum(REVIEW_STATUSES),
  score: z.number().nullable(),
});

/** The room screen (1920×1080), polled every 2 s: order, current presenter, timer, released results only. */
export const screenView = z.object({
  name: z.string(),
  room: z.string().nullable(),
  status: z.enum(SESSION_STATUSES),
  serverTime: isoOut,
  timer: timerState,
  current: z.object({ position: z.number().int(), organizationName: z.string() }).nullable(),
  order: z.array(
    z.object({
      position: z.number().int(),
      organizationName: z.string(),
      result: z.number().nullable(),
    }),
  ),
});
export type ScreenView = z.infer<typeof screenView>;

/** The sessions a reviewer sits on (the committee: every session), newest first, to open the panel phone view. */
export const mySessions = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      room: z.string().nullable(),
      scheduledAt: isoOut.nullable(),
      status: z.enum(SESSION_STATUSES),
      stageId: z.uuid(),
      stageNameZh: z.string(),
      stageNameEn: z.string(),
      presenters: z.number().int(),
    }),
  ),
});
export type MySessions = z.infer<typeof mySessions>;
