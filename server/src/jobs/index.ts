/** The job runner as the server runs it: handlers wired from the configuration, today's scan ensured. */
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { AUDIT_CHECK, auditCheckHandler, ensureAuditCheck } from './audit-chain';
import {
  ensureDailyScan,
  REMIND,
  remindHandler,
  SCAN,
  scanHandler,
  STAGE_REMIND,
  stageRemindHandler,
} from './deadlines';
import { EMAIL, emailHandler } from './email';
import { ensureMailSweep, MAIL_SWEEP, mailSweepHandler } from './notification-mail';
import { JobRunner, type JobHandler, type JobLog } from './runner';

export function jobHandlers(
  config: Pick<Readonly<Config>, 'mail'>,
  log: JobLog = { info: () => {}, error: () => {} },
): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [SCAN]: scanHandler,
    [REMIND]: remindHandler,
    [STAGE_REMIND]: stageRemindHandler,
    [AUDIT_CHECK]: auditCheckHandler(log),
  };
  if (config.mail.smtpUrl && config.mail.from) {
    handlers[EMAIL] = emailHandler(nodemailer.createTransport(config.mail.smtpUrl), config.mail.from);
    handlers[MAIL_SWEEP] = mailSweepHandler(config);
  }
  return handlers;
}

/** Makes sure today's deadline scan, the next audit chain check (and, with SMTP, the mail sweep) are queued, then starts polling. Stop it before closing the database. */
export async function startJobRunner(deps: {
  db: Db;
  config: Readonly<Config>;
  clock: () => Date;
  log?: JobLog;
  pollMs?: number;
}): Promise<JobRunner> {
  await ensureDailyScan(deps.db, deps.clock());
  await ensureAuditCheck(deps.db, deps.clock());
  if (deps.config.mail.smtpUrl) await ensureMailSweep(deps.db, deps.clock());
  const runner = new JobRunner({
    db: deps.db,
    clock: deps.clock,
    handlers: jobHandlers(deps.config, deps.log),
    log: deps.log,
    pollMs: deps.pollMs,
  });
  runner.start();
  return runner;
}
