import crypto from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainHead, auditEvents } from '../../db/schema';
import type { DbOrTx } from '../../db/client';
import type { Ctx } from '../../core/context';
import {
  client,
  login,
  makeTestEnv,
  seedTree,
  seedUsers,
  testKeys,
  type TestEnv,
} from '../../../test/helpers';
import { canonical, chainUnchainedEvents, GENESIS, stableJson } from './chain';
import { verifyChain, type ChainReport } from './verify';
import { writeAudit } from './write';

let env: TestEnv;
const ctx = (): Ctx => ({
  actor: null,
  ip: '10.0.0.9',
  requestId: 'req-chain-1',
  lang: 'zh-CN',
  now: env.clock.now,
});
const events = () => env.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));

beforeAll(async () => {
  env = await makeTestEnv();
  await seedUsers(env.db, await seedTree(env.db));
  // Events through the real app (a login, an account created, a failed login), then 40 concurrent writers.
  const cadmin = client(env.app, await login(env.app, 'cadmin'));
  expect(
    (await cadmin.post('/api/accounts', { username: 'zhao', displayName: '赵专家', role: 'reviewer' }))
      .statusCode,
  ).toBe(201);
  await client(env.app, null).post('/api/auth/login', { username: 'nobody', password: 'x' });
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      env.db.transaction((tx) =>
        writeAudit(tx, ctx(), {
          action: 'auth.logout',
          objectType: 'user',
          objectId: `u-${i}`,
          detail: `第${i}个`,
        }),
      ),
    ),
  );
});
afterAll(() => env.close());

/** The trigger's refusal, as the driver's error carries it. */
const appendOnly = { cause: { message: 'audit_events is append-only' } };

/** Changes rows as the database owner (the trigger switched off), verifies, and rolls it all back. */
async function tampered(change: (tx: DbOrTx) => Promise<unknown>): Promise<ChainReport> {
  let report: ChainReport | null = null;
  await expect(
    env.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
      await change(tx);
      report = await verifyChain(tx);
      tx.rollback();
    }),
  ).rejects.toThrow('Rollback');
  return report!;
}

