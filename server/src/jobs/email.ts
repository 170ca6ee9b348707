/**
 * Optional e-mail (`email.send` jobs), sent with nodemailer over the configured SMTP server. Without
 * SHIFAN_SMTP_URL no e-mail job is ever queued and the runner has no handler for them. Sending is a side
 * effect outside the database, so the handler is not transactional (at-least-once).
 */
import { z } from 'zod';
import type { Config } from '../config';
import type { DbOrTx } from '../db/client';
import { enqueue } from './repo';
import type { JobHandler } from './runner';

export const EMAIL = 'email.send';

const mail = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20000),
});
export type Mail = z.infer<typeof mail>;

/** What sends: a nodemailer transport (`nodemailer.createTransport(url)`). */
export interface MailTransport {
  sendMail(m: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** Queues one e-mail when mail is configured; answers false (and queues nothing) otherwise. */
export async function queueEmail(
  db: DbOrTx,
  config: Pick<Readonly<Config>, 'mail'>,
  m: Mail,
  now: Date,
  dedupeKey?: string,
): Promise<boolean> {
  if (!config.mail.smtpUrl) return false;
  const payload = mail.parse(m);
  return (await enqueue(db, [{ kind: EMAIL, runAt: now, payload, dedupeKey: dedupeKey ?? null }], now)) === 1;
}

export function emailHandler(transport: MailTransport, from: string): JobHandler {
  return {
    transactional: false,
    async run(_db, job) {
      const m = mail.parse(job.payload);
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
