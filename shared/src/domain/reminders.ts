/**
 * Deadline reminders (pure): when to remind, under which de-duplication key, and what the reminder
 * says. Applicants with a draft or returned application are reminded 3 days and 1 day before
 * applications close; unit admins with submitted applications 3 days and 1 day before the unit
 * recommendation deadline. Times shown to people are Beijing time (UTC+8).
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
