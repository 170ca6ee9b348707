import type { Db } from './db/client';
import type { Config } from './config';
import type { Actor } from './core/context';
import type { Policy } from '../../shared/src/domain/permissions';

/** What the app is built from: tests pass their own database and clock. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  migration: string;
  config: Readonly<Config>;
  clock: () => Date;
  version: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionHash: string | null;
  }
  interface FastifyContextConfig {
    /** Every route declares one (AC-01): the server refuses to boot otherwise. */
    policy?: Policy;
  }
}
