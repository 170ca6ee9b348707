/**
 * Deadline reminders (pure): when to remind, under which de-duplication key, and what the reminder
 * says. Applicants with a draft or returned application are reminded 3 days and 1 day before
 * applications close; unit admins with submitted applications 3 days and 1 day before the unit
 * recommendation deadline; experts with assigned reviews not yet locked 3 days and 1 day before their
 * stage closes (and whenever the committee presses 催办). Times shown to people are Beijing time (UTC+8).
 */
export const REMINDER_OFFSETS = [
  { label: '3d', days: 3 },
  { label: '1d', days: 1 },
] as const;
export type ReminderOffset = (typeof REMINDER_OFFSETS)[number]['label'];
export type DeadlineKind = 'application' | 'recommendation';

const DAY = 24 * 3600_000;
const CHINA = 8 * 3600_000;

export interface PlannedReminder {
  campaignId: string;
  deadline: DeadlineKind;
  /** The deadline itself (ISO); a reminder whose campaign moved the deadline is void. */
  at: string;
  offset: ReminderOffset;
  runAt: Date;
  /** One job per campaign × deadline (and its time) × offset: scanning again schedules nothing twice. */
  dedupeKey: string;
}

/** The reminders still ahead of `now` for one open campaign. */
export function plannedReminders(
  c: { id: string; applicationClosesAt: Date; recommendationDeadline: Date },
  now: Date,
): PlannedReminder[] {
  const deadlines: [DeadlineKind, Date][] = [
    ['application', c.applicationClosesAt],
    ['recommendation', c.recommendationDeadline],
  ];
  const out: PlannedReminder[] = [];
  for (const [deadline, at] of deadlines) {
    for (const o of REMINDER_OFFSETS) {
      const runAt = new Date(at.getTime() - o.days * DAY);
      if (runAt.getTime() < now.getTime()) continue;
      const iso = at.toISOString();
      out.push({
        campaignId: c.id,
        deadline,
        at: iso,
        offset: o.label,
        runAt,
        dedupeKey: `remind:${c.id}:${deadline}:${iso}:${o.label}`,
      });
    }
  }
  return out;
}

/** A stage-closing reminder ahead of `now` (the job finds who is still behind when it runs). */
export interface PlannedStageReminder {
  stageId: string;
  /** The stage's closing time (ISO); a reminder whose stage moved it is void. */
  at: string;
  offset: ReminderOffset;
  runAt: Date;
  dedupeKey: string;
}

/** The reminders still ahead of `now` for one open stage: 3 days and 1 day before it closes. */
export function plannedStageReminders(
  stage: { id: string; closesAt: Date },
  now: Date,
): PlannedStageReminder[] {
  const iso = stage.closesAt.toISOString();
  return REMINDER_OFFSETS.flatMap((o) => {
    const runAt = new Date(stage.closesAt.getTime() - o.days * DAY);
    if (runAt.getTime() < now.getTime()) return [];
    return [
      {
        stageId: stage.id,
        at: iso,
        offset: o.label,
        runAt,
        dedupeKey: `remind:stage:${stage.id}:${iso}:${o.label}`,
      },
    ];
  });
}

/**
 * What an expert behind on a stage reads: the stage, its campaign, when it closes, and how many of the
 * expert's reviews are not locked yet. `offset` null is the committee's 催办 (no countdown in the title).
 */
export function reviewReminderText(
  stage: { id: string; nameZh: string; nameEn: string; campaignName: string },
  closesAt: Date,
  pending: number,
  offset: ReminderOffset | null,
): ReminderText {
  const when = chinaDateTime(closesAt);
  const days = offset === '3d' ? 3 : 1;
  return {
    kind: offset ? 'deadline.review' : 'review.reminder',
    titleZh: offset ? `距评分截止还有${days}天` : '工委提醒您尽快完成评分',
    titleEn: offset
      ? `${days === 1 ? '1 day' : `${days} days`} left to score`
      : 'The committee asks you to finish your reviews',
    bodyZh: `“${stage.campaignName}”的“${stage.nameZh}”将于 ${when} 截止评分，您还有 ${pending} 份评审未确认锁定。`,
    bodyEn: `Scoring for “${stage.nameEn}” of “${stage.campaignName}” closes at ${when} (Beijing time); ${pending} of your reviews ${pending === 1 ? 'is' : 'are'} not locked yet.`,
    link: `/reviews?stage=${stage.id}`,
  };
}

/** `YYYY-MM-DD` of the day in China. */
export function chinaDate(t: Date): string {
  return new Date(t.getTime() + CHINA).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in China. */
export function chinaDateTime(t: Date): string {
  return new Date(t.getTime() + CHINA).toISOString().slice(0, 16).replace('T', ' ');
}

export const SCAN_HOUR_CHINA = 1;

/** Today's scan: due now, one per China day. */
export function todaysScan(now: Date): { runAt: Date; dedupeKey: string } {
  return { runAt: now, dedupeKey: `deadline.scan:${chinaDate(now)}` };
}

/** The next day's scan at 01:00 Beijing time, keyed by that day (never the key of today's scan). */
export function nextDailyScan(now: Date): { runAt: Date; dedupeKey: string } {
  const tomorrow = chinaDate(new Date(now.getTime() + DAY));
  const runAt = new Date(Date.parse(`${tomorrow}T00:00:00.000Z`) - CHINA + SCAN_HOUR_CHINA * 3600_000);
  return { runAt, dedupeKey: `deadline.scan:${tomorrow}` };
}

export interface ReminderText {
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string;
}

export function reminderText(
  deadline: DeadlineKind,
  offset: ReminderOffset,
  campaign: { id: string; name: string },
  at: Date,
): ReminderText {
  const days = offset === '3d' ? 3 : 1;
  const dayEn = days === 1 ? '1 day' : `${days} days`;
  const when = chinaDateTime(at);
  if (deadline === 'application')
    return {
      kind: 'deadline.application',
      titleZh: `距申报截止还有${days}天`,
      titleEn: `${dayEn} left before applications close`,
      bodyZh: `“${campaign.name}”将于 ${when} 截止申报，请尽快完善并提交申报材料。`,
      bodyEn: `Applications for “${campaign.name}” close at ${when} (Beijing time). Please complete and submit yours.`,
      link: `/applications?campaignId=${campaign.id}`,
    };
  return {
    kind: 'deadline.recommendation',
    titleZh: `距推荐截止还有${days}天`,
    titleEn: `${dayEn} left before unit recommendations close`,
    bodyZh: `“${campaign.name}”的单位推荐（初审）将于 ${when} 截止，请及时审核本单位已提交的申报。`,
    bodyEn: `Unit recommendations for “${campaign.name}” close at ${when} (Beijing time). Please review the submitted applications.`,
    link: `/recommend?campaign=${campaign.id}`,
  };
}
