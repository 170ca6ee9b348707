import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { jobs, notifications, users } from '../db/schema';
import { ConfigError, loadConfig } from '../config';
import { makeTestEnv, seedTree, seedUsers, type TestEnv } from '../../test/helpers';
import { notify } from '../modules/notifications/service';
import { EMAIL, emailHandler, type MailTransport } from './email';
import { jobHandlers } from './index';
import { ensureMailSweep, MAIL_SWEEP, mailOf, mailSweepHandler } from './notification-mail';
import { JobRunner } from './runner';

let env: TestEnv;
let ids: { cadmin: string; uadmin: string; appl: string; rev: string };
const config = {
  mail: {
    smtpUrl: 'smtp://mail.example.org',
    from: '示范创建 <noreply@example.org>',
    publicUrl: 'https://shifan.example.gov.cn',
  },
};
type Sent = { to: { address: string }[]; subject: string; text: string };
const sent: Sent[] = [];
let runner: JobRunner;

const MSG = {
  kind: 'application.returned',
  titleZh: '申报已退回修改',
  titleEn: 'Application returned for revision',
  bodyZh: '请补充成效数据后重新提交。',
  bodyEn: 'Please add the results and submit again.',
  link: '/applications/42',
};

beforeAll(async () => {
  env = await makeTestEnv();
  const tree = await seedTree(env.db);
  const u = await seedUsers(env.db, tree);
  ids = {
    cadmin: u.committee_admin.id,
    uadmin: u.unit_admin.id,
    appl: u.applicant.id,
    rev: u.reviewer.id,
  };
  // cadmin and rev have addresses; uadmin has one but is disabled; appl has none.
  await env.db.update(users).set({ email: 'wangjianhua@example.org' }).where(eq(users.id, ids.cadmin));
  await env.db.update(users).set({ email: 'chensiyuan@example.org' }).where(eq(users.id, ids.rev));
  await env.db
    .update(users)
    .set({ email: 'zhaowenjing@example.org', disabled: true })
    .where(eq(users.id, ids.uadmin));
  const json = nodemailer.createTransport({ jsonTransport: true });
  const transport: MailTransport = {
    sendMail: async (m) => {
      const info = await json.sendMail(m);
      sent.push(JSON.parse(info.message as unknown as string));
      return info;
    },
  };
  runner = new JobRunner({
    db: env.db,
    clock: () => env.clock.now,
    handlers: {
      [MAIL_SWEEP]: mailSweepHandler(config),
      [EMAIL]: emailHandler(transport, config.mail.from),
    },
  });
});
afterAll(() => env.close());

describe('the e-mail copy of the inbox', () => {
  it('runs only with SMTP configured', () => {
    expect(Object.keys(jobHandlers(env.config))).not.toContain(MAIL_SWEEP);
    expect(Object.keys(jobHandlers(config)).sort()).toEqual([
      'audit.verify',
      'deadline.remind',
      'deadline.scan',
      'email.notifications',
      'email.send',
      'stage.remind',
    ]);
  });

  it('mails the last day’s notifications once, to active users with an address', async () => {
    // A notification of two days ago is not mailed when the sweep first runs.
    await notify(env.db, [ids.cadmin], MSG, new Date(env.clock.now.getTime() - 48 * 3600_000));
    await notify(env.db, [ids.cadmin, ids.uadmin, ids.appl], MSG, env.clock.now);
    expect(await ensureMailSweep(env.db, env.clock.now)).toBe(true);
    expect(await ensureMailSweep(env.db, env.clock.now)).toBe(false);

    await runner.tick();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to.map((t) => t.address)).toEqual(['wangjianhua@example.org']);
    expect(sent[0]!.subject).toBe('【示范创建】申报已退回修改');
    expect(sent[0]!.text).toBe(
      '申报已退回修改\n\n请补充成效数据后重新提交。\n\n查看：https://shifan.example.gov.cn/applications/42' +
        '\n\n——\nApplication returned for revision\n\nPlease add the results and submit again.\n\n' +
        'Open: https://shifan.example.gov.cn/applications/42' +
        '\n\n此邮件由示范创建管理平台自动发送，请勿回复。\nSent by Shifan; replies are not read.',
    );
    const mailed = await env.db
      .select({ userId: notifications.userId, emailedAt: notifications.emailedAt })
      .from(notifications)
      .where(eq(notifications.emailedAt, env.clock.now));
    expect(mailed).toEqual([{ userId: ids.cadmin, emailedAt: env.clock.now }]);
  });

  it('runs again a minute later, mailing only what is new', async () => {
    env.clock.advance(30_000);
    await notify(env.db, [ids.rev], { ...MSG, link: null }, env.clock.now);
    expect(await runner.tick()).toBe(0); // the next sweep is due a minute after the first
    env.clock.advance(30_000);
    await runner.tick();
    expect(sent.map((m) => m.to[0]!.address)).toEqual(['wangjianhua@example.org', 'chensiyuan@example.org']);
    expect(sent[1]!.text.startsWith('申报已退回修改\n\n请补充成效数据后重新提交。\n\n——\n')).toBe(true);
    const sweeps = await env.db.select().from(jobs).where(eq(jobs.kind, MAIL_SWEEP));
    expect(sweeps.map((j) => j.status).sort()).toEqual(['done', 'done', 'pending']);
  });

  it('says to sign in when the public address is not configured', () => {
    const m = mailOf({ email: 'a@example.org', ...MSG }, null);
    expect(m.text.split('\n\n')[2]).toBe('请登录示范创建管理平台查看。');
  });

  it('takes the public address from SHIFAN_PUBLIC_URL, without a trailing slash', () => {
    expect(loadConfig({ SHIFAN_PUBLIC_URL: 'https://shifan.example.gov.cn/' }).mail.publicUrl).toBe(
      'https://shifan.example.gov.cn',
    );
    expect(() => loadConfig({ SHIFAN_PUBLIC_URL: 'ftp://x.example.org' })).toThrow(ConfigError);
  });
});
