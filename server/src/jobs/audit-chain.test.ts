import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestEnv, type TestEnv } from '../../test/helpers';
import { writeAudit } from '../modules/audit/write';
import { auditChainHead, jobs } from '../db/schema';
import {
  AUDIT_CHECK,
  auditCheckHandler,
  checkAuditChain,
  ensureAuditCheck,
  nextAuditCheck,
} from './audit-chain';

let env: TestEnv;
const lines: { level: string; obj: object; msg: string }[] = [];
const log = {
  info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
  error: (obj: object, msg: string) => lines.push({ level: 'error', obj, msg }),
};

beforeAll(async () => {
  env = await makeTestEnv();
  for (const action of ['auth.login', 'auth.logout'] as const)
    await writeAudit(
      env.db,
      { actor: null, ip: null, requestId: null, lang: 'en', now: env.clock.now },
      { action },
    );
});
afterAll(() => env.close());

describe('the daily audit chain check', () => {
  it('runs at the next 02:00 Beijing time, keyed by that date, queued once', async () => {
    expect(nextAuditCheck(new Date('2026-11-29T08:00:00Z'))).toEqual({
      runAt: new Date('2026-11-29T18:00:00Z'),
      dedupeKey: 'audit.verify:2026-11-30',
    });
    expect(nextAuditCheck(new Date('2026-11-29T18:00:00Z')).runAt).toEqual(new Date('2026-11-30T18:00:00Z'));
    expect(await ensureAuditCheck(env.db, env.clock.now)).toBe(true);
    expect(await ensureAuditCheck(env.db, env.clock.now)).toBe(false);
  });

  it('logs the anchor (newest seq and link) when intact, and queues the next day', async () => {
    const [job] = await env.db
      .select()
      .from(jobs)
      .where(sql`kind = ${AUDIT_CHECK}`);
    await auditCheckHandler(log).run(env.db, job!, new Date('2026-11-29T18:00:00Z'));
    const [head] = await env.db.select().from(auditChainHead);
    expect(lines).toEqual([
      {
        level: 'info',
        obj: {
          auditAnchor: { seq: 2, link: head!.link },
          checked: 2,
        },
        msg: 'audit chain verified; anchor',
      },
    ]);
    const keys = (
      await env.db
        .select({ k: jobs.dedupeKey })
        .from(jobs)
        .where(sql`kind = ${AUDIT_CHECK}`)
    ).map((r) => r.k);
    expect(keys.sort()).toEqual(['audit.verify:2026-11-30', 'audit.verify:2026-12-01']);
  });

  it('logs AUDIT CHAIN BROKEN at level error naming the event', async () => {
    lines.length = 0;
    await env.db
      .transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
        await tx.execute(sql`UPDATE audit_events SET action = 'auth.lockout' WHERE seq = 2`);
        const r = await checkAuditChain(tx, log);
        expect(r.ok).toBe(false);
        tx.rollback();
      })
      .catch(() => {});
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(lines[0]!.msg).toMatch(/^AUDIT CHAIN BROKEN: Event \d+ \(seq 2\) fails: its link does not match/);
  });
});
