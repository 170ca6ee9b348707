import { describe, expect, it } from 'vitest';
import {
  nextDailyScan,
  plannedReminders,
  plannedStageReminders,
  reminderText,
  reviewReminderText,
  todaysScan,
} from './reminders';

const DAY = 24 * 3600_000;
const closes = new Date('2026-12-15T09:30:00.000Z');
const recommend = new Date('2026-12-25T09:30:00.000Z');
const campaign = { id: 'c1', applicationClosesAt: closes, recommendationDeadline: recommend };

describe('plannedReminders', () => {
  it('plans reminders exactly 3 days and 1 day before each deadline', () => {
    const planned = plannedReminders(campaign, new Date('2026-11-29T08:00:00.000Z'));
    expect(planned.map((p) => [p.deadline, p.offset, p.runAt.toISOString()])).toEqual([
      ['application', '3d', '2026-12-12T09:30:00.000Z'],
      ['application', '1d', '2026-12-14T09:30:00.000Z'],
      ['recommendation', '3d', '2026-12-22T09:30:00.000Z'],
      ['recommendation', '1d', '2026-12-24T09:30:00.000Z'],
    ]);
    expect(planned[0]!.dedupeKey).toBe('remind:c1:application:2026-12-15T09:30:00.000Z:3d');
  });

  it('skips reminders already behind us', () => {
    const planned = plannedReminders(campaign, new Date(closes.getTime() - 2 * DAY));
    expect(planned.map((p) => `${p.deadline}:${p.offset}`)).toEqual([
      'application:1d',
      'recommendation:3d',
      'recommendation:1d',
    ]);
    expect(plannedReminders(campaign, new Date(closes.getTime() - 3 * DAY))[0]!.offset).toBe('3d');
  });

  it('keys a moved deadline differently, so the new time gets its own reminders', () => {
    const now = new Date('2026-11-29T08:00:00.000Z');
    const moved = { ...campaign, applicationClosesAt: new Date(closes.getTime() + DAY) };
    expect(plannedReminders(moved, now)[0]!.dedupeKey).not.toBe(
      plannedReminders(campaign, now)[0]!.dedupeKey,
    );
  });
});

describe('daily scan', () => {
  it('keys today by the China date and schedules tomorrow at 01:00 Beijing time', () => {
    // 2026-11-29 23:30 in Beijing.
    const now = new Date('2026-11-29T15:30:00.000Z');
    expect(todaysScan(now).dedupeKey).toBe('deadline.scan:2026-11-29');
    expect(nextDailyScan(now)).toEqual({
      runAt: new Date('2026-11-29T17:00:00.000Z'),
      dedupeKey: 'deadline.scan:2026-11-30',
    });
  });

  it('never gives the next scan the key of a scan run just after midnight', () => {
    const now = new Date('2026-11-29T16:10:00.000Z'); // 00:10 on the 30th in Beijing
    expect(todaysScan(now).dedupeKey).toBe('deadline.scan:2026-11-30');
    expect(nextDailyScan(now).dedupeKey).toBe('deadline.scan:2026-12-01');
  });
});

describe('reminderText', () => {
  it('says how many days are left, in both languages, with the Beijing time', () => {
    const t = reminderText('application', '3d', { id: 'c1', name: '2026年度“双示范”创建' }, closes);
    expect(t.titleZh).toBe('距申报截止还有3天');
    expect(t.titleEn).toBe('3 days left before applications close');
    expect(t.bodyZh).toContain('2026-12-15 17:30');
    expect(t.link).toBe('/applications?campaignId=c1');
    const r = reminderText('recommendation', '1d', { id: 'c1', name: 'X' }, recommend);
    expect([r.kind, r.titleZh, r.titleEn]).toEqual([
      'deadline.recommendation',
      '距推荐截止还有1天',
      '1 day left before unit recommendations close',
    ]);
    // The unit's reminder opens its 推荐初审 page on the campaign (issue 7 §1.3).
    expect(r.link).toBe('/recommend?campaign=c1');
  });
});

describe('stage-closing reminders', () => {
  const stage = { id: 's1', closesAt: new Date('2026-12-20T10:00:00.000Z') };
  it('are planned 3 days and 1 day before the stage closes, those behind us skipped', () => {
    expect(plannedStageReminders(stage, new Date('2026-11-29T08:00:00.000Z'))).toEqual([
      {
        stageId: 's1',
        at: '2026-12-20T10:00:00.000Z',
        offset: '3d',
        runAt: new Date('2026-12-17T10:00:00.000Z'),
        dedupeKey: 'remind:stage:s1:2026-12-20T10:00:00.000Z:3d',
      },
      {
        stageId: 's1',
        at: '2026-12-20T10:00:00.000Z',
        offset: '1d',
        runAt: new Date('2026-12-19T10:00:00.000Z'),
        dedupeKey: 'remind:stage:s1:2026-12-20T10:00:00.000Z:1d',
      },
    ]);
    expect(plannedStageReminders(stage, new Date('2026-12-18T00:00:00.000Z')).map((p) => p.offset)).toEqual([
      '1d',
    ]);
    expect(plannedStageReminders(stage, new Date('2026-12-19T10:00:00.001Z'))).toEqual([]);
  });

  it('say the stage, the campaign, the closing time in Beijing and how many reviews are not locked', () => {
    const s = { id: 's1', nameZh: '集体评审', nameEn: 'Panel review', campaignName: '2026年度“双示范”创建' };
    expect(reviewReminderText(s, stage.closesAt, 1, '1d')).toEqual({
      kind: 'deadline.review',
      titleZh: '距评分截止还有1天',
      titleEn: '1 day left to score',
      bodyZh: '“2026年度“双示范”创建”的“集体评审”将于 2026-12-20 18:00 截止评分，您还有 1 份评审未确认锁定。',
      bodyEn:
        'Scoring for “Panel review” of “2026年度“双示范”创建” closes at 2026-12-20 18:00 (Beijing time); 1 of your reviews is not locked yet.',
      link: '/reviews?stage=s1',
    });
    const nudge = reviewReminderText(s, stage.closesAt, 4, null);
    expect([nudge.kind, nudge.titleZh, nudge.titleEn]).toEqual([
      'review.reminder',
      '工委提醒您尽快完成评分',
      'The committee asks you to finish your reviews',
    ]);
    expect(nudge.bodyEn).toContain('4 of your reviews are not locked yet');
  });
});
