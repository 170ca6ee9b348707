import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { jobs } from '../db/schema';
import { ConfigError, loadConfig } from '../config';
import { makeTestEnv, type TestEnv } from '../../test/helpers';
import { findJob } from './repo';
import { EMAIL, emailHandler, queueEmail, type MailTransport } from './email';
import { jobHandlers } from './index';
import { JobRunner } from './runner';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const mail = { to: 'secretary@example.org', subject: '距申报截止还有3天', text: '请尽快提交申报材料。' };

describe('mail settings', () => {
  it('are off by default, and need a sender when an SMTP server is set', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: null, publicUrl: null });
    expect(() => loadConfig({ SHIFAN_SMTP_URL: 'smtp://mail.example.org:25' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHIFAN_SMTP_URL: 'http://x', SHIFAN_MAIL_FROM: 'a@b.c' })).toThrow(
      /SHIFAN_SMTP_URL/,
    );
    expect(
      loadConfig({
        SHIFAN_SMTP_URL: 'smtps://u:p@mail.example.org',
        SHIFAN_MAIL_FROM: '示范 <noreply@example.org>',
      }).mail,
    ).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org',
      from: '示范 <noreply@example.org>',
      publicUrl: null,
    });
  });
});

describe('e-mail jobs', () => {
  it('are never queued without SMTP, and the runner has no handler for them', async () => {
    expect(await queueEmail(env.db, env.config, mail, env.clock.now)).toBe(false);
    expect(await env.db.select().from(jobs).where(eq(jobs.kind, EMAIL))).toEqual([]);
    expect(Object.keys(jobHandlers(env.config)).sort()).toEqual([
      'audit.verify',
      'deadline.remind',
      'deadline.scan',
      'stage.remind',
    ]);
  });

  it('are queued and sent through the SMTP transport when configured', async () => {
    const config = {
      mail: { smtpUrl: 'smtp://mail.example.org', from: 'Shifan <noreply@example.org>', publicUrl: null },
    };
    expect(Object.keys(jobHandlers(config))).toContain(EMAIL);
    expect(await queueEmail(env.db, config, mail, env.clock.now, 'mail:test')).toBe(true);
    expect(await queueEmail(env.db, config, mail, env.clock.now, 'mail:test')).toBe(false);

    const json = nodemailer.createTransport({ jsonTransport: true });
    const sent: { from: { address: string }; to: { address: string }[]; subject: string; text: string }[] =
      [];
    const transport: MailTransport = {
      sendMail: async (m) => {
        const info = await json.sendMail(m);
        sent.push(JSON.parse(info.message as unknown as string));
        return info;
      },
    };
    const runner = new JobRunner({
      db: env.db,
      clock: () => env.clock.now,
      handlers: { [EMAIL]: emailHandler(transport, config.mail.from) },
    });
    expect(await runner.tick()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      from: { address: 'noreply@example.org' },
      to: [{ address: 'secretary@example.org' }],
      subject: '距申报截止还有3天',
      text: '请尽快提交申报材料。',
    });
    const [job] = await env.db.select().from(jobs).where(eq(jobs.dedupeKey, 'mail:test'));
    expect((await findJob(env.db, job!.id))!.status).toBe('done');
  });

  it('refuses a bad address before queueing', async () => {
    const config = { mail: { smtpUrl: 'smtp://mail.example.org', from: 'x@example.org', publicUrl: null } };
    await expect(
      queueEmail(env.db, config, { ...mail, to: 'not an address' }, env.clock.now),
    ).rejects.toThrow();
  });
});
