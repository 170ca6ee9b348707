/**
 * The e-mail copy of the inbox. With SMTP configured, `email.notifications` runs every minute: it takes the
 * notifications of the last 24 hours not yet mailed whose user has an address and is active, queues one
 * `email.send` job each (sent, with retries, by the e-mail handler) and stamps `emailed_at`, all in the
 * transaction that marks the sweep done — so a notification is mailed once, and `notify` (called inside
 * every change's own transaction) needs to know nothing of mail. Without SMTP nothing is swept or stamped;
 * when SMTP is switched on later, only the last day's notifications go out, not the whole history.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Config } from '../config';
import type { DbOrTx } from '../db/client';
import { notifications, users } from '../db/schema';
import { EMAIL, type Mail } from './email';
import { enqueue } from './repo';
import type { JobHandler } from './runner';

export const MAIL_SWEEP = 'email.notifications';
/** How often the sweep runs, and how many notifications one run takes (the rest wait a minute). */
export const SWEEP_EVERY_MS = 60_000;
export const SWEEP_BATCH = 200;
const WINDOW_MS = 24 * 3600_000;

/** One sweep per minute: the key is the minute it runs in. */
function sweepJob(runAt: Date) {
  return { kind: MAIL_SWEEP, runAt, dedupeKey: `${MAIL_SWEEP}:${runAt.toISOString().slice(0, 16)}` };
}

/** Queues a sweep now unless one is queued for this minute: call at start when mail is configured. */
export async function ensureMailSweep(db: DbOrTx, now: Date): Promise<boolean> {
  return (await enqueue(db, [sweepJob(now)], now)) === 1;
}

interface Row {
  email: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  link: string | null;
}

/** The e-mail of one notification: Chinese first, English below, and a link when the public address is known. */
export function mailOf(n: Row, publicUrl: string | null): Mail {
  const open = n.link
    ? publicUrl
      ? { zh: `查看：${publicUrl}${n.link}`, en: `Open: ${publicUrl}${n.link}` }
      : { zh: '请登录示范创建管理平台查看。', en: 'Sign in to Shifan to see it.' }
    : null;
  const zh = [n.titleZh, n.bodyZh, open?.zh].filter(Boolean).join('\n\n');
  const en = [n.titleEn, n.bodyEn, open?.en].filter(Boolean).join('\n\n');
  return {
    to: n.email,
    subject: `【示范创建】${n.titleZh}`,
    text: `${zh}\n\n——\n${en}\n\n此邮件由示范创建管理平台自动发送，请勿回复。\nSent by Shifan; replies are not read.`,
  };
}

export function mailSweepHandler(config: Pick<Readonly<Config>, 'mail'>): JobHandler {
  return {
    async run(db, _job, now) {
      const rows = await db
        .select({
          id: notifications.id,
          email: users.email,
          titleZh: notifications.titleZh,
          titleEn: notifications.titleEn,
          bodyZh: notifications.bodyZh,
          bodyEn: notifications.bodyEn,
          link: notifications.link,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(
          and(
            isNull(notifications.emailedAt),
            gte(notifications.createdAt, new Date(now.getTime() - WINDOW_MS)),
            isNotNull(users.email),
            eq(users.disabled, false),
          ),
        )
        .orderBy(asc(notifications.createdAt), asc(notifications.id))
        .limit(SWEEP_BATCH);
      if (rows.length > 0) {
        await enqueue(
          db,
          rows.map((r) => ({
            kind: EMAIL,
            runAt: now,
            payload: mailOf({ ...r, email: r.email! }, config.mail.publicUrl),
            dedupeKey: `${EMAIL}:notification:${r.id}`,
          })),
          now,
        );
        await db
          .update(notifications)
          .set({ emailedAt: now })
          .where(
            inArray(
              notifications.id,
              rows.map((r) => r.id),
            ),
          );
      }
      await enqueue(db, [sweepJob(new Date(now.getTime() + SWEEP_EVERY_MS))], now);
    },
  };
}