describe('the audit hash chain', () => {
  it('numbers every event 1…n without gaps, even with 40 concurrent writers, and the head holds the last link', async () => {
    const all = await events();
    expect(all.length).toBe(43);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    expect(all.slice(0, 3).map((e) => e.action)).toEqual(['auth.login', 'accounts.create', 'auth.login']);
    expect(new Set(all.slice(3).map((e) => e.objectId)).size).toBe(40);
    const [head] = await env.db.select().from(auditChainHead);
    expect(head).toEqual({ id: 1, seq: 43, link: all[42]!.link });
  });

  it('links each event by HMAC-SM3 over the previous link and the event in stable JSON, under audit key v1', async () => {
    const [first, second] = await events();
    const key = testKeys.current('audit').key;
    const mac = (prev: string, text: string) =>
      crypto.createHmac('sm3', key).update(`${prev}\n${text}`).digest('hex');
    expect(first!.keyVersion).toBe(1);
    expect(first!.link).toBe(mac(GENESIS, canonical(first!)));
    expect(second!.link).toBe(mac(first!.link!, canonical(second!)));
    expect(canonical(second!)).toBe(
      stableJson({ ...second!, link: undefined, at: second!.at.toISOString() }),
    );
    expect(stableJson({ b: 1, a: [{ d: null, c: '\uD800x' }], e: undefined })).toBe(
      '{"a":[{"c":"\uFFFDx","d":null}],"b":1}',
    );
  });

  it('verifies an untouched log: ok, every event checked', async () => {
    const report = await verifyChain(env.db);
    expect(report).toEqual({
      ok: true,
      checked: 43,
      from: 1,
      head: { seq: 43, link: (await events())[42]!.link },
      failure: null,
    });
    expect(await verifyChain(env.db, { last: 10 })).toMatchObject({ ok: true, checked: 10, from: 34 });
  });

  it('names the changed event when a field of event seq 17 is altered', async () => {
    const e17 = (await events())[16]!;
    const r = await tampered((tx) => tx.execute(sql`UPDATE audit_events SET detail = '改过' WHERE seq = 17`));
    expect(r.ok).toBe(false);
    expect(r.checked).toBe(16);
    expect(r.failure).toEqual({
      id: e17.id,
      seq: 17,
      message: `Event ${e17.id} (seq 17) fails: its link does not match its content and the previous link (changed or put in)`,
    });
    const outcome = await tampered((tx) =>
      tx.execute(sql`UPDATE audit_events SET outcome = 'failure' WHERE seq = 2`),
    );
    expect(outcome.failure?.seq).toBe(2);
  });

  it('names the missing number when event seq 20 is deleted, and the end when the last ones are', async () => {
    const e21 = (await events())[20]!;
    const r = await tampered((tx) => tx.execute(sql`DELETE FROM audit_events WHERE seq = 20`));
    expect(r.failure).toEqual({
      id: e21.id,
      seq: 21,
      message: `Event seq 20 is missing (removed): event ${e21.id} (seq 21) follows seq 19`,
    });
    const tail = await tampered((tx) => tx.execute(sql`DELETE FROM audit_events WHERE seq >= 42`));
    expect(tail.failure).toEqual({
      id: null,
      seq: 42,
      message: 'Events seq 42–43 are missing (removed from the end of the chain)',
    });
  });

  it('names an inserted event: with a forged link, in place of a renumbered one, or with no link at all', async () => {
    const forged = await tampered(async (tx) => {
      await tx.execute(sql`INSERT INTO audit_events (at, action, outcome, seq, link, key_version)
                           VALUES (now(), 'auth.login', 'success', 44, ${'ab'.repeat(32)}, 1)`);
      await tx.execute(sql`UPDATE audit_chain_head SET seq = 44, link = ${'ab'.repeat(32)}`);
    });
    expect(forged.failure?.seq).toBe(44);
    expect(forged.failure?.message).toMatch(/^Event \d+ \(seq 44\) fails: its link does not match/);
    // Put in at 10: the old 10…43 move up one.
    const between = await tampered(async (tx) => {
      await tx.execute(sql`UPDATE audit_events SET seq = seq + 100 WHERE seq >= 10`);
      await tx.execute(sql`UPDATE audit_events SET seq = seq - 99 WHERE seq >= 110`);
      const [e9] = await tx
        .select()
        .from(auditEvents)
        .where(sql`seq = 9`);
      await tx.execute(sql`INSERT INTO audit_events (at, action, outcome, seq, link, key_version)
                           VALUES (now(), 'auth.login', 'success', 10, ${e9!.link}, 1)`);
    });
    expect(between.failure?.seq).toBe(10);
    expect(between.checked).toBe(9);
    const loose = await tampered((tx) =>
      tx.execute(sql`INSERT INTO audit_events (at, action, outcome) VALUES (now(), 'auth.login', 'success')`),
    );
    expect(loose.failure?.seq).toBeNull();
    expect(loose.failure?.message).toMatch(/^Event \d+ has no chain link \(written around Shifan\)$/);
  });

  it('still refuses UPDATE and DELETE of a chained event as the application', async () => {
    await expect(
      env.db.execute(sql`UPDATE audit_events SET detail = 'x' WHERE seq = 1`),
    ).rejects.toMatchObject(appendOnly);
    await expect(env.db.execute(sql`DELETE FROM audit_events WHERE seq = 1`)).rejects.toMatchObject(
      appendOnly,
    );
    await expect(
      env.db.execute(sql`UPDATE audit_events SET seq = 999, link = 'x', key_version = 1 WHERE seq = 1`),
    ).rejects.toMatchObject(appendOnly);
  });
});

describe('events from before the chain', () => {
  it('are chained once at start-up, oldest first, and may not change anything else while being chained', async () => {
    const other = await makeTestEnv();
    try {
      for (const n of [1, 2, 3])
        await other.db.insert(auditEvents).values({
          at: new Date(Date.UTC(2026, 0, n)),
          action: 'auth.login',
          outcome: 'success',
          detail: `旧${n}`,
        });
      await expect(
        other.db.execute(
          sql`UPDATE audit_events SET seq = 1, link = 'x', key_version = 1, detail = '改' WHERE detail = '旧1'`,
        ),
      ).rejects.toMatchObject(appendOnly);
      expect(await chainUnchainedEvents(other.db)).toBe(3);
      expect(await chainUnchainedEvents(other.db)).toBe(0);
      const rows = await other.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      expect(rows.map((r) => [r.seq, r.detail])).toEqual([
        [1, '旧1'],
        [2, '旧2'],
        [3, '旧3'],
      ]);
      await writeAudit(other.db, { ...ctx(), now: other.clock.now }, { action: 'auth.logout' });
      expect(await verifyChain(other.db)).toMatchObject({ ok: true, checked: 4, head: { seq: 4 } });
      await expect(
        other.db.execute(sql`UPDATE audit_events SET seq = 9, link = 'x', key_version = 1 WHERE seq = 1`),
      ).rejects.toMatchObject(appendOnly);
    } finally {
      await other.close();
    }
  });
});
